/// Solver settings from the `solver` block.
public struct SolverSettings: Sendable, Equatable {
    /// Seconds for the whole (lexicographic) solve; nil: no limit.
    public var timeLimit: Double?
    /// Relative gap at which a stage may stop; nil: the optimality tolerance
    /// (`Planner.optimalityTolerance`, 1e-6), within which a plan counts as optimal.
    public var mipGap: Double?

    /// `solver.backend`: which engine solves (nil: the default, `SolverBackend.standard`).
    public var backend: SolverBackend?

    public init(timeLimit: Double? = nil, mipGap: Double? = nil, backend: SolverBackend? = nil) {
        self.timeLimit = timeLimit
        self.mipGap = mipGap
        self.backend = backend
    }
}

/// The MILP engine (MODEL.md §11): GLPK, CBC, or the one measured best for each model
/// (`auto`: `CBCBackend.BackendSolver.choose`).
public enum SolverBackend: String, Sendable, CaseIterable {
    case glpk, cbc, auto
}
