#!/usr/bin/env bash
# Benchmark parts 1 and 2 (Benchmarks/run.py) of HEAD against an earlier commit, both release
# builds made in their own worktrees (so that edits in this checkout do not interfere),
# interleaved in the same run: "no slower than before" as a ratio of medians.
#   scripts/bench-against.sh COMMIT [OUTPUT.md]     (default output: Benchmarks/against-COMMIT.md)
# BENCH_PARTS, BENCH_RUNS, BENCH_ORLIB_RUNS, BENCH_SLOW_RUNS work as for make bench.
set -euo pipefail
commit=${1:?usage: scripts/bench-against.sh COMMIT [OUTPUT.md]}
root=$(git rev-parse --show-toplevel)
out=${2:-Benchmarks/against-$(git -C "$root" rev-parse --short "$commit").md}
work=$(mktemp -d)
cleanup() {
    for w in base head; do git -C "$root" worktree remove --force "$work/$w" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
for w in base head; do
    ref=$commit; [ "$w" = head ] && ref=HEAD
    git -C "$root" worktree add --detach "$work/$w" "$ref" >/dev/null
    (cd "$work/$w" && swift build -c release --product fundalloc 2>&1 | tail -3)
done
# Run from HEAD's worktree: its scenarios and fixtures are the ones HEAD's binary reads.
cd "$work/head"
BENCH_PARTS=${BENCH_PARTS:-1,2} FUNDALLOC_BIN="$work/head/.build/release/fundalloc" \
    BENCH_BASELINE="$work/base/.build/release/fundalloc" BENCH_OUT="$root/$out" python3 Benchmarks/run.py
echo "wrote $out"
