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
    /// else `standard`; `auto` resolved by `choose` (`.auto` from it: GLPK, then CBC).
    public func engine(_ model: MILPModel, _ options: MILPOptions) -> SolverBackend {
        let backend = forced ?? options.backend ?? BackendSolver.standard
        return backend == .auto ? BackendSolver.choose(model, options) : backend
    }

    public func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution {
        do {
            switch engine(model, options) {
            case .cbc: return try cbc.solve(model, objective: objective, options: options)
            case .auto: return try handOver(model, objective, options)
            default: return try glpk.solve(model, objective: objective, options: options)
            }
        } catch let error as CBCError where error.insideCBC {
            // CBC failed in itself (`CBCError.insideCBC`): this solve is GLPK's, and the log says why.
            var solution = try glpk.solve(model, objective: objective, options: options)
            solution.log = "fundalloc: \(error.description)\nfundalloc: solving with GLPK instead\n" + solution.log
            return solution
        }
    }

    /// A pure 0-1 model under `auto`: GLPK for `handoverNodes` nodes (at most `handoverSeconds`),
    /// then, if it has not proven the answer, CBC for the rest of the time, from GLPK's best
    /// solution.
    private func handOver(_ model: MILPModel, _ objective: MILPObjective, _ options: MILPOptions) throws -> MILPSolution {
        var first = options
        first.timeLimit = min(options.timeLimit ?? .infinity, BackendSolver.handoverSeconds)
        first.nodeLimit = min(options.nodeLimit ?? .max, BackendSolver.handoverNodes)
        let quick = try glpk.solve(model, objective: objective, options: first)
        guard quick.status == .feasible || quick.status == .noSolution else { return quick }
        var rest = options
        rest.timeLimit = options.timeLimit.map { max(0.01, $0 - quick.seconds) }
        if quick.status == .feasible { rest.start = quick.values }
        var solution = try cbc.solve(model, objective: objective, options: rest)
        solution.seconds += quick.seconds
        solution.nodes += quick.nodes
        solution.log = quick.log + "fundalloc: GLPK did not prove it in \(quick.nodes) nodes: CBC goes on\n" + solution.log
        return solution
    }

    /// `auto`: the engine measured faster for this kind of model (release build, this machine,
    /// whole process, medians; `Benchmarks/run.py` keeps measuring both):
    ///
    /// | model class | example | GLPK | CBC | choice |
    /// | --- | --- | ---: | ---: | --- |
    /// | amounts, periods, sources (integer and continuous columns) | Xianyang baseline | 80 ms | 200 ms | GLPK |
    /// | | Xianyang budget cut 20 % | 320 ms | 1,450 ms | GLPK |
    /// | | province, 3,500 projects, 60 s | stage gaps 0 / 0.013 / 0.011 %, 41 s, 168 MB | 0 / 0.021 / 0.013 %, 52 s, 347 MB (0 / 39 / 10 %, 74 s with CBC's own MIP start) | GLPK |
    /// | only 0-1 columns | OR-Library mknapcb1 #1–5 (100 × 5, hard) | 36.3 s | 10.8 s | GLPK 1,000 nodes, then CBC |
    /// | | mknap2, 48 problems (≤ 105 columns, easy) | 2.7 s | 5.6 s | (GLPK proves them within 377 nodes) |
    /// | | mknap1, 7 problems | 0.33 s | 0.42 s | (the same) |
    ///
    /// Size does not tell the hard 0-1 models from the easy ones (mknapcb1's 100 columns, mknap2's
    /// up to 105), the search does: GLPK proves the easy ones within a few hundred nodes, and
    /// CBC (its heuristics and branching; on 0-1 models without its cuts) wins on the hard
    /// ones. CBC's C API costs ≈ 30 ms per solve before it starts (a lexicographic solve is 4
    /// or more), and on the province model it reaches the same gaps later with twice the
    /// memory: models with amounts stay on GLPK. Work-limited
    /// solves (the analyses: `deterministic`) stay on GLPK, whose node counts they are tuned on.
    public static func choose(_ model: MILPModel, _ options: MILPOptions) -> SolverBackend {
        let binary = model.columns.allSatisfy { $0.kind == .binary || ($0.kind == .integer && $0.lower == 0 && $0.upper == 1) }
        return binary && !model.columns.isEmpty && !options.deterministic ? .auto : .glpk
    }

    /// How much search GLPK has on a pure 0-1 model before CBC takes over: counted in nodes,
    /// so that where it hands over does not depend on the machine's load; the clock only caps
    /// it for a model whose nodes are slow. Measured with `--backend glpk` (`fundalloc solve -v`):
    /// every problem of mknap1 and mknap2 is proven within 377 nodes and 0.07 s (PB7, SENTO2);
    /// the easiest of mknapcb1 #1–5 takes 12,353 nodes (1.1 s), the others 28,000–78,000. With
    /// 1 s instead (what this was before), `auto` took 14.2 s on mknapcb1 #1–5 against 10.3 s
    /// for CBC alone: 1,000 nodes are ≈ 0.1 s there.
    public static let handoverNodes = 1_000
    public static let handoverSeconds = 1.0
}
