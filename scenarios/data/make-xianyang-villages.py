#!/usr/bin/env python3
"""Makes the SYNTHETIC village table for the Xianyang village-coverage scenario.

Input: xianyang-candidate-projects.csv (the seed list: per project a count of villages, of deep-
poverty villages, and of linked poor households). Output:
  xianyang-villages.csv                      id, region, poor_households, deep_poverty, provenance
  xianyang-candidate-projects-villages.csv   the seed list with `villages` holding village ids
                                             (`;`-separated) and the count kept as village_count
Each county gets a pool of villages about 70 % the size of its projects' village counts, so
projects in one county overlap as real ones do; each project takes its count of villages from
its county's pool (deterministic, seeded), a village's households are the mean of what the
projects reaching it claim per village, and a project's deep-poverty count marks that many of
its villages; city-level (市级跨县) projects draw from all four counties. Every row is marked synthetic. Rerun: python3 scenarios/data/make-xianyang-villages.py
"""
import csv, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(os.path.join(HERE, "xianyang-candidate-projects.csv"), encoding="utf-8")))
rng = random.Random(20171)
CROSS = "市级跨县"   # city-level projects reach villages of all four counties
counties = sorted({r["county"] for r in rows} - {CROSS})
pools, claims, deep = {}, {}, set()
for c in counties:
    need = sum(int(r["villages"]) for r in rows if r["county"] == c)
    size = max(max(int(r["villages"]) for r in rows if r["county"] == c), round(need * 0.7))
    pools[c] = [f"{c}-村{k + 1:02d}" for k in range(size)]
pools[CROSS] = [v for c in counties for v in pools[c]]
assigned = {}
for r in rows:
    n = int(r["villages"])
    ids = sorted(rng.sample(pools[r["county"]], n)) if n else []
    assigned[r["id"]] = ids
    for v in ids:
        claims.setdefault(v, []).append(int(r["poor_households"]) / n)
    for v in ids[: int(r["deep_poverty_villages"])]:
        deep.add(v)
with open(os.path.join(HERE, "xianyang-villages.csv"), "w", newline="", encoding="utf-8") as out:
    w = csv.writer(out)
    w.writerow(["id", "region", "poor_households", "deep_poverty", "provenance"])
    for c in counties:
        for v in pools[c]:
            if v not in claims:
                continue
            hh = round(sum(claims[v]) / len(claims[v]))
            w.writerow([v, c, hh, 1 if v in deep else 0, "synthetic"])
with open(os.path.join(HERE, "xianyang-candidate-projects-villages.csv"), "w", newline="", encoding="utf-8") as out:
    fields = list(rows[0].keys())
    fields.insert(fields.index("villages") + 1, "village_count")
    w = csv.DictWriter(out, fieldnames=fields)
    w.writeheader()
    for r in rows:
        r = dict(r)
        r["village_count"] = r["villages"]
        r["villages"] = ";".join(assigned[r["id"]])
        w.writerow(r)
