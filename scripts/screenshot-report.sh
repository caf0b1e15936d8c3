#!/usr/bin/env bash
# Renders an HTML report in headless Chromium (Debian's `chromium`, installed when
# missing) and writes a PNG screenshot, to look at what a person would see.
#
#   scripts/screenshot-report.sh REPORT.html OUT.png
set -euo pipefail
html="$(realpath "$1")"
png="$2"
if ! command -v chromium >/dev/null; then
  if [[ "$(id -u)" == 0 ]]; then apt-get install -y -qq chromium >/dev/null; else sudo apt-get install -y -qq chromium >/dev/null; fi
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1100,2600 --screenshot="$png" "file://$html" 2>/dev/null
echo "Screenshot of $html written to $png"
