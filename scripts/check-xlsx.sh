#!/usr/bin/env bash
# Opens fundalloc's workbooks with the readers leadership's machines use, outside the Swift
# tests: LibreOffice (headless: every sheet to CSV, the workbook to PDF and the PDF pages to
# PNG to look at) and Python's openpyxl (values against `solve --format json`, number formats,
# frozen header, autofilter). Installs libreoffice-calc, poppler-utils and openpyxl when missing.
#
#   scripts/check-xlsx.sh [OUT]     (default OUT: .build/check-xlsx; FUNDALLOC_BIN to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/check-xlsx}
bin=${FUNDALLOC_BIN:-}
if [ -z "$bin" ]; then make -s build >/dev/null; bin=.build/release/fundalloc; fi
command -v soffice >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc)
command -v pdftoppm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils)
python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl
rm -rf "$out" && mkdir -p "$out"

for s in baseline replan-2018 villages; do
    for lang in zh en; do
        "$bin" solve "scenarios/xianyang-$s.yaml" --lang "$lang" -o "$out/$s.$lang.xlsx"
    done
    "$bin" solve "scenarios/xianyang-$s.yaml" --format json -o "$out/$s.json"
done
"$bin" sweep scenarios/xianyang-baseline.yaml --vary budget.total=1亿:1.2亿:3 --lang zh -o "$out/sweep.zh.xlsx"
"$bin" compare scenarios/xianyang-baseline.yaml scenarios/xianyang-budget-cut-20.yaml --lang zh -o "$out/compare.zh.xlsx"
"$bin" frontier scenarios/xianyang-baseline.yaml --budget 1亿:1.3亿:4 --lang zh -o "$out/frontier.zh.xlsx" || [ $? -le 3 ]
"$bin" robust scenarios/xianyang-uncertain.yaml --samples 20 --lang zh -o "$out/robust.zh.xlsx"

# LibreOffice: every sheet as CSV (filter token 12 = -1: all sheets), and the plan as PDF pages.
profile=$(mktemp -d); trap 'rm -rf "$profile"' EXIT
for f in "$out"/*.xlsx; do
    soffice --headless -env:UserInstallation=file://"$profile" \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
        --outdir "$out/csv" "$f" >/dev/null 2>&1
done
soffice --headless -env:UserInstallation=file://"$profile" --convert-to pdf --outdir "$out" "$out/baseline.zh.xlsx" >/dev/null 2>&1
pdftoppm -png -r 60 "$out/baseline.zh.pdf" "$out/baseline.zh-page"
echo "LibreOffice: $(ls "$out/csv" | wc -l) sheets as CSV in $out/csv; $(ls "$out"/baseline.zh-page*.png | wc -l) PDF pages as PNG in $out"

python3 - "$out" <<'PY'
import csv, json, os, sys
import openpyxl
out = sys.argv[1]
failures = []
def check(ok, what):
    if not ok: failures.append(what)
for s in ["baseline", "replan-2018", "villages"]:
    report = json.load(open(f"{out}/{s}.json"))
    for lang, funded_name, funds_header in [("zh", "资助项目", "安排资金（元）"), ("en", "Funded projects", "Funds (yuan)")]:
        wb = openpyxl.load_workbook(f"{out}/{s}.{lang}.xlsx")
        ws = wb[funded_name]
        header = [c.value for c in ws[1]]
        col = header.index(funds_header)
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        data, total = rows[:-1], rows[-1]
        check([r[0] for r in data] == [p["id"] for p in report["projects"]], f"{s}.{lang}: funded ids")
        check([r[col] for r in data] == [p["funds"] for p in report["projects"]], f"{s}.{lang}: funds")
        check(ws.freeze_panes == "A2", f"{s}.{lang}: frozen header")
        check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), f"{s}.{lang}: autofilter")
        check(ws.cell(row=2, column=col + 1).number_format == "#,##0", f"{s}.{lang}: yuan format")
        check(str(total[col]).startswith("=SUM("), f"{s}.{lang}: totals row formula")
        # LibreOffice computed the totals row itself: it must be the report's total.
        lo = list(csv.reader(open(f"{out}/csv/{s}.{lang}-{funded_name}.csv", encoding="utf-8")))
        check(float(lo[-1][col].replace(",", "")) == report["totals"]["funds"], f"{s}.{lang}: LibreOffice's total")
print(f"openpyxl + LibreOffice: {len(failures)} failures")
for f in failures: print("  FAIL", f)
sys.exit(1 if failures else 0)
PY
