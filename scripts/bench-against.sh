#!/usr/bin/env bash
# Benchmark parts 1 and 2 (Benchmarks/run.py) of this checkout against an earlier commit, both
# release builds, interleaved in the same run: "no slower than before" as a ratio of medians.
#   scripts/bench-against.sh COMMIT [OUTPUT.md]     (default output: Benchmarks/against-COMMIT.md)
# BENCH_PARTS, BENCH_RUNS, BENCH_ORLIB_RUNS, BENCH_SLOW_RUNS work as for make bench.
set -euo pipefail
commit=${1:?usage: scripts/bench-against.sh COMMIT [OUTPUT.md]}
root=$(git rev-parse --show-toplevel)
out=${2:-Benchmarks/against-$(git -C "$root" rev-parse --short "$commit").md}
work=$(mktemp -d)
cleanup() { git -C "$root" worktree remove --force "$work/base" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
git -C "$root" worktree add --detach "$work/base" "$commit" >/dev/null
(cd "$work/base" && swift build -c release --product fundalloc >/dev/null)
cp "$work/base/.build/release/fundalloc" "$work/fundalloc-baseline"
(cd "$root" && swift build -c release --product fundalloc >/dev/null)
cd "$root"
BENCH_PARTS=${BENCH_PARTS:-1,2} BENCH_BASELINE="$work/fundalloc-baseline" BENCH_OUT="$root/$out" python3 Benchmarks/run.py
echo "wrote $out"
