/// Solver settings from the `solver` block.
public struct SolverSettings: Sendable, Equatable {
    /// Seconds for the whole (lexicographic) solve; nil: no limit.
    public var timeLimit: Double?
    /// Relative gap at which a stage may stop; nil: the optimality tolerance
    /// (`Planner.optimalityTolerance`, 1e-6), within which a plan counts as optimal.
    public var mipGap: Double?

    public init(timeLimit: Double? = nil, mipGap: Double? = nil) {
        self.timeLimit = timeLimit
        self.mipGap = mipGap
    }
}
