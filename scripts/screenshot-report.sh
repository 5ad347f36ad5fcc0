#!/usr/bin/env bash
# Screenshot a Crucible HTML report with headless Chromium, to look at it as a reader would.
#
#   scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH,HEIGHT]
#
# WIDTH,HEIGHT is the browser window (default 1280,2400; a taller window captures more of the
# page). Installs the Debian package `chromium` first if no Chromium is on the PATH.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
    exit 2
fi
report=$1
out=$2
size=${3:-1280,2400}

if [ ! -f "$report" ]; then
    echo "$0: no such report: $report" >&2
    exit 1
fi

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "Chromium not found; installing the Debian package 'chromium'..." >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y chromium >&2; else sudo apt-get install -y chromium >&2; fi
    browser=$(command -v chromium)
fi

abs_report=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
abs_out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

# A throwaway profile keeps the run independent of any user settings.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$abs_out" --window-size="$size" "file://$abs_report" 2>/dev/null
echo "wrote $abs_out"
