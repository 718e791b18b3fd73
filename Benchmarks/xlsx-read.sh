#!/usr/bin/env bash
# The workbook reader's choices, measured: Foundation's XMLParser against SWXMLHash (tree and
# lazy) on the parts of the province list saved by LibreOffice (3,500 projects), and the whole
# `fundalloc check` from the CSV and from the workbook (medians of 5). Needs LibreOffice.
#   Benchmarks/xlsx-read.sh [OUT.md]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-Benchmarks/xlsx-read-results.md}
bin=${FUNDALLOC_BIN:-.build/release/fundalloc}
[ -x "$bin" ] || make -s build
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$bin" generate --projects 3500 --regions 56 --sources 10 --periods 4 --villages --seed 1 --out "$work/p" >/dev/null
(cd "$work/p" && for t in projects villages; do
    soffice --headless -env:UserInstallation=file://"$work/profile" --infilter="CSV:44,34,76,1" \
        --convert-to 'xlsx:Calc MS Excel 2007 XML' "$t.csv" >/dev/null 2>&1
done)
sed 's/projects.csv/projects.xlsx/; s/villages.csv/villages.xlsx/' "$work/p/scenario.yaml" > "$work/p/scenario-xlsx.yaml"
(cd "$work" && unzip -q -o p/projects.xlsx xl/worksheets/sheet1.xml xl/sharedStrings.xml)
parsers=$(cd Benchmarks/xlsx-parsers && swift run -c release xlsx-parsers "$work/xl/worksheets/sheet1.xml" "$work/xl/sharedStrings.xml" 2>/dev/null)
median() { for i in 1 2 3 4 5; do /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 3p; }
csv=$(median "$bin" check "$work/p/scenario.yaml")
xlsx=$(median "$bin" check "$work/p/scenario-xlsx.yaml")
{
    echo "# Reading workbooks: measured $(date -u +%Y-%m-%d) on $(nproc) cores"
    echo
    echo "Parsers on the province list's parts (median of 5; [elements found]):"
    echo
    echo "$parsers" | sed 's/^/- /'
    echo
    echo "\`fundalloc check\` of the province scenario (3,500 projects, 2,000 villages), median of 5:"
    echo "from CSV $csv s, from workbooks $xlsx s."
} | tee "$out"
