import Foundation
import FundAllocation

/// A multidimensional 0-1 knapsack problem from OR-Library: maximise Σ p_j x_j subject to
/// Σ_j r_ij x_j ≤ b_i. Numbers kept as the file writes them.
public struct KnapsackProblem: Sendable {
    public var name: String
    public var profits: [String]
    /// rows[i][j] = r_ij.
    public var rows: [[String]]
    public var capacities: [String]
    public var optimum: String

    /// The problem as a plain binary MILP (x_j per object, one row per resource).
    public var milp: (MILPModel, MILPObjective) {
        let columns = profits.indices.map { MILPModel.Column(name: "x\($0)", kind: .binary, lower: 0, upper: 1) }
        let rows = self.rows.enumerated().map { i, r in
            MILPModel.Row(name: "r\(i)", terms: r.enumerated().map { ($0, Double($1)!) }, lower: nil,
                          upper: Double(capacities[i])!)
        }
        return (MILPModel(columns: columns, rows: rows),
                MILPObjective(sense: .maximize, terms: profits.enumerated().map { ($0, Double($1)!) }))
    }

    /// The problem as a fundalloc scenario: every object a zero-cost project with value p_j and a
    /// field r<i> per resource; every resource row a `sum.r<i>` rule (with cost 0, a_j·x_j);
    /// objective: maximise value.
    public var scenarioYAML: String {
        var lines = ["format: 1", "name: \(name)", "projects:"]
        for (j, p) in profits.enumerated() {
            let fields = rows.indices.map { "r\($0 + 1): \(rows[$0][j])" }.joined(separator: ", ")
            lines.append("  - {id: o\(j + 1), cost: 0, value: \(p), \(fields)}")
        }
        lines.append("rules:")
        for (i, b) in capacities.enumerated() { lines.append("  - {metric: sum.r\(i + 1), max: \(b)}") }
        lines.append("objective: [{maximize: value}]")
        return lines.joined(separator: "\n") + "\n"
    }
}

public enum ORLibrary {
    /// mknap1.txt / mknapcb format: K; per problem `n m optimum`, n profits, m rows of n, m capacities.
    public static func mknap1(_ path: String) -> [KnapsackProblem] {
        var tokens = numbers(path)[...]
        func next() -> String { tokens.popFirst()! }
        let count = Int(next())!
        return (1...count).map { k in
            let n = Int(next())!, m = Int(next())!
            let optimum = next()
            let profits = (0..<n).map { _ in next() }
            let rows = (0..<m).map { _ in (0..<n).map { _ in next() } }
            let capacities = (0..<m).map { _ in next() }
            return KnapsackProblem(name: "mknap1-\(k)", profits: profits, rows: rows, capacities: capacities, optimum: optimum)
        }
    }

    /// Whitespace-separated numeric tokens.
    static func numbers(_ path: String) -> [String] {
        let text = try! String(contentsOfFile: path, encoding: .utf8)
        return text.split(whereSeparator: \.isWhitespace).map(String.init)
    }
}

/// A Pabulib `.pb` file: META, PROJECTS and VOTES sections, `;`-separated.
public struct PabulibFile: Sendable {
    public var meta: [String: String] = [:]
    public var projects: [[String: String]] = []
    public var votes: [[String: String]] = []

    public init(path: String) {
        let text = try! String(contentsOfFile: path, encoding: .utf8)
        var section = "", header: [String] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = String(raw)
            if ["META", "PROJECTS", "VOTES"].contains(line) { section = line; header = []; continue }
            let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if header.isEmpty { header = cells; continue }
            if section == "META" { meta[cells[0]] = cells.dropFirst().joined(separator: ";"); continue }
            var row: [String: String] = [:]
            for (h, c) in zip(header, cells) { row[h] = c }
            if section == "PROJECTS" { projects.append(row) } else { votes.append(row) }
        }
    }

    /// Maximise `weight` (votes or score) under the budget, as a scenario with inline projects.
    public func scenarioYAML(weight: String) -> String {
        var lines = ["format: 1", "budget: {total: \(meta["budget"]!)}", "projects:"]
        for p in projects {
            lines.append("  - {id: \"\(p["project_id"]!)\", cost: \(p["cost"]!), value: \(p[weight]!)}")
        }
        lines.append("objective: [{maximize: value}]")
        return lines.joined(separator: "\n") + "\n"
    }
}
