#!/bin/sh
# Makes xianyang-candidate-projects.xlsx from the CSV beside it, the way a planner would: opened
# in LibreOffice Calc as UTF-8 and saved as an Excel 2007+ workbook (numbers become number
# cells, text stays text). Needs LibreOffice (Debian: libreoffice-calc). The test suite checks
# that the workbook gives the same plan as the CSV (ShippedScenarioTests).
set -eu
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# CSV filter options: comma, double quote, UTF-8 (76), data from line 1.
soffice --headless -env:UserInstallation=file://"$out"/profile --infilter="CSV:44,34,76,1" \
    --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out" xianyang-candidate-projects.csv >/dev/null
mv "$out"/xianyang-candidate-projects.xlsx xianyang-candidate-projects.xlsx
echo "wrote $(pwd)/xianyang-candidate-projects.xlsx"
