#!/usr/bin/env python3
"""Branch-and-bound nodes of each GLPK solve over the 101 budgets of the sweep benchmark
(Benchmarks/sweep.py), per stage, for one or more fundalloc binaries — a work measure that,
unlike time, does not move with the machine's load, and that reads any build: it counts from
GLPK's own log (`solve -v`), not from fundalloc's stage lines (which older builds lack).

    python3 Benchmarks/sweep_nodes.py [BINARY ...]     (default: .build/release/fundalloc)

Each solve's nodes are the active + completed subproblems on its last progress line; a solve
starts where GLPK's progress restarts at one active node and none completed. Prints, per binary,
how many solves each budget took and the nodes of the k-th solve summed over the budgets
(stages in order, then the tie-break).
"""
import collections, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POINTS = [100_000_000 + 200_000 * i for i in range(101)]
PROGRESS = re.compile(r"^\+\s+\d+: .*\((\d+); (\d+)\)")


def solves(log):
    """[(active, completed)] of each GLPK solve in a `solve -v` log, in order."""
    found, last = [], None
    for line in log.splitlines():
        m = PROGRESS.match(line)
        if not m:
            continue
        active, completed = int(m.group(1)), int(m.group(2))
        if last is not None and "not found yet" in line and (active, completed) == (1, 0):
            found.append(last)
        last = (active, completed)
    return found + ([last] if last else [])


def main():
    for binary in sys.argv[1:] or [os.path.join(ROOT, ".build", "release", "fundalloc")]:
        per_stage, shapes = collections.defaultdict(int), collections.Counter()
        for budget in POINTS:
            log = subprocess.run([binary, "solve", "scenarios/xianyang-baseline.yaml", "--set", f"budget.total={budget}",
                                  "--time-limit", "5", "-v", "--format", "json"],
                                 cwd=ROOT, capture_output=True, text=True).stderr
            found = solves(log)
            shapes[len(found)] += 1
            for k, (active, completed) in enumerate(found):
                per_stage[k] += active + completed
        print(f"{binary}: solves per budget {dict(shapes)}; nodes per solve "
              f"{[per_stage[k] for k in sorted(per_stage)]}, total {sum(per_stage.values())}")


if __name__ == "__main__":
    main()
