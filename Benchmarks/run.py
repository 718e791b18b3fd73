#!/usr/bin/env python3
"""fundalloc benchmarks: whole-process wall time, median of interleaved runs.

Every figure is measured in the same run as its baseline, and reported as a ratio too:
  * `fundalloc --version`      the floor: starting the process and exiting;
  * `glpsol --lp <exported>`   GLPK's own CLI on exactly the model of the first objective stage
                               (fundalloc solves every lexicographic stage, glpsol only the first),
                               with default options and with `--cuts` (the cuts fundalloc turns on);
                               glpsol gets a 2 s limit (the budget-cut model does not finish without cuts).
Runs are interleaved (A B C A B C …) so that load on the shared machine hits all alike.
Results go to Benchmarks/results.md; rerun with `make bench`.
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "fundalloc")
RUNS = int(os.environ.get("BENCH_RUNS", "31"))


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(commands):
    """commands: {label: argv}; returns {label: [seconds]} from interleaved runs."""
    times = {k: [] for k in commands}
    for k, cmd in commands.items():      # warm-up: page cache, dynamic loader
        timed(cmd)
    for _ in range(RUNS):
        for k, cmd in commands.items():
            times[k].append(timed(cmd))
    return times


def main():
    if not os.path.exists(BIN):
        sys.exit("build first: swift build -c release (or make bench)")
    tmp = tempfile.mkdtemp(prefix="fundalloc-bench-")
    rows = []
    scenarios = sorted(f for f in os.listdir(os.path.join(ROOT, "scenarios")) if f.endswith(".yaml"))
    for name in scenarios:
        path = os.path.join("scenarios", name)
        lp = os.path.join(tmp, name + ".lp")
        subprocess.run([BIN, "export", path, "--lp", lp], cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
        commands = {
            "fundalloc solve": [BIN, "solve", path, "--format", "json"],
            "glpsol (stage 1)": ["glpsol", "--lp", lp, "--tmlim", "2"],
            "glpsol --cuts (stage 1)": ["glpsol", "--lp", lp, "--cuts", "--tmlim", "2"],
            "process floor": [BIN, "--version"],
        }
        t = measure(commands)
        med = {k: statistics.median(v) * 1000 for k, v in t.items()}
        rows.append((name, med))
        print(f"{name}: " + ", ".join(f"{k} {v:.1f} ms" for k, v in med.items()), flush=True)
    shutil.rmtree(tmp)

    lines = [
        "# Benchmark results",
        "",
        f"Whole process, wall time, median of {RUNS} interleaved runs after one warm-up; "
        "`make bench` (or `python3 Benchmarks/run.py`) reproduces it. "
        f"Machine: {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}.",
        "",
        "| scenario | fundalloc solve (all stages) | glpsol, stage 1 only | glpsol --cuts, stage 1 only | process floor | fundalloc / glpsol --cuts | target ≤ 50 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, med in rows:
        f, g, c, p = med["fundalloc solve"], med["glpsol (stage 1)"], med["glpsol --cuts (stage 1)"], med["process floor"]
        glpsol = f"{g:.1f} ms" if g < 1900 else "> 2 s (limit)"
        lines.append(f"| {name} | {f:.1f} ms | {glpsol} | {c:.1f} ms | {p:.1f} ms | {f / c:.2f} | {'met' if f <= 50 else 'missed'} |")
    lines.append("")
    with open(os.path.join(ROOT, "Benchmarks", "results.md"), "w") as out:
        out.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
