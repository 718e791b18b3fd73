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
    /// GLPK's cut generators, where `GLPKStrategy` uses them (models with amounts or
    /// continuous columns); off: never.
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
    /// is solved again the plain way (no presolve, no cuts, no starting solution, no implied rows).
    public func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution {
        var firstLog = ""
        do {
            var solution = try solveOnce(model, objective: objective, options: options, plain: false)
            solution.engine = "GLPK"
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
        solution.engine = "GLPK"
        try GLPKSolver.throwIfInterrupted()
        solution.log = firstLog + solution.log
        if solution.status == .optimal || solution.status == .feasible, let broken = model.violation(of: solution.values) {
            throw GLPKError(operation: "glp_intopt", detail: "the solution breaks the model (\(broken))\n" + solution.log)
        }
        return solution
    }

    /// One solve as `GLPKStrategy` decides (`plain`: GLPK's defaults). Cold: GLPK's
    /// branch-and-cut with its presolver. Otherwise: the root LP (from the given basis when
    /// GLPK can use it, else from GLPK's advanced basis), the sub-MIP heuristic, then the
    /// branch-and-cut offered the start and the heuristic's solution.
    private func solveOnce(_ model: MILPModel, objective: MILPObjective, options: MILPOptions,
                           plain: Bool) throws -> MILPSolution {
        let clock = TimeBudget.monotonic
        let started = clock()
        func seconds() -> Double { clock() - started }
        if var trivial = model.trivialSolution(objective) {
            trivial.seconds = seconds()
            return trivial
        }
        var model = model
        if !plain { model.rows += options.impliedRows }
        let problem = try GLPKSolver.load(model, objective)
        let strategy = GLPKStrategy(model: model, options: options, plain: plain, feasibilityPump: feasibilityPump,
                                    proximitySearch: proximitySearch, cuts: cuts)
        let searchStarted = clock()   // the limits run from here (loading is not the solver's)
        func left(_ limit: Int) -> Int32 {
            limit > 0 ? Int32(GLPKHeuristics.millisecondsLeft(searchStarted, Double(limit))) : 0
        }
        try problem.scale()
        var search = strategy.search
        search.limit_ms = Int32(strategy.limitMilliseconds)
        var offered: [[Double]] = []
        var rootBasis: MILPBasis?
        if strategy.presolve {
            search.tm_lim = Int32(strategy.limitMilliseconds)
        } else {
            let lp = try solveRootLP(problem, strategy, limit: { left(strategy.limitMilliseconds) })
            if lp.ret == 0 && lp.status == GLP_OPT {
                // The root LP's optimum bounds every solution: the gap of a search stopped
                // before its first bound reading is measured against it.
                search.initial_bound = lp.objective
                search.has_initial_bound = 1
                rootBasis = try problem.basis()
            }
            if lp.ret != 0 && lp.ret != GLP_ETMLIM {
                throw GLPKError(operation: "glp_simplex", detail: "return code \(lp.ret)\n" + GLPKProblem.capturedText())
            }
            if let failed = GLPKSolver.rootFailure(ret: lp.ret, status: lp.status) {
                let mip = try problem.mipSolution()
                return MILPSolution(status: failed, values: mip.values, objective: mip.objective, bestBound: nil, gap: nil,
                                    nodes: 0, seconds: seconds(), log: GLPKProblem.capturedText())
            }
            if let start = options.start { offered.append(start) }
            if strategy.subMIPMilliseconds > 0 {
                var milliseconds = strategy.subMIPMilliseconds
                if strategy.limitMilliseconds > 0 {
                    let cap = Int(GLPKStrategy.subMIPCapOfWhatIsLeft * Double(left(strategy.limitMilliseconds))) + 1
                    milliseconds = min(milliseconds, cap)
                }
                let found = try options.start.map { try GLPKHeuristics.rins(problem, strategy.subMIP, milliseconds: milliseconds, start: $0) }
                    ?? GLPKHeuristics.rens(problem, strategy.subMIP, milliseconds: milliseconds)
                if let found { offered.append(found) }
            }
        }
        search.deadline_ms = left(strategy.limitMilliseconds)
        search.soft_deadline_ms = left(strategy.softLimitMilliseconds)
        let (result, values) = try problem.intopt(search, offered: offered)
        guard let status = GLPKSolver.status(ret: result.ret, mipStatus: result.status, stop: SearchStop(rawValue: result.stop) ?? .none) else {
            throw GLPKError(operation: "glp_intopt", detail: "return code \(result.ret), status \(result.status)\n"
                            + GLPKProblem.capturedText())
        }
        var gap = result.gap
        if result.stop == SearchStop.gap.rawValue {
            // Stopped at mip_gap: the gap is at most the target (the last reading may have seen
            // a slightly larger one just before the bound moved).
            gap = min(gap, options.mipGap)
        } else if result.status == GLP_FEAS && gap == .greatestFiniteMagnitude && result.has_bound != 0 {
            gap = abs(result.objective - result.best_bound) / (abs(result.objective) + .ulpOfOne)
        }
        var solution = MILPSolution(
            status: status, values: values, objective: result.objective,
            bestBound: result.has_bound != 0 ? result.best_bound : nil,
            gap: gap < Double.greatestFiniteMagnitude ? gap : nil,
            nodes: Int(result.nodes), seconds: seconds(), log: GLPKProblem.capturedText())
        solution.basis = rootBasis
        return solution
    }

    /// The root LP without the presolver: from `strategy.basis` by the primal simplex (the
    /// previous stage's optimal basis is primal feasible here: its LP optimum meets the new
    /// hold, so the simplex only re-optimises for the new objective), falling back to a fresh
    /// start when GLPK cannot use it; otherwise from GLPK's advanced (triangular) basis, as
    /// glpsol does, instead of the all-slack one: the province model's root LP 14,935 → 5,981
    /// dual simplex iterations (15.4 s → 5.1 s for its first stage); Xianyang solver time,
    /// median of 5: baseline 25 → 21 ms, budget cut 306 → 201 ms, strict gate 28 → 18 ms,
    /// villages 26 → 21 ms. `limit` gives the milliseconds left (0: none).
    private func solveRootLP(_ problem: GLPKProblem, _ strategy: GLPKStrategy,
                             limit: () -> Int32) throws -> (ret: Int32, status: Int32, objective: Double) {
        let method = strategy.dualSimplex ? GLP_DUALP : GLP_PRIMAL
        guard let basis = strategy.basis else {
            try problem.advancedBasis()
            return try problem.simplex(method: method, milliseconds: limit(), messages: GLP_MSG_ON)
        }
        try problem.setBasis(basis)
        let lp = try problem.simplex(method: GLP_PRIMAL, milliseconds: limit(), messages: GLP_MSG_ON)
        guard lp.ret == GLP_EBADB || lp.ret == GLP_ESING || lp.ret == GLP_ECOND else { return lp }
        try GLPKProblem.print("fundalloc: the previous stage's basis is not usable here; starting afresh\n")
        try problem.advancedBasis()
        return try problem.simplex(method: method, milliseconds: limit(), messages: GLP_MSG_ON)
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

    /// Why the callback stopped a search (the shim's FA_STOP_*).
    enum SearchStop: Int32 {
        case none = 0, gap, step, time, nodes, signal
    }

    /// The one place that maps what GLPK reports to a solution status: the return code, the
    /// MIP status (a return code of 0 only means "the call ran") and why the callback stopped
    /// the search (a stop at the objective step is a proof; a stop at the gap or deadline is
    /// GLPK's own gap or time limit). Nil for anything else (a solver failure).
    static func status(ret: Int32, mipStatus: Int32, stop: SearchStop = .none) -> MILPSolution.Status? {
        if stop == .step && mipStatus == GLP_FEAS { return .optimal }
        var ret = ret
        if ret == GLP_ESTOP && stop == .gap { ret = GLP_EMIPGAP }
        if ret == GLP_ESTOP && stop == .time { ret = GLP_ETMLIM }
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

    /// The status of a solve that ends at the root LP (infeasible, unbounded, out of time), or
    /// nil when the LP is optimal and the search goes on (`ret` 0 or GLP_ETMLIM: any other
    /// return code is a solver failure, thrown before).
    static func rootFailure(ret: Int32, status: Int32) -> MILPSolution.Status? {
        if ret == GLP_ETMLIM { return .noSolution }
        if status == GLP_NOFEAS { return .infeasible }
        if status == GLP_UNBND { return .unbounded }
        return nil
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
