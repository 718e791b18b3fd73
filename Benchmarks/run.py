#!/usr/bin/env python3
"""fundalloc benchmark suite (issue 6): whole process, wall time, medians, every baseline
measured in the same run. `make bench` runs it (then Benchmarks/sweep.py, part 4); it writes
Benchmarks/results.md.

1. Xianyang: `fundalloc solve` (every lexicographic stage) and `fundalloc solve` of the first
   stage alone, against `glpsol` on the same first-stage model exported as LP
   (`fundalloc export --lp`), default options and `--cuts`; the process floor
   (`fundalloc --version`). BENCH_RUNS interleaved runs (default 11).
2. OR-Library: all 55 problems of mknap1 + mknap2 and the first five of mknapcb1, each as a
   fundalloc scenario (Benchmarks/orlib.py) and as the LP fundalloc exports from it; fundalloc
   vs glpsol (defaults) vs CBC (`cbc FILE solve`) vs HiGHS (Benchmarks/highs_solve.py, Python
   start included, mip_rel_gap 0), every optimum checked against the published one.
   BENCH_ORLIB_RUNS (default 3) for mknap1/2, BENCH_SLOW_RUNS (default 1) for mknapcb1.
3. Province scale: `fundalloc generate --projects 3500 --regions 56 --sources 10 --periods 4
   --villages --seed 1`, solved with `--time-limit 60 --set solver.mip_gap=0.0005`: time, status,
   each stage's gap, peak memory; HiGHS and glpsol on the exported first-stage model with the
   same 60 s and 0.05 %.
Set BENCH_PARTS (e.g. "1,3") to run some parts only. Set BENCH_BASELINE to another fundalloc
binary (an earlier build: scripts/bench-against.sh COMMIT) to add it to parts 1 and 2 as a
column, with this build's time as a ratio of it, measured in the same interleaved runs;
BENCH_OUT names the file written instead of Benchmarks/results.md.
"""
import json, os, re, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import orlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("FUNDALLOC_BIN") or os.path.join(ROOT, ".build", "release", "fundalloc")
HIGHS = [sys.executable, os.path.join(ROOT, "Benchmarks", "highs_solve.py")]
DATA = os.environ.get("FUNDALLOC_DATA", os.path.join(ROOT, "Tests", "Fixtures"))
RUNS = int(os.environ.get("BENCH_RUNS", "11"))
ORLIB_RUNS = int(os.environ.get("BENCH_ORLIB_RUNS", "3"))
SLOW_RUNS = int(os.environ.get("BENCH_SLOW_RUNS", "1"))
PARTS = set(os.environ.get("BENCH_PARTS", "1,2,3").split(","))
BASELINE = os.environ.get("BENCH_BASELINE")
# Part 3 solves the province with the default backend and with each backend forced.
BACKENDS = ["default"] + [b for b in os.environ.get("BENCH_BACKENDS", "glpk,cbc").split(",") if b]
MKNAPCB1_OPTIMA = ["24381", "24274", "23551", "23534", "23991"]   # proven (data/README.md)


def run(cmd, timeout=None):
    """Runs cmd; returns (seconds, stdout). A run past `timeout` is killed."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return time.perf_counter() - start, out


def run_rss(cmd, stderr=None):
    """Runs cmd; returns (seconds, the child's own peak RSS in MB from wait4, stdout, exit code).
    `stderr`: a file path to write the child's stderr to (else it is dropped)."""
    start = time.perf_counter()
    err = open(stderr, "w", encoding="utf-8") if stderr else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True)
    out = proc.stdout.read()
    if stderr:
        err.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, out, proc.returncode


def interleaved(commands, runs, timeout=None):
    """{label: argv} → {label: (median seconds, last stdout)}; one warm-up, then A B C A B C …"""
    times, outs = {k: [] for k in commands}, {}
    for k, cmd in commands.items():
        run(cmd, timeout)
    for _ in range(runs):
        for k, cmd in commands.items():
            s, out = run(cmd, timeout)
            times[k].append(s)
            outs[k] = out
    return {k: (statistics.median(v), outs[k]) for k, v in times.items()}


# ---- answers of each solver --------------------------------------------------------------

def fundalloc_value(out):
    try:
        doc = json.loads(out)
        return str(doc["objective"][0]["stage_optimum"]) if doc["status"] == "optimal" else None
    except (ValueError, KeyError, IndexError):
        return None


def glpsol_cmd(lp, out, extra=()):
    return ["glpsol", "--lp", lp, *extra, "-o", out]


def glpsol_value(outfile):
    try:
        text = open(outfile, encoding="utf-8").read()
    except OSError:
        return None
    if "INTEGER OPTIMAL" not in text:
        return None
    m = re.search(r"Objective:\s+\S+ = (\S+)", text)
    return m.group(1) if m else None


def cbc_value(out):
    m = re.search(r"Optimal - objective value (\S+)", out) or re.search(r"Objective value:\s+(\S+)", out)
    return m.group(1) if m and "Optimal" in out else None


def highs_value(out):
    lines = out.strip().splitlines()   # HiGHS prints a banner first
    parts = lines[-1].split() if lines else []
    return parts[1] if parts and parts[0] == "Optimal" else None


def same(a, b):
    try:
        return a is not None and abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))
    except ValueError:
        return False


# ---- parts ---------------------------------------------------------------------------------

def part1(tmp):
    lines = ["## 1. Xianyang scenarios", "",
             f"Median of {RUNS} interleaved runs. *stage 1 alone*: the same scenario with only its first objective "
             "term, i.e. exactly the model glpsol is given.", "",
             "| scenario | fundalloc solve (all stages) | fundalloc, stage 1 alone | glpsol (stage 1) | glpsol --cuts (stage 1) "
             "| process floor | all stages / glpsol | stage 1 / glpsol | target ≤ 50 ms (baseline) "
             "| --backend glpk | --backend cbc | cbc / glpk |"
             + (" baseline build (all stages) | this / baseline build |" if BASELINE else ""),
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |" + (" ---: | ---: |" if BASELINE else "")]
    for name in sorted(f for f in os.listdir(os.path.join(ROOT, "scenarios")) if f.endswith(".yaml")):
        path = os.path.join(ROOT, "scenarios", name)
        lp = os.path.join(tmp, name + ".lp")
        subprocess.run([BIN, "export", path, "--lp", lp], cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
        doc = json.loads(subprocess.run([BIN, "solve", path, "--format", "json"], cwd=ROOT, capture_output=True, text=True).stdout)
        first = doc["objective"][0]
        term = f"{{{first['sense']}: {first['metric']}}}"
        single = os.path.join(tmp, "stage1-" + name)
        with open(single, "w", encoding="utf-8") as f:
            f.write(f"extends: {path}\nobjective: [{term}]\n")
        out = os.path.join(tmp, "glpsol.out")
        commands = {
            "all": [BIN, "solve", path, "--format", "json"],
            "single": [BIN, "solve", single, "--format", "json"],
            "glpsol": glpsol_cmd(lp, out, ["--tmlim", "10"]),
            "cuts": glpsol_cmd(lp, out, ["--cuts", "--tmlim", "10"]),
            "floor": [BIN, "--version"],
            "glpk": [BIN, "solve", path, "--format", "json", "--backend", "glpk"],
            "cbc": [BIN, "solve", path, "--format", "json", "--backend", "cbc"],
        }
        # An earlier build may not read a newer scenario (a block it does not know): no column then.
        baseline = BASELINE and subprocess.run([BASELINE, "check", path], cwd=ROOT, capture_output=True).returncode == 0
        if baseline:
            commands["baseline"] = [BASELINE, "solve", path, "--format", "json"]
        m = interleaved(commands, RUNS)
        ms = {k: v[0] * 1000 for k, v in m.items()}
        print(f"{name}: " + ", ".join(f"{k} {v:.1f} ms" for k, v in ms.items()), flush=True)
        lines.append(f"| {name} | {ms['all']:.1f} ms | {ms['single']:.1f} ms | {ms['glpsol']:.1f} ms | {ms['cuts']:.1f} ms "
                     f"| {ms['floor']:.1f} ms | {ms['all'] / ms['glpsol']:.2f} | {ms['single'] / ms['glpsol']:.2f} "
                     f"| {('met' if ms['all'] <= 50 else 'missed') if name == 'xianyang-baseline.yaml' else '–'} "
                     f"| {ms['glpk']:.1f} ms | {ms['cbc']:.1f} ms | {ms['cbc'] / ms['glpk']:.2f} |"
                     + ((f" {ms['baseline']:.1f} ms | {ms['all'] / ms['baseline']:.2f} |" if baseline else " – | – |") if BASELINE else ""))
    return lines + [""]


def part2(tmp):
    suites = [
        ("mknap1 (7)", orlib.mknap1(os.path.join(DATA, "orlib", "mknap1.txt")), ORLIB_RUNS, 60),
        ("mknap2 (48)", orlib.mknap2(os.path.join(DATA, "orlib", "mknap2.txt")), ORLIB_RUNS, 60),
        ("mknapcb1 1–5", [dict(p, optimum=o) for p, o in zip(orlib.mknap1(os.path.join(DATA, "orlib", "mknapcb1.txt"), "mknapcb1"),
                                                             MKNAPCB1_OPTIMA)], SLOW_RUNS, 600),
    ]
    solvers = ["fundalloc", "fundalloc-glpk", "fundalloc-cbc", "glpsol", "cbc", "highs"] + (["baseline"] if BASELINE else [])
    lines = ["## 2. OR-Library capital budgeting", "",
             "Sum over the problems of each problem's median whole-process time; *proven* counts the problems where "
             "the solver proved the published optimum (a wrong or unproven answer is listed below the table).", "",
             "| suite | runs | fundalloc (default: auto) | --backend glpk | --backend cbc | glpsol | CBC CLI | HiGHS (Python) "
             "| fundalloc / glpsol | fundalloc / CBC CLI | fundalloc / HiGHS |"
             + (" baseline build | this / baseline build |" if BASELINE else ""),
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" + (" ---: | ---: |" if BASELINE else "")]
    notes, detail = [], []
    for label, problems, runs, timeout in suites:
        total = {s: 0.0 for s in solvers}
        proven = {s: 0 for s in solvers}
        for p in problems:
            yaml = os.path.join(tmp, p["name"] + ".yaml")
            lp = os.path.join(tmp, p["name"] + ".lp")
            with open(yaml, "w", encoding="utf-8") as f:
                f.write(orlib.scenario_yaml(p))
            subprocess.run([BIN, "export", yaml, "--lp", lp], cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
            gout = os.path.join(tmp, "glpsol.out")
            commands = {
                "fundalloc": [BIN, "solve", yaml, "--format", "json"],
                "fundalloc-glpk": [BIN, "solve", yaml, "--format", "json", "--backend", "glpk"],
                "fundalloc-cbc": [BIN, "solve", yaml, "--format", "json", "--backend", "cbc"],
                "glpsol": glpsol_cmd(lp, gout),
                "cbc": ["cbc", lp, "solve"],
                "highs": HIGHS + [lp],
            }
            if BASELINE:
                commands["baseline"] = [BASELINE, "solve", yaml, "--format", "json"]
            m = interleaved(commands, runs, timeout)
            values = {"fundalloc": fundalloc_value(m["fundalloc"][1]), "fundalloc-glpk": fundalloc_value(m["fundalloc-glpk"][1]),
                      "fundalloc-cbc": fundalloc_value(m["fundalloc-cbc"][1]), "glpsol": glpsol_value(gout),
                      "cbc": cbc_value(m["cbc"][1]), "highs": highs_value(m["highs"][1])}
            if BASELINE:
                values["baseline"] = fundalloc_value(m["baseline"][1])
            for s in solvers:
                total[s] += m[s][0]
                if same(values[s], p["optimum"]):
                    proven[s] += 1
                else:
                    notes.append(f"- {p['name']}: {s} answered {values[s]} (published optimum {p['optimum']})")
            if label.startswith("mknapcb1"):
                detail.append(f"| {p['name']} | " + " | ".join(f"{m[s][0]:.2f} s" for s in solvers) + " |")
            print(f"{p['name']}: " + ", ".join(f"{s} {m[s][0]:.3f}s={values[s]}" for s in solvers), flush=True)
        n = len(problems)
        lines.append(f"| {label} | {runs} | {total['fundalloc']:.2f} s ({proven['fundalloc']}/{n} proven) "
                     f"| {total['fundalloc-glpk']:.2f} s ({proven['fundalloc-glpk']}/{n}) "
                     f"| {total['fundalloc-cbc']:.2f} s ({proven['fundalloc-cbc']}/{n}) "
                     f"| {total['glpsol']:.2f} s ({proven['glpsol']}/{n}) | {total['cbc']:.2f} s ({proven['cbc']}/{n}) "
                     f"| {total['highs']:.2f} s ({proven['highs']}/{n}) | {total['fundalloc'] / total['glpsol']:.2f} "
                     f"| {total['fundalloc'] / total['cbc']:.2f} | {total['fundalloc'] / total['highs']:.2f} |"
                     + (f" {total['baseline']:.2f} s ({proven['baseline']}/{n}) | {total['fundalloc'] / total['baseline']:.2f} |"
                        if BASELINE else ""))
    lines += ["", "mknapcb1, each problem:", "",
              "| problem | fundalloc (auto) | --backend glpk | --backend cbc | glpsol | CBC CLI | HiGHS |" + (" baseline build |" if BASELINE else ""),
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |" + (" ---: |" if BASELINE else "")]
    lines += detail
    lines += [""] + (notes or ["Every solver proved every published optimum."]) + [""]
    return lines


def stages_done(seconds, stages):
    """What the solve log says of its stages' times: the objective stages' sum, the tie-break's."""
    if len(seconds) < stages or not stages:
        return ""
    tie = f", tie-break {seconds[stages]:.1f} s (what was left)" if len(seconds) > stages else ""
    return f"; stage solves {' + '.join(f'{x:.1f}' for x in seconds[:stages])} = {sum(seconds[:stages]):.1f} s{tie}"


def part3(tmp):
    folder = os.path.join(tmp, "province")
    subprocess.run([BIN, "generate", "--projects", "3500", "--regions", "56", "--sources", "10", "--periods", "4",
                    "--villages", "--seed", "1", "--out", folder], cwd=ROOT, check=True)
    scenario = os.path.join(folder, "scenario.yaml")
    lp = os.path.join(tmp, "province.lp")
    subprocess.run([BIN, "export", scenario, "--lp", lp], cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
    runs, stage_seconds = {}, {}
    for backend in BACKENDS:
        log = os.path.join(tmp, f"province-{backend}.log")
        runs[backend] = run_rss([BIN, "solve", scenario, "--time-limit", "60", "--set", "solver.mip_gap=0.0005",
                                 "--format", "json", "-v"] + (["--backend", backend] if backend != "default" else []),
                                stderr=log)
        # Each objective stage's and the tie-break's own solve time (`-v`): the stages are done
        # by their sum; the tie-break then uses what is left of the 60 s.
        stage_seconds[backend] = [float(m.group(2)) for m in re.finditer(
            r"^fundalloc: (stage \d+|tie-break)[^\n]*?: \w+, ([0-9.]+) s,", open(log, encoding="utf-8").read(), re.M)]
    seconds, rss, out, code = runs["default"]
    doc = json.loads(out) if out.strip() else {}
    stages = doc.get("objective", [])
    def gap(stage):
        if stage.get("proven"):
            return f"{stage['stage_optimum']}, proven optimal"
        if stage.get("stage_optimum") is None:
            return "not reached"
        return f"{stage['stage_optimum']}, " + (f"gap ≤ {stage['gap'] * 100:.3f} %" if stage.get("gap") is not None
                                                else "not proven, no bound known")
    hs, hrss, hout, _ = run_rss(HIGHS + [lp, "60", "0.0005"])
    hparts = hout.strip().splitlines()[-1].split() if hout.strip() else []
    # The second stage as its own model (the first term held where fundalloc's stage 1 put it),
    # to show what HiGHS reaches where GLPK's bound and incumbent stop.
    h2 = None
    if len(stages) > 1 and stages[0].get("stage_optimum") is not None and stages[0].get("proven"):
        first, second = stages[0], stages[1]
        hold = float(first["stage_optimum"]) * (1 - float(first["within"])) if first["sense"] == "maximize" \
            else float(first["stage_optimum"]) * (1 + float(first["within"]))
        relation = "min" if first["sense"] == "maximize" else "max"
        text = open(scenario, encoding="utf-8").read()
        text = text.replace("rules:\n", f"rules:\n  - {{name: stage-1 hold, metric: {first['metric']}, {relation}: {hold}}}\n", 1)
        text = text[:text.index("objective:")] + f"objective:\n  - {{{second['sense']}: {second['metric']}}}\n"
        stage2 = os.path.join(folder, "stage2.yaml")
        with open(stage2, "w", encoding="utf-8") as f:
            f.write(text)
        lp2 = os.path.join(tmp, "province-stage2.lp")
        subprocess.run([BIN, "export", stage2, "--lp", lp2], cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
        h2s, h2rss, h2out, _ = run_rss(HIGHS + [lp2, "60", "0.0005"])
        p2 = h2out.strip().splitlines()[-1].split() if h2out.strip() else []
        h2 = (f"| HiGHS 1.x (highspy) | stage 2 model ({second['term']}, stage 1 held) | {h2s:.1f} s | "
              f"{' '.join(p2[:1])}, objective {p2[1] if len(p2) > 1 else '?'}, bound {p2[2] if len(p2) > 2 else '?'}, "
              f"gap {float(p2[3]) * 100 if len(p2) > 3 else float('nan'):.3f} % | {h2rss:.0f} MB |")
    gout = os.path.join(tmp, "glpsol-province.out")
    gs, grss, glog, _ = run_rss(["glpsol", "--lp", lp, "--tmlim", "60", "--mipgap", "0.0005", "-o", gout])
    last = [l for l in glog.splitlines() if l.startswith("+")]
    gm = re.search(r"([0-9.]+)%", last[-1]) if last else None
    lines = ["## 3. Province scale", "",
             "`fundalloc generate --projects 3500 --regions 56 --sources 10 --periods 4 --villages --seed 1` "
             "(34,203 columns, 30,818 rows); one run each, 60 s limit, target gap 0.05 %.", "",
             "| solver | what | wall | result | peak memory |", "| --- | --- | ---: | --- | ---: |",
             *[f"| fundalloc solve{' --backend ' + b if b != 'default' else ' (default: auto → ' + (json.loads(o).get('solver', {}).get('name', '?') if o.strip() else '?') + ')'} "
               f"| all {len(json.loads(o).get('objective', [])) if o.strip() else 0} stages, exit {c} | {t:.1f} s | "
               + "; ".join(f"stage {i + 1} ({s['term']}): {gap(s)}" for i, s in enumerate(json.loads(o).get("objective", []) if o.strip() else []))
               + stages_done(stage_seconds[b], len(json.loads(o).get("objective", [])) if o.strip() else 0)
               + f" | {r:.0f} MB |" for b, (t, r, o, c) in runs.items()],
             f"| HiGHS 1.x (highspy) | stage 1 model (LP file) | {hs:.1f} s | {' '.join(hparts[:1])}, objective {hparts[1] if len(hparts) > 1 else '?'}, "
             f"gap {float(hparts[3]) * 100 if len(hparts) > 3 else float('nan'):.3f} % | {hrss:.0f} MB |",
             *([h2] if h2 else []),
             f"| glpsol (defaults) | stage 1 model (LP file) | {gs:.1f} s | "
             + (f"gap {gm.group(1)} %" if gm else "no integer solution") + f" | {grss:.0f} MB |", ""]
    print("\n".join(lines), flush=True)
    return lines


def main():
    if not os.path.exists(BIN):
        sys.exit("build first: make build (or make bench)")
    tmp = tempfile.mkdtemp(prefix="fundalloc-bench-")
    lines = ["# Benchmark results", "",
             f"`make bench` (or `python3 Benchmarks/run.py`) reproduces this file; whole process, wall time. "
             f"Machine: {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}. The 101-point sweep (part 4) is in sweep-results.md.", ""]
    results = os.environ.get("BENCH_OUT") or os.path.join(ROOT, "Benchmarks", "results.md")
    # Sections of parts not run this time are kept from the last results.
    sections = {}
    if os.path.exists(results):
        for chunk in re.split(r"(?m)^(?=## \d\. )", open(results, encoding="utf-8").read())[1:]:
            sections[chunk[3]] = chunk.rstrip("\n").split("\n") + [""]

    def save():   # after every part: a failure later keeps what was measured
        with open(results, "w", encoding="utf-8") as out:
            out.write("\n".join(lines + [l for k in sorted(sections) for l in sections[k]]))
    try:
        for part, measure in (("1", part1), ("2", part2), ("3", part3)):
            if part in PARTS:
                sections[part] = measure(tmp)
                save()
    finally:
        shutil.rmtree(tmp)
    print("\n".join(lines + [l for k in sorted(sections) for l in sections[k]]))


if __name__ == "__main__":
    main()
