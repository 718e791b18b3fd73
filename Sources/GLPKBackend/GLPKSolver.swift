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
    /// GLPK's cut generators (Gomory mixed-integer, MIR, cover, clique). On by default: the
    /// Xianyang budget-cut scenario stalls at a 0.2 % gap for minutes without them and is
    /// proven in 33 nodes with them (glpsol --cuts on the exported model, same result).
    public var cuts: Bool

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
        // A starting solution is given in the model's own columns: GLPK's MIP presolver would
        // renumber them, so a warm-started solve runs without it.
        params.presolve = options.start == nil && !plain ? GLP_ON : GLP_OFF
        params.mip_gap = options.mipGap
        if let limit = options.timeLimit { params.time_limit_ms = Int32(max(1, min(limit * 1000, 2e9))) }
        params.fp_heur = feasibilityPump && !plain ? GLP_ON : GLP_OFF
        params.ps_heur = proximitySearch && !plain ? GLP_ON : GLP_OFF
        let cutSwitch = cuts && !plain ? GLP_ON : GLP_OFF
        params.gmi_cuts = cutSwitch; params.mir_cuts = cutSwitch; params.cov_cuts = cutSwitch; params.clq_cuts = cutSwitch
        params.objective_step = options.objectiveStep ?? 0
        let start = options.start.map { [0] + $0 }
        let (result, values) = try withStart(start) { startPointer in
            params.start = startPointer
            return try problem.solve(params, columns: model.columns.count)
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
        return MILPSolution(
            status: status!, values: values, objective: result.objective,
            bestBound: result.has_bound != 0 ? result.best_bound : nil,
            gap: gap < Double.greatestFiniteMagnitude ? gap : nil,
            nodes: Int(result.nodes), seconds: Date().timeIntervalSince(started),
            log: GLPKProblem.capturedText())
    }

    /// From now on SIGINT and SIGTERM do not kill the process: a running solve stops at GLPK's
    /// next callback and `solve` throws `SolveInterrupted`; `interruptSignal` tells the caller.
    public static func installInterruptHandler() { fa_install_interrupt_handler() }

    /// The signal that asked the process to stop, if any.
    public static var interruptSignal: Int32? {
        let signal = fa_interrupt_signal()
        return signal == 0 ? nil : signal
    }

    private static func throwIfInterrupted() throws {
        if let signal = interruptSignal { throw SolveInterrupted(signal: signal) }
    }

    /// Writes `model` with `objective` as CPLEX LP (`lp: true`) or free MPS, through GLPK's
    /// own writers, so that glpsol, CBC or HiGHS can re-solve exactly what fundalloc solves.
    public func write(_ model: MILPModel, objective: MILPObjective, to path: String, lp: Bool) throws {
        try GLPKSolver.load(model, objective).write(to: path, lp: lp)
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
