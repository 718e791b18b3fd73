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

    /// The objective's value at `values` (one per column), its constant included.
    public func value(_ values: [Double]) -> Double {
        terms.reduce(constant) { $0 + $1.coefficient * values[$1.column] }
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
    /// How far from a whole number an integer column may be and count as whole; nil: the
    /// backend's default. Set by models with big-M rows whose smallest meaningful fraction is
    /// below the default (`AllocationModel.integralityTolerance`).
    public var integralityTolerance: Double?
    /// The scenario's `solver.backend`, for a solver that dispatches (`BackendSolver`); a
    /// backend given on the command line overrides it. Nil: the default.
    public var backend: SolverBackend?
    /// The solve is the tie-break stage (`Planner.tieBreak`): an exact search among plans
    /// equally good on every term, with an objective of its own kind; a backend may search it
    /// with other settings (GLPK: `GLPKStrategy`).
    public var tieBreak = false
    /// The solve is one question of ordering the plans tied on the tie-break sum
    /// (`Planner.orderTies`): whether a tied plan funds other projects or gives other amounts,
    /// or how much a project can get — a set that is almost always empty or one plan, in a
    /// tight model; a backend may search it with other settings (GLPK: `GLPKStrategy`).
    public var tieOrder = false
    /// Rows every solution of the model satisfies — the bounds earlier stages proved on their
    /// terms held exactly (`Planner.cap`) — which a backend may add to tighten its relaxations
    /// (GLPK does; CBC 2.10's preprocessing answered the villages scenario's later stages with
    /// them with binary columns at 2 and 3, so CBC leaves them out).
    public var impliedRows: [MILPModel.Row] = []

    public init(timeLimit: Double? = nil, mipGap: Double = 0, start: [Double]? = nil, objectiveStep: Double? = nil,
                basis: MILPBasis? = nil, nodeLimit: Int? = nil, softTimeLimit: Double? = nil, deterministic: Bool = false,
                integralityTolerance: Double? = nil, backend: SolverBackend? = nil) {
        self.backend = backend
        self.deterministic = deterministic
        self.integralityTolerance = integralityTolerance
        self.timeLimit = timeLimit
        self.mipGap = mipGap
        self.start = start
        self.objectiveStep = objectiveStep
        self.basis = basis
        self.nodeLimit = nodeLimit
        self.softTimeLimit = softTimeLimit
    }
}

/// A root LP's optimal simplex basis: the status of each row and column, in no backend's
/// codes (each backend maps its own).
public struct MILPBasis: Sendable, Equatable {
    /// Where a row or column stands in the basis.
    public enum Status: UInt8, Sendable {
        case basic
        /// Non-basic at its lower bound.
        case atLower
        /// Non-basic at its upper bound.
        case atUpper
        /// Non-basic and free (no bound).
        case free
        /// Non-basic and fixed (equal bounds).
        case fixed
    }

    public var rows: [Status]
    public var columns: [Status]

    public init(rows: [Status], columns: [Status]) {
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
    /// The engine that solved (`GLPK`, `CBC`); empty for test solvers.
    public var engine = ""

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

/// A MILP solver backend (GLPK in `GLPKBackend`; anything else in tests). The planner and
/// every workflow (sweep, frontier, compare, explain, alternatives, the diagnosis, report)
/// solve through it and nothing else.
public protocol MILPSolving: Sendable {
    /// Builds a fresh problem from `model`, optimises `objective`, and returns the result.
    /// Throws only when the solver itself fails (never for infeasibility), or
    /// `SolveInterrupted` when the process was asked to stop (Ctrl-C) during the solve.
    func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution

    /// The signal that asked the process to stop (SIGINT, SIGTERM), as this backend saw it;
    /// nil while none arrived. Workflows start no new solve once it is set.
    var interruptSignal: Int32? { get }
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
