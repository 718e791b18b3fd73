import CGLPK
import _GLPKShims
import FundAllocation
import Foundation

/// Solves `MILPModel`s with GLPK's branch-and-cut (`glp_intopt`, presolve on).
///
/// Each call builds a fresh problem on the calling thread, solves it and frees it before
/// returning, so calls from different threads are independent (GLPK keeps thread-local state).
public struct GLPKSolver: MILPSolving {
    /// Feasibility pump heuristic (measured: helps GLPK find incumbents on large models).
    public var feasibilityPump: Bool
    /// Proximity search heuristic.
    public var proximitySearch: Bool
    /// GLPK's cut generators (Gomory mixed-integer, MIR, cover, clique). On by default for
    /// models with amounts or continuous columns: the Xianyang budget-cut scenario stalls at a
    /// 0.2 % gap for minutes without them and is proven in 33 nodes with them (glpsol --cuts
    /// on the exported model, same result). Never on pure 0-1 models, where GLPK generates
    /// them at every node: OR-Library mknapcb1-2 took 24.7 s with them, 1.4 s without
    /// (glpsol --cuts vs defaults); there best-projection backtracking is used instead
    /// (mknapcb1 1–5 with glpsol: 52.7 s default, 19.6 s --bestp).
    public var cuts: Bool

    /// From this many columns on, the presolver is off, the root LP is solved by the dual
    /// simplex and a RENS heuristic (fa_shims.c) finds the first incumbent. Measured on the
    /// generated province model (3,500 projects, 34,203 columns; `fundalloc generate
    /// --projects 3500 --regions 56 --sources 10 --periods 4 --villages --seed 1`): GLPK's root
    /// LP 12.0 s primal vs 4.6 s dual (glpsol); with GLPK alone no incumbent in 60 s; with RENS
    /// the first stage's optimum 0.9 s after the LP, proven at the root. Below it the MIP
    /// presolver is kept (small models solve faster with it).
    public static let largeModelColumns = 2000
    /// Time given to the sub-MIP heuristic, at most `subMIPShare` of the stage's limit. It also
    /// runs in every warm-started stage of a small model, where it was measured (median of 3,
    /// ms per stage 1/2/3, timed around `solver.solve` in `Planner`): baseline 10/13/35 →
    /// 10/13/8, strict gate 4/5/25 → 4/6/6, villages 9/27/16 → 9/14/13, budget cut 48/187/37
    /// → 48/179/30; coverage-first 8/6 → 7/10 (the one loss).
    public static let subMIPSeconds = 20.0
    /// Province scale, 60 s (stage 2 gets 27 s; one run each, the stage-2 score and gap, stage 3
    /// gap): a quarter 9,131.55, 0.305 %, 0.106 % (RINS's one solution came at the end of its
    /// time; where RINS finds none, stage 2 ends at 33 %); 0.35: the same; a half: 9,139.55
    /// (twice), 0.244 %, 0.138 %; 0.65: 9,139.55, 0.268 % (less time for the root's cuts).
    public static let subMIPShare = 0.5

    public init(feasibilityPump: Bool = false, proximitySearch: Bool = false, cuts: Bool = true) {
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.cuts = cuts
    }

    /// Solves with the configured options. GLPK 5.0's MIP presolver was seen to call an
    /// infeasible model optimal (a singleton row whose implied bounds on a binary exclude both
    /// 0 and 1), and its cut generator to fail with an internal error on a model whose columns
    /// were all fixed; so every answer is checked against the model, and a failed or wrong one
    /// is solved again the plain way (no presolve, no cuts, no starting solution).
    public func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution {
        var firstLog = ""
        do {
            let solution = try solveOnce(model, objective: objective, options: options, plain: false)
            try GLPKSolver.throwIfInterrupted()
            let answered = solution.status == .optimal || solution.status == .feasible
            if !answered || model.isSatisfied(by: solution.values) { return solution }
            firstLog = solution.log + "\nfundalloc: GLPK's answer breaks the model; solving again without presolve and cuts\n"
        } catch let error as GLPKError {
            firstLog = error.description + "\nfundalloc: solving again without presolve and cuts\n"
        }
        var options = options
        options.start = nil
        var solution = try solveOnce(model, objective: objective, options: options, plain: true)
        try GLPKSolver.throwIfInterrupted()
        solution.log = firstLog + solution.log
        if solution.status == .optimal || solution.status == .feasible, let broken = model.violation(of: solution.values) {
            throw GLPKError(operation: "glp_intopt", detail: "the solution breaks the model (\(broken))\n" + solution.log)
        }
        return solution
    }

    private func solveOnce(_ model: MILPModel, objective: MILPObjective, options: MILPOptions,
                           plain: Bool) throws -> MILPSolution {
        let started = Date()
        // Contradictory bounds (a rule's min above its max) leave nothing to solve; GLPK would
        // refuse them as an error, but for the planner they simply mean: infeasible.
        if model.columns.contains(where: { $0.lower > $0.upper })
            || model.rows.contains(where: { row in row.lower.map { lo in row.upper.map { lo > $0 } ?? false } ?? false }) {
            return MILPSolution(status: .infeasible, values: model.columns.map(\.lower), objective: 0, bestBound: nil,
                                gap: nil, nodes: 0, seconds: Date().timeIntervalSince(started), log: "")
        }
        let problem = try GLPKSolver.load(model, objective)
        if model.columns.isEmpty {
            return try solveEmpty(model, objective: objective, started: started)
        }
        var params = fa_mip_params()
        params.msg_lev = GLP_MSG_ON
        // Options per model class, each from a measurement (the properties' notes):
        // - a starting solution is given in the model's own columns, which GLPK's MIP presolver
        //   would renumber, so a warm-started solve runs without it; so does a large model,
        //   whose root LP is solved by the dual simplex;
        // - without the presolver, a sub-MIP heuristic (RINS around the start, else RENS) runs
        //   before branching (`subMIPSeconds`);
        // - pure 0-1 models: no cuts, best-projection backtracking (`cuts`);
        // - a cold (presolved) solve without MIR cuts: Xianyang baseline 51.4 → 47.5 ms whole
        //   process, the other shipped scenarios within noise (hyperfine, mean of 15).
        let large = model.columns.count >= GLPKSolver.largeModelColumns
        let pureBinary = model.columns.allSatisfy { $0.kind == .binary }
        params.presolve = options.start == nil && !plain && !large ? GLP_ON : GLP_OFF
        params.dual_simplex = large ? 1 : 0
        if params.presolve == GLP_OFF && !plain && !options.deterministic {
            params.submip_tm_lim = Int32(max(1, min(GLPKSolver.subMIPSeconds, (options.timeLimit ?? .infinity) * GLPKSolver.subMIPShare) * 1000))
        }
        params.mip_gap = options.mipGap
        if let limit = options.timeLimit, !options.deterministic { params.time_limit_ms = Int32(max(1, min(limit * 1000, 2e9))) }
        if let soft = options.softTimeLimit { params.soft_time_limit_ms = Int32(max(1, min(soft * 1000, 2e9))) }
        params.fp_heur = feasibilityPump && !plain ? GLP_ON : GLP_OFF
        params.ps_heur = proximitySearch && !plain ? GLP_ON : GLP_OFF
        let cutSwitch = cuts && !plain && !pureBinary ? GLP_ON : GLP_OFF
        if pureBinary && !plain { params.bt_tech = GLP_BT_BPH }
        // Large models branch on the most fractional variable: GLPK's default (Driebeck-Tomlin)
        // evaluates a tableau row per candidate, 2.8 s for one branching at the province
        // model's root (past the stage's time limit); with it stage 3 searched 9 nodes in 27 s,
        // with the most fractional 189, the gaps the same (0.107 %, 0.106 %; stage 2 0.305 %).
        if large && !plain { params.br_tech = GLP_BR_MFV }
        params.gmi_cuts = cutSwitch; params.mir_cuts = cutSwitch; params.cov_cuts = cutSwitch; params.clq_cuts = cutSwitch
        if params.presolve == GLP_ON { params.mir_cuts = GLP_OFF }
        // Large models: no Gomory cuts in the search (the sub-MIP keeps them). Province scale,
        // 60 s, stage 2 gap 0.244 % with them, 0.233 % without (the same bound with MIR cuts
        // alone; clique and cover cuts changed nothing), stage 3 0.138 % either way, the same
        // plans; without them in the sub-MIP too, RINS's stage-2 plan was worse (9,137.8
        // instead of 9,139.55).
        params.submip_gmi_cuts = params.gmi_cuts
        if large { params.gmi_cuts = GLP_OFF }
        params.objective_step = options.objectiveStep ?? 0
        params.node_limit = Int32(clamping: options.nodeLimit ?? 0)
        let start = options.start.map { [0] + $0 }
        // A basis only helps the simplex that runs without the presolver.
        let basis = params.presolve == GLP_OFF && !plain ? options.basis : nil
        let (result, values, rootBasis) = try withStart(start) { startPointer in
            params.start = startPointer
            return try problem.solve(params, rows: model.rows.count, columns: model.columns.count, startBasis: basis)
        }
        let status = result.proven_by_step != 0 && result.status == GLP_FEAS
            ? .optimal : GLPKSolver.status(ret: result.ret, mipStatus: result.status)
        if status == nil {
            throw GLPKError(operation: "glp_intopt", detail: "return code \(result.ret), status \(result.status)\n"
                            + GLPKProblem.capturedText())
        }
        // Stopped at mip_gap: the gap is at most the target (the last callback may have seen
        // a slightly larger one just before the bound moved).
        let gap = result.ret == GLP_EMIPGAP ? min(result.gap, options.mipGap) : result.gap
        var solution = MILPSolution(
            status: status!, values: values, objective: result.objective,
            bestBound: result.has_bound != 0 ? result.best_bound : nil,
            gap: gap < Double.greatestFiniteMagnitude ? gap : nil,
            nodes: Int(result.nodes), seconds: Date().timeIntervalSince(started),
            log: GLPKProblem.capturedText())
        solution.basis = rootBasis
        return solution
    }

    /// From now on SIGINT and SIGTERM do not kill the process: a running solve stops at GLPK's
    /// next callback and `solve` throws `SolveInterrupted`; `interruptSignal` tells the caller.
    public static func installInterruptHandler() { fa_install_interrupt_handler() }

    /// The signal that asked the process to stop, if any.
    public static var interruptSignal: Int32? {
        let signal = fa_interrupt_signal()
        return signal == 0 ? nil : signal
    }

    public var interruptSignal: Int32? { GLPKSolver.interruptSignal }

    private static func throwIfInterrupted() throws {
        if let signal = interruptSignal { throw SolveInterrupted(signal: signal) }
    }

    /// Writes `model` with `objective` as CPLEX LP (`lp: true`) or free MPS, through GLPK's
    /// own writers, so that glpsol, CBC or HiGHS can re-solve exactly what fundalloc solves;
    /// the problem is named `name` (made a valid GLPK name by `problemName`).
    public func write(_ model: MILPModel, objective: MILPObjective, to path: String, lp: Bool, name: String = "") throws {
        try GLPKSolver.load(model, objective).write(to: path, lp: lp, name: GLPKSolver.problemName(name))
    }

    /// A fresh GLPK problem holding `model` and `objective`.
    private static func load(_ model: MILPModel, _ objective: MILPObjective) throws -> GLPKProblem {
        let problem = try GLPKProblem()
        try problem.load(MILPModelArrays(model))
        var coefficients = [Double](repeating: 0, count: model.columns.count)
        for term in objective.terms { coefficients[term.column] += term.coefficient }
        try problem.setObjective(maximize: objective.sense == .maximize, coefficients: coefficients,
                                 constant: objective.constant)
        return problem
    }

    private func withStart<R>(_ start: [Double]?, _ body: (UnsafePointer<Double>?) throws -> R) rethrows -> R {
        guard let start else { return try body(nil) }
        return try start.withUnsafeBufferPointer { try body($0.baseAddress) }
    }

    /// A model without columns: every row is a constant; feasible iff each constant fits.
    private func solveEmpty(_ model: MILPModel, objective: MILPObjective, started: Date) throws -> MILPSolution {
        let feasible = model.rows.allSatisfy { row in (row.lower ?? 0) <= 1e-9 && (row.upper ?? 0) >= -1e-9 }
        return MILPSolution(status: feasible ? .optimal : .infeasible, values: [], objective: objective.constant,
                            bestBound: nil, gap: nil, nodes: 0, seconds: Date().timeIntervalSince(started), log: "")
    }

    /// The one place that maps GLPK's return code and MIP status to a solution status
    /// (a return code of 0 only means "the call ran").
    static func status(ret: Int32, mipStatus: Int32) -> MILPSolution.Status? {
        switch (ret, mipStatus) {
        case (0, GLP_OPT): return .optimal
        case (0, GLP_NOFEAS), (GLP_ENOPFS, _): return .infeasible
        case (GLP_ENODFS, _): return .unbounded
        case (GLP_ETMLIM, GLP_FEAS), (GLP_EMIPGAP, GLP_FEAS), (GLP_ESTOP, GLP_FEAS): return .feasible
        case (GLP_EMIPGAP, GLP_OPT): return .optimal
        case (GLP_ETMLIM, _), (GLP_ESTOP, _): return .noSolution
        default: return nil
        }
    }
}

/// Runs a GLPK call that is known to raise a GLPK error, to show it is intercepted. For tests.
public func provokeGLPKErrorForTesting() -> Error? {
    fa_capture_clear()
    do { try GLPKProblem.check(fa_provoke_error(), "provoked error") } catch { return error }
    return nil
}

extension GLPKSolver {
    /// `text` as a GLPK problem name: whitespace and control characters become `_` (an MPS
    /// NAME record ends at a space), cut to GLPK's 255 bytes at a character boundary.
    static func problemName(_ text: String) -> String {
        var name = String(text.unicodeScalars.map { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F ? "_" : Character($0) })
        while name.utf8.count > 255 { name.removeLast() }
        return name
    }
}
