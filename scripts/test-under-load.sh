#!/usr/bin/env bash
# The suite under load (issue 16): clones this repository twice into an empty temporary folder
# (nothing beside the clones), rebuilds one from scratch in a loop, and meanwhile runs
# `make test` RUNS times (default 3) in the other. Prints one line per run; exits non-zero if
# any run failed. Takes about 15 minutes on 2 cores. Not part of `make test`.
set -u
runs=${1:-3}
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d)
stop_load() {
  [ -n "${load:-}" ] || return 0
  kill "$load" 2>/dev/null; pkill -f "$work/load" 2>/dev/null; wait "$load" 2>/dev/null
}
trap 'stop_load; rm -rf "$work"' EXIT
git clone -q "$top" "$work/tested"
git clone -q "$top" "$work/load"
( cd "$work/load" && while true; do rm -rf .build; swift build >/dev/null 2>&1; done ) &
load=$!
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if (cd "$work/tested" && make test) > "$work/run$i.log" 2>&1; then status=passed; else status=FAILED; failed=1; fi
  echo "run $i: $status in $(( $(date +%s) - start )) s — $(grep -E 'Test run with' "$work/run$i.log" | tail -n 1)"
  [ "$status" = FAILED ] && grep -E '✘' "$work/run$i.log" | head -n 20
done
exit $failed
