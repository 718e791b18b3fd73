#!/usr/bin/env python3
"""Benchmark of `fundalloc robust` (MODEL.md §9): whole process, wall time, medians; writes
Benchmarks/robust-results.md.

1. Xianyang: `robust scenarios/xianyang-uncertain.yaml --samples 200 --jobs 2` against one
   `solve` of the baseline, interleaved (BENCH_RUNS, default 3); target ≤ 5 s.
2. Province scale (`fundalloc generate --projects 3500 --regions 56 --sources 10 --periods 4
   --villages --seed 1` with scores ± 0.5 and households ± 15 %): BENCH_PROVINCE_SAMPLES
   (default 4) samples with `--time-limit BENCH_PROVINCE_LIMIT` (default 20 s) per sample,
   --jobs 2: the time per sample.
3. The Slurm array's speed-up over one process (scripts/slurm/test-local-cluster.sh: a real
   single-node cluster on localhost; root, installs slurm-wlm and munge): the Xianyang run of
   200 samples in one task per CPU and in 4 tasks (the test's split: two waves on 2 CPUs), and
   the province with BENCH_SLURM_PROVINCE_SAMPLES (default 8) samples in one task per CPU with
   the same per-sample limit. BENCH_SLURM=0 leaves this part out.
"""
import os, re, shutil, statistics, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, BIN, run  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PROVINCE_SAMPLES = int(os.environ.get("BENCH_PROVINCE_SAMPLES", "4"))
PROVINCE_LIMIT = os.environ.get("BENCH_PROVINCE_LIMIT", "20")
SLURM = os.environ.get("BENCH_SLURM", "1") != "0"
SLURM_PROVINCE_SAMPLES = os.environ.get("BENCH_SLURM_PROVINCE_SAMPLES", "8")


SLURM_RUNS = os.environ.get("BENCH_SLURM_RUNS", "3")


def slurm_speedup(*args, runs=SLURM_RUNS):
    """Runs the local-cluster script `runs` times over; returns the medians (one process s, array
    s, speed-up)."""
    out = subprocess.run([os.path.join(ROOT, "scripts", "slurm", "test-local-cluster.sh"), *args], cwd=ROOT,
                         check=True, capture_output=True, text=True, env={**os.environ, "RUNS": str(runs)}).stdout
    m = re.search(r"one process \(--jobs 1\): ([\d.]+) s; job array of \d+ tasks on \d+ CPUs: ([\d.]+) s; "
                  r"speed-up ([\d.]+)x \(median of \d+ runs?: ([^)]*)\)", out)
    return float(m[1]), float(m[2]), float(m[3]), m[4]


def main():
    if not os.path.exists(BIN):
        sys.exit("build first: make build")
    lines = ["# fundalloc robust: benchmark", "",
             "`python3 Benchmarks/robust.py` reproduces this file (release build, whole process, wall time, "
             f"{os.cpu_count()} cores).", ""]
    robust = [BIN, "robust", "scenarios/xianyang-uncertain.yaml", "--samples", "200", "--jobs", "2", "--format", "json"]
    solve = [BIN, "solve", "scenarios/xianyang-baseline.yaml", "--format", "json"]
    times = {"robust": [], "solve": []}
    run(robust), run(solve)
    for _ in range(RUNS):
        times["robust"].append(run(robust)[0])
        times["solve"].append(run(solve)[0])
    r, s = statistics.median(times["robust"]), statistics.median(times["solve"])
    lines += ["## 1. Xianyang, 200 samples", "",
              f"Median of {RUNS} interleaved runs.", "",
              "| run | wall | per sample | target |", "| --- | ---: | ---: | --- |",
              f"| `solve` of the baseline (one solve) | {s * 1000:.0f} ms | | |",
              f"| `robust --samples 200 --jobs 2` | {r:.2f} s | {r / 200 * 1000:.1f} ms ({r / 200 / s:.2f} × one solve's process) "
              f"| ≤ 5 s: {'met' if r <= 5 else 'missed'} |", ""]
    print("\n".join(lines[-4:]), flush=True)

    tmp = tempfile.mkdtemp(prefix="fundalloc-robust-bench-")
    try:
        folder = os.path.join(tmp, "province")
        subprocess.run([BIN, "generate", "--projects", "3500", "--regions", "56", "--sources", "10", "--periods", "4",
                        "--villages", "--seed", "1", "--out", folder], cwd=ROOT, check=True, capture_output=True)
        with open(os.path.join(folder, "uncertain.yaml"), "w", encoding="utf-8") as f:
            f.write("format: 1\nextends: scenario.yaml\nuncertainty: {scores: 0.5, households: 15%}\n")
        seconds, out = run([BIN, "robust", os.path.join(folder, "uncertain.yaml"), "--samples", str(PROVINCE_SAMPLES),
                            "--time-limit", PROVINCE_LIMIT, "--jobs", "2", "--format", "json"])
        lines += ["## 2. Province scale (3,500 projects)", "",
                  f"`robust --samples {PROVINCE_SAMPLES} --time-limit {PROVINCE_LIMIT} --jobs 2` (each sample solved whole, "
                  "every stage within the limit): one run.", "",
                  "| samples | wall | per sample (2 at a time) |", "| ---: | ---: | ---: |",
                  f"| {PROVINCE_SAMPLES} | {seconds:.1f} s | {seconds / PROVINCE_SAMPLES * 2:.1f} s |", ""]
        print("\n".join(lines[-3:]), flush=True)
        if SLURM:
            cpus = str(os.cpu_count())
            province = os.path.join(folder, "uncertain.yaml")
            rows = [("Xianyang (`scenarios/xianyang-uncertain.yaml`), 200 samples", cpus, slurm_speedup("200", cpus)),
                    ("the same", "4", slurm_speedup("200", "4")),
                    (f"province, {SLURM_PROVINCE_SAMPLES} samples, `--time-limit {PROVINCE_LIMIT}`", cpus,
                     slurm_speedup(SLURM_PROVINCE_SAMPLES, cpus, province, "--time-limit", PROVINCE_LIMIT, runs=1))]
            lines += ["## 3. Slurm job array against one process", "",
                      f"scripts/slurm/test-local-cluster.sh: a single-node cluster on localhost ({cpus} CPUs), "
                      "an array of one task per CPU (and of 4, the test's split, which runs in two waves) against one "
                      f"process with `--jobs 1`, wall time from submitting to the last shard written; the median of {SLURM_RUNS} "
                      "pairs (one process, then the array) for Xianyang, one pair for the province (10 minutes of machine "
                      "time each).", "",
                      "| run | tasks | one process | array | speed-up (each pair) | target |", "| --- | ---: | ---: | ---: | ---: | --- |"]
            lines += [f"| {name} | {tasks} | {one:.1f} s | {array:.1f} s | {speed:.2f}× ({each}) | "
                      f"≥ 1.8×: {'met' if speed >= 1.8 else 'missed'} |" for name, tasks, (one, array, speed, each) in rows]
            lines.append("")
            print("\n".join(lines[-7:]), flush=True)
    finally:
        shutil.rmtree(tmp)
    with open(os.path.join(ROOT, "Benchmarks", "robust-results.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
