/// A solver-neutral MILP: what a backend loads. Doubles, 0-based indices.
public struct MILPModel: Sendable {
    /// A variable.
    public struct Column: Sendable {
        public enum Kind: Sendable { case continuous, integer, binary }
        public var name: String
        public var kind: Kind
        public var lower: Double
        public var upper: Double

        public init(name: String, kind: Kind, lower: Double, upper: Double) {
            self.name = name
            self.kind = kind
            self.lower = lower
            self.upper = upper
        }
    }

    /// A constraint `lower ≤ Σ coefficient·column ≤ upper` (either side may be absent).
    public struct Row: Sendable {
        public var name: String
        public var terms: [(column: Int, coefficient: Double)]
        public var lower: Double?
        public var upper: Double?

        public init(name: String, terms: [(column: Int, coefficient: Double)], lower: Double?, upper: Double?) {
            self.name = name
            self.terms = terms
            self.lower = lower
            self.upper = upper
        }
    }

    public var columns: [Column] = []
    public var rows: [Row] = []

    public init(columns: [Column] = [], rows: [Row] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Every column is a 0-1 column (`.binary`): OR-Library knapsacks, Pabulib budgets. The
    /// backends tune their search for these (GLPK: no cuts, best-projection backtracking; CBC:
    /// no cuts). `BackendSolver.choose` also counts integer columns bounded to [0, 1].
    public var allColumnsBinary: Bool { columns.allSatisfy { $0.kind == .binary } }

    /// The answer without a search, where there is nothing to search; nil otherwise. Every
    /// backend gives these before its engine sees the model. Contradictory bounds (a rule's min
    /// above its max): infeasible — GLPK would refuse them as an error, CBC may not, but for the
    /// planner they simply mean no plan. No columns: every row is a constant, feasible iff each
    /// constant fits. Seconds are the caller's to fill in.
    public func trivialSolution(_ objective: MILPObjective) -> MILPSolution? {
        if columns.contains(where: { $0.lower > $0.upper })
            || rows.contains(where: { row in row.lower.map { lo in row.upper.map { lo > $0 } ?? false } ?? false }) {
            return MILPSolution(status: .infeasible, values: columns.map(\.lower), objective: 0, bestBound: nil,
                                gap: nil, nodes: 0, seconds: 0, log: "")
        }
        guard columns.isEmpty else { return nil }
        let feasible = rows.allSatisfy { row in (row.lower ?? 0) <= 1e-9 && (row.upper ?? 0) >= -1e-9 }
        return MILPSolution(status: feasible ? .optimal : .infeasible, values: [], objective: objective.constant,
                            bestBound: nil, gap: nil, nodes: 0, seconds: 0, log: "")
    }

    /// True when `values` satisfy every bound, row and integrality of the model within
    /// `tolerance`, relative to the row's size (its bound and its largest term).
    ///
    /// A sanity check on the solver, not the exact re-check: it catches answers that are
    /// plainly wrong (GLPK 5.0's presolver once returned one breaking a row by 0.3), while the
    /// continuous parts (source splits, coverage, per-period parts) may sit within GLPK's own
    /// feasibility tolerance: the plan is rebuilt from the integer parts and re-checked exactly.
    public func isSatisfied(by values: [Double], tolerance: Double = 1e-5) -> Bool {
        violation(of: values, tolerance: tolerance) == nil
    }

    /// The first bound, integrality or row that `values` break, described; nil when none.
    public func violation(of values: [Double], tolerance: Double = 1e-5) -> String? {
        guard values.count == columns.count else { return "\(values.count) values for \(columns.count) columns" }
        for (column, v) in zip(columns, values) {
            if v < column.lower - tolerance || v > column.upper + tolerance {
                return "\(column.name) = \(v) outside [\(column.lower), \(column.upper)]"
            }
            if column.kind != .continuous && abs(v - v.rounded()) > tolerance { return "\(column.name) = \(v) is not integral" }
        }
        for row in rows {
            let activity = row.terms.reduce(0.0) { $0 + $1.coefficient * values[$1.column] }
            let size = row.terms.reduce(1.0) { max($0, abs($1.coefficient * values[$1.column])) }
            if let lower = row.lower, activity < lower - tolerance * max(size, abs(lower)) { return "\(row.name): \(activity) < \(lower)" }
            if let upper = row.upper, activity > upper + tolerance * max(size, abs(upper)) { return "\(row.name): \(activity) > \(upper)" }
        }
        return nil
    }
}
