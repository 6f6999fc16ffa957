#!/usr/bin/env bash
# One-time setup on a Debian/Ubuntu machine: the system packages the app and
# its tests use, then the npm dependencies (npm ci). Safe to run again: it
# installs only what is missing.
#   chromium                      the browser host's window and the e2e browser
#   xvfb xauth                    headed windows without a screen (screenshots)
#   dbus dbus-x11 gnome-keyring   a Secret Service for the OS keychain (tests run a private one)
#   libsecret-1-0                 what the keychain library talks to on Linux
#   python3-dbusmock              a notification daemon the tests capture notifications from
#   sox espeak-ng                 test tones and speech for the audio tests
#   libreoffice-calc-nogui        opens exported CSV files in a real spreadsheet in the tests
#   redis-server postgresql       the team server's event streams and team history (tests start private instances)
#   openssl                       a throwaway certificate for the team server's TLS test
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium xvfb xauth dbus dbus-x11 gnome-keyring libsecret-1-0 python3-dbusmock sox espeak-ng libreoffice-calc-nogui redis-server postgresql openssl)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup: run as root or install: apt-get install ${missing[*]}" >&2
      exit 1
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not a Debian/Ubuntu system; install Chromium or Google Chrome yourself (or set CHROME_PATH)." >&2
fi

# npm ci when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
echo "setup: ready"
