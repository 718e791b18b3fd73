/// A solve that could not produce a trustworthy answer (never infeasibility: that is a `Plan`).
public enum PlanningError: Error, Sendable, CustomStringConvertible {
    /// The solver's plan, rounded to whole yuan, broke a rule: it is not reported.
    case recheckFailed([String])
    /// The backend failed (GLPK error intercepted, unexpected status).
    case solverFailed(String)

    public var description: String {
        switch self {
        case .recheckFailed(let v):
            return "internal error: the solver's plan failed the exact re-check, so it is not reported:\n  "
                + v.joined(separator: "\n  ")
        case .solverFailed(let m): return "solver failed: \(m)"
        }
    }
}
