#!/usr/bin/env bash
# Benchmark parts 1 and 2 (Benchmarks/run.py) of HEAD against an earlier commit, both release
# builds made in their own worktrees (so that edits in this checkout do not interfere),
# interleaved in the same run: "no slower than before" as a ratio of medians.
#   scripts/bench-against.sh COMMIT [OUTPUT.md]     (default output: Benchmarks/against-COMMIT.md)
# BENCH_PARTS, BENCH_RUNS, BENCH_ORLIB_RUNS, BENCH_SLOW_RUNS work as for make bench; BENCH_SWEEP=1
# adds the 101-point sweep (Benchmarks/sweep.py) of both builds, interleaved.
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
    # Both with the flags `make build` uses today, so that only the code differs.
    (cd "$work/$w" && swift build -c release --static-swift-stdlib -Xlinker -no-pie --product fundalloc 2>&1 | tail -3)
done
# Run from HEAD's worktree: its scenarios and fixtures are the ones HEAD's binary reads.
cd "$work/head"
BENCH_PARTS=${BENCH_PARTS:-1,2} FUNDALLOC_BIN="$work/head/.build/release/fundalloc" \
    BENCH_BASELINE="$work/base/.build/release/fundalloc" BENCH_OUT="$root/$out" python3 Benchmarks/run.py
# The 101-point sweep (part 4) against the same baseline, when asked for: BENCH_SWEEP=1.
if [ "${BENCH_SWEEP:-0}" = 1 ]; then
    FUNDALLOC_BIN="$work/head/.build/release/fundalloc" BENCH_BASELINE="$work/base/.build/release/fundalloc" \
        BENCH_BASELINE_NAME="$commit" BENCH_SWEEP_OUT="$root/${out%.md}-sweep.md" python3 Benchmarks/sweep.py
    echo "wrote ${out%.md}-sweep.md"
fi
echo "wrote $out"
