#!/usr/bin/env bash
# Runs a command inside a private desktop session, so tests use real desktop
# services without touching the user's own:
#   - a private D-Bus session bus (dbus-run-session)
#   - gnome-keyring as the Secret Service, unlocked, in a temporary folder
#   - python3-dbusmock as the freedesktop notification daemon
#   - simulated sound devices for `--self-test` (the private session reaches no sound server;
#     PILOT_SIMULATED_AUDIO_DEVICES=speaker unplugs the microphone, an empty value uses the system's)
set -euo pipefail

if [ -z "${PILOT_IN_DESKTOP_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon dbus-monitor; do
    command -v "$tool" >/dev/null || { echo "with-desktop-session: $tool is missing; run 'npm run setup' first" >&2; exit 1; }
  done
  export PILOT_IN_DESKTOP_SESSION=1
  exec dbus-run-session -- "$0" "$@" 2> >(grep -v 'Failed to set fd limit' >&2)
fi

session_dir=$(mktemp -d -t pilot-desktop-XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$session_dir"' EXIT
export XDG_DATA_HOME="$session_dir/data" XDG_RUNTIME_DIR="$session_dir/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

printf 'test-session' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
/usr/bin/python3 -m dbusmock --session --template notification_daemon >"$session_dir/dbusmock.log" 2>&1 &

for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done
export PILOT_DESKTOP_SESSION=ready
export PILOT_SIMULATED_AUDIO_DEVICES="${PILOT_SIMULATED_AUDIO_DEVICES-microphone,speaker}"
"$@"
