#!/usr/bin/env bash
# Fuzzes the scenario and CSV loaders with libFuzzer for a fixed time (not run by CI):
#   scripts/fuzz.sh [seconds=300]
# Seeds: every file of the bad-input corpus (Tests/fundallocEndToEndTests/Corpus), as a scenario
# (first byte 0) and as a projects CSV (first byte 1). Crashes are saved as Fuzz/crash-*; the
# result is written to Fuzz/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
make -s deps
(cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer 2>&1 | tail -1)
seed=$(mktemp -d) work=$(mktemp -d)
for f in Tests/fundallocEndToEndTests/Corpus/*.yaml Tests/fundallocEndToEndTests/Corpus/*.csv; do
    [ -f "$f" ] || continue
    { printf '\x00'; cat "$f"; } > "$seed/s-$(basename "$f")"
    { printf '\x01'; cat "$f"; } > "$seed/c-$(basename "$f")"
done
log=$(mktemp)
set +e
Fuzz/.build/release/FuzzLoaders "$work" "$seed" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix=Fuzz/crash- -rss_limit_mb=2048 > "$log" 2>&1
status=$?
set -e
runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
units=$(grep -o 'stat::new_units_added: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
crashes=$(find Fuzz -maxdepth 1 -name 'crash-*' | wc -l)
cat > Fuzz/RESULTS.md <<MD
# Fuzzing the loaders: last result

\`scripts/fuzz.sh $seconds\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(swift --version 2>&1 | head -1 | sed 's/ (.*//')):

| seconds | executions | per second | new inputs | crashes | libFuzzer exit |
| --- | --- | --- | --- | --- | --- |
| $seconds | $runs | $rate | $units | $crashes | $status |

Seeds: the $(ls "$seed" | wc -l) files made from the bad-input corpus. Target: \`Fuzz/Sources/FuzzLoaders\`
(the first byte picks a scenario file or a projects CSV; every input is loaded and checked by
\`ScenarioLoader.load\`, as \`fundalloc check\` does).
MD
cat Fuzz/RESULTS.md
rm -rf "$seed" "$work" "$log"
exit $(( crashes > 0 ))
