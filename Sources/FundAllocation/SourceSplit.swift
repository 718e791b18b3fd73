/// Splits each funded project's yuan across the sources that may fund it, in whole yuan.
///
/// The solver's split w_fj is continuous; rounding it could break a source's amount by a yuan.
/// A transportation problem with integer supplies and demands has an integral solution whenever
/// it has any, so the split is recomputed exactly as a maximum flow (Edmonds–Karp, projects and
/// sources in scenario order: deterministic).
public enum SourceSplit {
    /// yuan[j][f] from source f to project j; nil when the sources cannot pay for the plan.
    public static func integral(_ s: Scenario, amounts: [Int64], funded: [Bool]) -> [[Int64]]? {
        let nf = s.sources.count, np = s.projects.count
        // Nodes: 0 = source, 1…nf = funding sources, nf+1…nf+np = projects, nf+np+1 = sink.
        let sink = nf + np + 1
        var graph = FlowGraph(nodes: sink + 1)
        for (f, source) in s.sources.enumerated() { graph.addEdge(0, 1 + f, source.amount) }
        var edges: [[(f: Int, edge: Int)]] = Array(repeating: [], count: np)
        var demand: Int64 = 0
        for (j, p) in s.projects.enumerated() where funded[j] && amounts[j] > 0 {
            for (f, source) in s.sources.enumerated() where s.matches(p, source.eligible) {
                edges[j].append((f, graph.addEdge(1 + f, 1 + nf + j, amounts[j])))
            }
            graph.addEdge(1 + nf + j, sink, amounts[j])
            demand += amounts[j]
        }
        guard graph.maxFlow(from: 0, to: sink) == demand else { return nil }
        var result = Array(repeating: [Int64](repeating: 0, count: nf), count: np)
        for j in 0..<np { for (f, e) in edges[j] { result[j][f] = graph.flow(on: e) } }
        return result
    }
}

/// A small integer max-flow graph (Edmonds–Karp).
struct FlowGraph {
    private var to: [Int] = [], capacity: [Int64] = [], original: [Int64] = []
    private var adjacency: [[Int]]

    init(nodes: Int) { adjacency = Array(repeating: [], count: nodes) }

    /// Adds u → v with a capacity; returns the edge's index.
    @discardableResult
    mutating func addEdge(_ u: Int, _ v: Int, _ cap: Int64) -> Int {
        adjacency[u].append(to.count); to.append(v); capacity.append(cap); original.append(cap)
        adjacency[v].append(to.count); to.append(u); capacity.append(0); original.append(0)
        return to.count - 2
    }

    func flow(on edge: Int) -> Int64 { original[edge] - capacity[edge] }

    mutating func maxFlow(from s: Int, to t: Int) -> Int64 {
        var total: Int64 = 0
        while true {
            var parent = [Int](repeating: -1, count: adjacency.count)
            var queue = [s], head = 0
            parent[s] = -2
            while head < queue.count, parent[t] == -1 {
                let u = queue[head]; head += 1
                for e in adjacency[u] where capacity[e] > 0 && parent[to[e]] == -1 {
                    parent[to[e]] = e
                    queue.append(to[e])
                }
            }
            guard parent[t] != -1 else { return total }
            var bottleneck = Int64.max, v = t
            while v != s { let e = parent[v]; bottleneck = min(bottleneck, capacity[e]); v = to[e ^ 1] }
            v = t
            while v != s { let e = parent[v]; capacity[e] -= bottleneck; capacity[e ^ 1] += bottleneck; v = to[e ^ 1] }
            total += bottleneck
        }
    }
}
