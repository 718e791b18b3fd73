#!/usr/bin/env python3
"""The 101-point budget sweep of the Xianyang baseline, whole process, against 101 separate
`fundalloc solve` processes of the same points, measured in the same run (interleaved),
median of SWEEP_RUNS repetitions (default 3). Writes Benchmarks/sweep-results.md.

Budgets 1亿 … 1.2亿 in 20万 steps (whole 万元, like the scenario's budget.unit). Both sides get
`--time-limit 5` per point: a few of these budgets take GLPK minutes to prove to the 1e-6
stage tolerance (docs/workflows.md), and the same limit keeps the comparison fair.
"""
import os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("FUNDALLOC_BIN") or os.path.join(ROOT, ".build", "release", "fundalloc")
RUNS = int(os.environ.get("SWEEP_RUNS", "3"))
# Another build to compare with (scripts/bench-against.sh sets it): its sweeps run interleaved.
BASELINE = os.environ.get("BENCH_BASELINE")
SCENARIO = "scenarios/xianyang-baseline.yaml"
LIMIT = "5"
POINTS = [100_000_000 + 200_000 * i for i in range(101)]


def sweep(jobs, binary=BIN):
    start = time.perf_counter()
    subprocess.run([binary, "sweep", SCENARIO, "--vary", "budget.total=1亿:1.2亿:101", "--jobs", str(jobs), "--time-limit", LIMIT],
                   cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def separate():
    start = time.perf_counter()
    for budget in POINTS:
        subprocess.run([BIN, "solve", SCENARIO, "--set", f"budget.total={budget}", "--format", "json", "--time-limit", LIMIT],
                       cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main():
    if not os.path.exists(BIN):
        sys.exit("build first: make build (or make bench)")
    runs = {"101 separate solve processes": separate, "sweep --jobs 1": lambda: sweep(1), "sweep --jobs 2": lambda: sweep(2)}
    if BASELINE:
        runs |= {"baseline: sweep --jobs 1": lambda: sweep(1, BASELINE), "baseline: sweep --jobs 2": lambda: sweep(2, BASELINE)}
    times = {k: [] for k in runs}
    for _ in range(RUNS):
        for k, f in runs.items():
            times[k].append(f())
            print(f"{k}: {times[k][-1]:.2f} s", flush=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med["101 separate solve processes"]
    lines = [
        "# Sweep benchmark",
        "",
        f"101-point budget sweep of the Xianyang baseline (1亿 … 1.2亿 in 20万 steps, `--time-limit 5` per point on both sides), whole process, wall time, "
        f"median of {RUNS} interleaved repetitions; `python3 Benchmarks/sweep.py` (part of `make bench`) reproduces it. "
        f"Machine: {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}.",
        "",
        "| run | median | per point | ratio to separate runs | target |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for k, v in med.items():
        target = "" if k.startswith(("101", "baseline")) else ("< 0.20: " + ("met" if v / base < 0.2 else "missed"))
        lines.append(f"| {k} | {v:.2f} s | {v / 101 * 1000:.1f} ms | {v / base:.2f} | {target} |")
    lines += ["", f"Scaling from 1 to 2 jobs: {med['sweep --jobs 1'] / med['sweep --jobs 2']:.2f}× faster.", ""]
    if BASELINE:
        lines += [f"Against the baseline build ({os.environ.get('BENCH_BASELINE_NAME', BASELINE)}), the same runs interleaved: "
                  + ", ".join(f"--jobs {j} {med[f'sweep --jobs {j}'] / med[f'baseline: sweep --jobs {j}']:.2f}×" for j in (1, 2))
                  + " (this build's time over the baseline's; ≤ 1: no slower).", ""]
    with open(os.environ.get("BENCH_SWEEP_OUT") or os.path.join(ROOT, "Benchmarks", "sweep-results.md"), "w") as out:
        out.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
