#!/usr/bin/env bash
# Renders an HTML report with headless Chromium (Debian's `chromium`) to PNG and A4 PDF, to look
# at what planners will see and print:
#   scripts/render-report.sh report.html [out-prefix]   → out-prefix.png, out-prefix.pdf
# Installs chromium and a CJK font when missing (as root). No network is used by the page itself.
set -euo pipefail
html=$(realpath "$1")
prefix=${2:-${html%.html}}
# Chinese text needs a CJK font (Debian's fonts-noto-cjk); planners' machines have one.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
if ((${#missing[@]})); then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; fi
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-pdf-header-footer)
chromium "${flags[@]}" --window-size=1100,4200 --screenshot="$prefix.png" "file://$html" 2>/dev/null
chromium "${flags[@]}" --print-to-pdf="$prefix.pdf" "file://$html" 2>/dev/null
echo "$prefix.png $prefix.pdf"
