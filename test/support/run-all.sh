#!/usr/bin/env bash
# `npm test`: type checks, lint, build, then unit and end-to-end tests inside a
# private desktop session (D-Bus, Secret Service, notification daemon).
# Ends with one line "N passed, N failed, N skipped" over both runners.
set -uo pipefail
cd "$(dirname "$0")/../.."
results=$(mktemp -d -t pilot-results-XXXXXX)
trap 'rm -rf "$results"' EXIT

step() { printf '\n== %s\n' "$1"; }
step "typecheck" && npm run -s typecheck || { echo "typecheck failed"; exit 1; }
step "lint" && npm run -s lint || { echo "lint failed"; exit 1; }
step "build" && node scripts/build.mjs --quiet || { echo "build failed"; exit 1; }

export PILOT_REQUIRE_DESKTOP=1
step "unit tests (vitest) and end-to-end tests (playwright, Chromium)"
bash test/support/with-desktop-session.sh bash -c '
  npx vitest run --reporter=default --reporter=json --outputFile.json="$0/vitest.json"; unit=$?
  PLAYWRIGHT_JSON_OUTPUT_NAME="$0/playwright-audio.json" npx playwright test --project=audio --reporter=list,json; audio=$?
  PLAYWRIGHT_JSON_OUTPUT_NAME="$0/playwright-app.json" npx playwright test --project=app --reporter=list,json; app=$?
  exit $(( unit || audio || app ))
' "$results"
status=$?
node test/support/summarize-results.mjs "$results/vitest.json" "$results/playwright-audio.json" "$results/playwright-app.json"
summary=$?
exit $(( status || summary ))
