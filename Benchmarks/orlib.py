"""OR-Library multidimensional knapsack files (Tests/Fixtures/orlib) as fundalloc scenarios.

Each object is a zero-cost project with value p_j and a field r<i> per resource; each resource
row is a `sum.r<i>` rule with max b_i; the objective maximises value — the same model the
test suite solves (Tests/TestSupport/ReferenceData.swift), written by the same rules.
"""
import re


def _tokens(path):
    return open(path, encoding="utf-8").read().split()


def mknap1(path, prefix="mknap1"):
    """mknap1 / mknapcb format: K; per problem `n m optimum`, n profits, m rows of n, m capacities."""
    t = iter(_tokens(path))
    count = int(next(t))
    problems = []
    for k in range(1, count + 1):
        n, m, optimum = int(next(t)), int(next(t)), next(t)
        profits = [next(t) for _ in range(n)]
        rows = [[next(t) for _ in range(n)] for _ in range(m)]
        caps = [next(t) for _ in range(m)]
        problems.append(dict(name=f"{prefix}-{k}", profits=profits, rows=rows, caps=caps, optimum=optimum))
    return problems


def mknap2(path):
    """mknap2: after the header, `problem NAME`, then `m n`, n profits, m capacities, the m×n matrix, the optimum."""
    lines = open(path, encoding="utf-8").read().split("\n")
    starts = [(l.split()[1], i) for i, l in enumerate(lines) if len(l.split()) == 2 and l.split()[0] == "problem"]
    problems = []
    for k, (name, line) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(lines)
        text = " ".join(lines[line + 1:end])
        toks = [w for w in re.split(r"[^0-9.\-]+", text) if re.search(r"[0-9]", w)]
        t = iter(toks)
        m, n = int(next(t)), int(next(t))
        profits = [next(t) for _ in range(n)]
        caps = [next(t) for _ in range(m)]
        rows = [[next(t) for _ in range(n)] for _ in range(m)]
        problems.append(dict(name=name, profits=profits, rows=rows, caps=caps, optimum=next(t)))
    return problems


def mkcb_optima(path):
    return _tokens(path)


def scenario_yaml(p):
    lines = ["format: 1", f"name: {p['name']}", "projects:"]
    for j, v in enumerate(p["profits"]):
        fields = ", ".join(f"r{i + 1}: {row[j]}" for i, row in enumerate(p["rows"]))
        lines.append(f"  - {{id: o{j + 1}, cost: 0, value: {v}, {fields}}}")
    lines.append("rules:")
    for i, b in enumerate(p["caps"]):
        lines.append(f"  - {{metric: sum.r{i + 1}, max: {b}}}")
    lines.append("objective: [{maximize: value}]")
    return "\n".join(lines) + "\n"
