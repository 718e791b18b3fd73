/// A sparse linear expression Σ a_i·v_i + c over model columns, with exact coefficients.
public struct LinearExpression: Sendable, Equatable {
    /// Coefficient per column index.
    public private(set) var terms: [Int: Rational] = [:]
    public var constant: Rational = .zero

    public init() {}

    /// Adds `coefficient × column`.
    public mutating func add(_ coefficient: Rational, _ column: Int) {
        guard !coefficient.isZero else { return }
        let sum = (terms[column] ?? .zero) + coefficient
        terms[column] = sum.isZero ? nil : sum
    }

    /// Adds `factor × other`.
    public mutating func add(_ other: LinearExpression, times factor: Rational = .one) {
        guard !factor.isZero else { return }
        for (column, coefficient) in other.terms { add(coefficient * factor, column) }
        constant += other.constant * factor
    }

    /// The terms in column order (determinism: never dictionary order).
    public var sortedTerms: [(column: Int, coefficient: Rational)] {
        terms.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The exact value for column values `x`.
    public func value(_ x: [Rational]) -> Rational {
        terms.reduce(constant) { $0 + $1.value * x[$1.key] }
    }
}

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

/// A linear objective over a `MILPModel`'s columns.
public struct MILPObjective: Sendable {
    public var sense: Sense
    public var terms: [(column: Int, coefficient: Double)]
    public var constant: Double

    public init(sense: Sense, terms: [(column: Int, coefficient: Double)], constant: Double = 0) {
        self.sense = sense
        self.terms = terms
        self.constant = constant
    }
}

/// How a backend should solve.
public struct MILPOptions: Sendable {
    /// Seconds; nil: no limit.
    public var timeLimit: Double?
    /// Relative gap at which to stop; 0: prove optimality.
    public var mipGap: Double
    /// A feasible starting solution (one value per column), or nil.
    public var start: [Double]?
    /// When every column is integer and every objective coefficient is a whole multiple of
    /// this step, so is every objective value: a solution within one step of the bound is
    /// optimal. Nil when unknown.
    public var objectiveStep: Double?
    /// A simplex basis of an earlier solve of this model with fewer rows (`MILPSolution.basis`):
    /// the root LP starts from it (rows it does not cover start basic).
    public var basis: MILPBasis?
    /// Stop, keeping the best solution found, once the search has this many nodes (a limit
    /// that, unlike time, gives the same answer on every run); nil: no limit.
    public var nodeLimit: Int?
    /// Seconds after which the search stops as soon as it has a solution (it goes on, up to
    /// `timeLimit`, while it has none); nil: none.
    public var softTimeLimit: Double?
    /// Stop only on work limits (`nodeLimit`), never on the clock: no heuristic capped by time
    /// runs, so the answer is the same on every run whatever the machine's load (diagnosis,
    /// explain, alternatives).
    public var deterministic: Bool

    public init(timeLimit: Double? = nil, mipGap: Double = 0, start: [Double]? = nil, objectiveStep: Double? = nil,
                basis: MILPBasis? = nil, nodeLimit: Int? = nil, softTimeLimit: Double? = nil, deterministic: Bool = false) {
        self.deterministic = deterministic
        self.timeLimit = timeLimit
        self.mipGap = mipGap
        self.start = start
        self.objectiveStep = objectiveStep
        self.basis = basis
        self.nodeLimit = nodeLimit
        self.softTimeLimit = softTimeLimit
    }
}

/// The statuses of a root LP's optimal basis, in the backend's own codes.
public struct MILPBasis: Sendable {
    public var rows: [Int32]
    public var columns: [Int32]

    public init(rows: [Int32], columns: [Int32]) {
        self.rows = rows
        self.columns = columns
    }
}

/// What a backend found.
public struct MILPSolution: Sendable {
    public enum Status: String, Sendable {
        /// Optimum proven.
        case optimal
        /// A solution, optimality not proven (time limit or gap).
        case feasible
        case infeasible
        /// The relaxation is unbounded (a rule is missing).
        case unbounded
        /// Stopped (time limit) before any solution was found.
        case noSolution
    }

    public var status: Status
    /// One value per column (meaningful for optimal and feasible).
    public var values: [Double]
    public var objective: Double
    /// Best bound on the objective, when the search reported one.
    public var bestBound: Double?
    /// Relative gap of the last incumbent, when known.
    public var gap: Double?
    /// Branch-and-bound nodes.
    public var nodes: Int
    /// Wall-clock seconds.
    public var seconds: Double
    /// The solver's own terminal output.
    public var log: String
    /// The root LP's optimal basis, when the backend can give it (to start a next stage from).
    public var basis: MILPBasis?

    public init(status: Status, values: [Double], objective: Double, bestBound: Double?, gap: Double?,
                nodes: Int, seconds: Double, log: String) {
        self.status = status
        self.values = values
        self.objective = objective
        self.bestBound = bestBound
        self.gap = gap
        self.nodes = nodes
        self.seconds = seconds
        self.log = log
    }
}

/// A MILP solver backend (GLPK in `GLPKBackend`; anything else in tests).
public protocol MILPSolving: Sendable {
    /// Builds a fresh problem from `model`, optimises `objective`, and returns the result.
    /// Throws only when the solver itself fails (never for infeasibility), or
    /// `SolveInterrupted` when the process was asked to stop (Ctrl-C) during the solve.
    func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution
}

/// The process was asked to stop (SIGINT or SIGTERM) while a solve ran: nothing it found is
/// reported.
public struct SolveInterrupted: Error, Sendable, CustomStringConvertible {
    /// The signal number.
    public var signal: Int32

    public init(signal: Int32) { self.signal = signal }

    /// What happened, translatable.
    public var text: Message { "interrupted (signal \(signal))" }

    public var description: String { text.description }
}
