#!/usr/bin/env python3
"""Cross-checks fundalloc's coverage optimum on the real Pabulib files against HiGHS.

Each voter becomes a village of one household, reached by every project the voter approved;
the objective is to maximise voters reached under the city's budget (as the test suite builds
them). fundalloc solves the scenario; `fundalloc export --lp` writes the exact model it solves,
which HiGHS (highspy) re-solves independently. The two optima must agree.
Run: make bench-deps && python3 Benchmarks/crosscheck_pabulib.py   (results printed, exit 1 on a mismatch)
"""
import glob, json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "fundalloc")
DATA = os.path.join(ROOT, "Tests", "Fixtures", "pabulib")


def read_pb(path):
    meta, projects, votes, section, header = {}, [], [], None, None
    for line in open(path, encoding="utf-8").read().splitlines():
        if line in ("META", "PROJECTS", "VOTES"):
            section, header = line, None
            continue
        cells = line.split(";")
        if header is None:
            header = cells
            continue
        if section == "META":
            meta[cells[0]] = ";".join(cells[1:])
        else:
            (projects if section == "PROJECTS" else votes).append(dict(zip(header, cells)))
    return meta, projects, votes


def write_scenario(folder, meta, projects, votes):
    reach = {}
    for v in votes:
        for p in v["vote"].split(","):
            reach.setdefault(p, []).append("v" + v["voter_id"])
    with open(os.path.join(folder, "projects.csv"), "w", encoding="utf-8") as f:
        f.write("id,cost,villages\n")
        for p in projects:
            f.write(f'{p["project_id"]},{p["cost"]},{";".join(reach.get(p["project_id"], []))}\n')
    with open(os.path.join(folder, "villages.csv"), "w", encoding="utf-8") as f:
        f.write("id,poor_households\n" + "".join(f'v{v["voter_id"]},1\n' for v in votes))
    path = os.path.join(folder, "scenario.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f'format: 1\nbudget: {{total: {meta["budget"]}}}\nprojects: projects.csv\nvillages: villages.csv\n'
                "objective: [{maximize: households}]\n")
    return path


def main():
    import highspy
    failures = 0
    for pb in sorted(glob.glob(os.path.join(DATA, "*.pb"))):
        meta, projects, votes = read_pb(pb)
        folder = tempfile.mkdtemp(prefix="fundalloc-pabulib-")
        scenario = write_scenario(folder, meta, projects, votes)
        t = time.perf_counter()
        out = subprocess.run([BIN, "solve", scenario, "--format", "json"], capture_output=True, text=True)
        ours_s = time.perf_counter() - t
        report = json.loads(out.stdout)
        ours = report["objective"][0]["stage_optimum"]
        lp = os.path.join(folder, "model.lp")
        subprocess.run([BIN, "export", scenario, "--lp", lp], check=True, capture_output=True)
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.readModel(lp)
        t = time.perf_counter()
        h.run()
        highs_s = time.perf_counter() - t
        theirs = h.getInfo().objective_function_value
        ok = report["status"] == "optimal" and abs(ours - theirs) < 1e-6 * max(1, abs(theirs))
        failures += not ok
        print(f'{os.path.basename(pb)}: {len(projects)} projects, {len(votes)} voters; fundalloc {ours} '
              f'({report["status"]}, {ours_s:.2f} s) vs HiGHS {theirs:.6g} ({h.modelStatusToString(h.getModelStatus())}, '
              f'{highs_s:.2f} s): {"agree" if ok else "DISAGREE"}')
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
