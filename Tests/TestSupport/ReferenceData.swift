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

    /// The problem as capital budgeting over periods: each constraint a period, r_ij the
    /// project's disbursement in it (`cost.<period>`), b_i the period's budget (`by_period`).
    public var multiPeriodScenarioYAML: String {
        let periods = rows.indices.map { "c\($0 + 1)" }
        var lines = ["format: 1", "name: \(name)", "periods: [\(periods.joined(separator: ", "))]",
                     "budget:", "  by_period: {\(zip(periods, capacities).map { "\($0): \($1)" }.joined(separator: ", "))}",
                     "projects:"]
        for (j, p) in profits.enumerated() {
            let profile = rows.indices.map { "cost.\(periods[$0]): \(rows[$0][j])" }.joined(separator: ", ")
            lines.append("  - {id: o\(j + 1), value: \(p), \(profile)}")
        }
        lines.append("objective: [{maximize: value}]")
        return lines.joined(separator: "\n") + "\n"
    }

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
    /// mknap2.txt: after the header, each `problem NAME` is followed by `m n` (constraints,
    /// objects), n profits, m capacities, the m×n matrix and the optimum.
    public static func mknap2(_ path: String) -> [KnapsackProblem] {
        let text = try! String(contentsOfFile: path, encoding: .utf8)
        var problems: [KnapsackProblem] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var starts: [(name: String, line: Int)] = []
        for (i, line) in lines.enumerated() {
            let words = line.split(separator: " ")
            if words.count == 2 && words[0] == "problem" { starts.append((String(words[1]), i)) }
        }
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].line : lines.count
            var tokens = lines[(start.line + 1)..<end].joined(separator: " ")
                .split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == "-") })
                .map(String.init).filter { $0.contains(where: \.isNumber) }[...]
            func next() -> String { tokens.popFirst()! }
            let m = Int(next())!, n = Int(next())!
            let profits = (0..<n).map { _ in next() }
            let capacities = (0..<m).map { _ in next() }
            let rows = (0..<m).map { _ in (0..<n).map { _ in next() } }
            problems.append(KnapsackProblem(name: start.name, profits: profits, rows: rows, capacities: capacities,
                                            optimum: next()))
        }
        return problems
    }

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

    /// Maximise voters reached under the budget: every voter a village of one household,
    /// reached by each project the voter approved. Writes projects.csv, villages.csv and
    /// scenario.yaml into `folder`; returns the scenario's path.
    public func coverageScenario(in folder: String) -> String {
        var reach: [String: [String]] = [:]
        var voters: [String] = []
        for vote in votes {
            let voter = "v" + vote["voter_id"]!
            voters.append(voter)
            for p in vote["vote"]!.split(separator: ",") { reach[String(p), default: []].append(voter) }
        }
        var projectsCSV = "id,cost,villages\n"
        for p in projects {
            let id = p["project_id"]!
            projectsCSV += "\(id),\(p["cost"]!),\((reach[id] ?? []).joined(separator: ";"))\n"
        }
        let villagesCSV = "id,poor_households\n" + voters.map { "\($0),1\n" }.joined()
        let yaml = "format: 1\nbudget: {total: \(meta["budget"]!)}\nprojects: projects.csv\nvillages: villages.csv\n"
            + "objective: [{maximize: households}]\n"
        try! projectsCSV.write(toFile: "\(folder)/projects.csv", atomically: true, encoding: .utf8)
        try! villagesCSV.write(toFile: "\(folder)/villages.csv", atomically: true, encoding: .utf8)
        try! yaml.write(toFile: "\(folder)/scenario.yaml", atomically: true, encoding: .utf8)
        return "\(folder)/scenario.yaml"
    }

    /// Voters reached by the best subset of projects within the budget, by enumeration.
    public func bruteForceCoverage() -> Int {
        let budget = Int(meta["budget"]!)!
        let ids = projects.map { $0["project_id"]! }
        let costs = projects.map { Int($0["cost"]!)! }
        var reachedBy = [[Int]](repeating: [], count: ids.count)
        for (v, vote) in votes.enumerated() {
            for p in vote["vote"]!.split(separator: ",") { if let j = ids.firstIndex(of: String(p)) { reachedBy[j].append(v) } }
        }
        var best = 0
        var covered = [Int](repeating: 0, count: votes.count)
        for mask in 0..<(1 << ids.count) {
            var cost = 0
            for j in ids.indices where mask & (1 << j) != 0 { cost += costs[j] }
            guard cost <= budget else { continue }
            var count = 0
            for j in ids.indices where mask & (1 << j) != 0 {
                for v in reachedBy[j] { if covered[v] != mask + 1 { covered[v] = mask + 1; count += 1 } }
            }
            best = max(best, count)
        }
        return best
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
