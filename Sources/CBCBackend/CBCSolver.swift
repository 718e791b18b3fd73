import _CBCShims
import Foundation
import FundAllocation
import GLPKBackend
import Synchronization

/// Solves `MILPModel`s with COIN-OR CBC 2.10 through its C API (`Cbc_C_Interface.h`, Debian's
/// coinor-libcbc-dev): the model loaded in one call, integer columns, bounds, the objective
/// sense; time limit, node limit, gap; the previous stage's plan as a cutoff (`load`); the status and
/// bound read back as they are (a stop on time is `feasible`, never `optimal`).
///
/// **One solve at a time.** CBC 2.10's `Cbc_solve` runs `CbcMain1`, which keeps its parameter
/// table in static storage: measured with two threads solving knapsacks at once, runs printed
/// parameter errors on stdout ("-sec is illegal for integer parameter threads") and returned
/// other optima than the same solves in sequence (2 of 3 runs). Every CBC solve in the process
/// therefore holds `CBCSolver.lock`; a parallel sweep on CBC runs its other work (loading,
/// building, re-checking) in parallel and its CBC searches in turn.
///
/// **Bad input.** Contradictory bounds never reach CBC (answered infeasible here, as for GLPK);
/// CBC itself answered a column with lower > upper and a NaN bound "proven infeasible", without
/// aborting or printing (log level 0 prints nothing on stdout, measured). Every answer is checked
/// against the model before it is returned.
///
/// **Ctrl-C.** CBC 2.10's C API has no way to stop a running search: SIGINT/SIGTERM (caught by
/// the GLPK backend's handler, which CBC leaves in place) take effect when the running solve
/// ends (at the latest at its time limit), then `SolveInterrupted` is thrown.
public struct CBCSolver: MILPSolving {
    static let lock = Mutex(())

    public init() {}

    public var interruptSignal: Int32? { GLPKSolver.interruptSignal }

    public func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution {
        let clock = TimeBudget.monotonic
        let started = clock()
        if let signal = interruptSignal { throw SolveInterrupted(signal: signal) }
        if var trivial = model.trivialSolution(objective) {
            trivial.seconds = clock() - started
            return trivial
        }
        var solution = try CBCSolver.lock.withLock { _ in try solveLocked(model, objective, options) }
        solution.seconds = clock() - started
        solution.engine = "CBC"
        if let signal = interruptSignal { throw SolveInterrupted(signal: signal) }
        if solution.status == .optimal || solution.status == .feasible, let broken = model.violation(of: solution.values) {
            throw CBCError(detail: "the solution breaks the model (\(broken))\n" + solution.log, insideCBC: true)
        }
        return solution
    }

    /// CBC's C API, loaded on first use; throws when CBC is not installed.
    static func loadedAPI() throws -> fa_cbc_api {
        guard let api = fa_cbc() else {
            throw CBCError(detail: String(cString: fa_cbc_error()) + " (Debian: apt-get install coinor-libcbc3)")
        }
        return api.pointee
    }

    /// CBC stopped on an internal check in this process (`fa_cbc_solve`): its static state is
    /// unknown, so it is not called again. Read and written under `lock`.
    nonisolated(unsafe) static var failed = false

    private func solveLocked(_ model: MILPModel, _ objective: MILPObjective, _ options: MILPOptions) throws -> MILPSolution {
        if CBCSolver.failed {
            throw CBCError(detail: "CBC stopped on one of its internal checks earlier in this process", insideCBC: true)
        }
        let api = try CBCSolver.loadedAPI()
        guard let cbc = api.newModel!() else { throw CBCError(detail: "Cbc_newModel failed") }
        var aborted: Int32 = 0
        defer { if aborted == 0 { api.deleteModel!(cbc) } }
        load(model, objective, into: cbc, api)
        api.setLogLevel!(cbc, 0)
        // No "threads": CBC's default (0) runs no threads; "threads 1" starts its parallel
        // machinery with one worker: mknapcb1 #2 took 8.6 s instead of 1.8 s (measured).
        if !options.deterministic, let limit = options.timeLimit {
            api.setParameter!(cbc, "sec", String(format: "%.3f", locale: Locale(identifier: "en_US_POSIX"), max(0.01, limit)))
        }
        if let nodes = options.nodeLimit { api.setParameter!(cbc, "maxNodes", String(nodes)) }
        // A pure 0-1 model is searched without CBC's cut generators: mknapcb1 #1–5 with the CBC
        // CLI (sum of wall times, one run each, two rounds) 10.1 s with them, 7.2–8.6 s with
        // "cuts off" ("cuts root" 9.0 s, "gomory off" alone 12.6 s, "heur off" 15.9 s); through
        // this API 10.9 / 11.7 s → 8.9 / 9.8 s; mknap1 + mknap2 (55 problems, whole process)
        // 5.1 → 3.7 s. Models with amounts keep CBC's defaults (not measured without).
        if model.allColumnsBinary { api.setParameter!(cbc, "cuts", "off") }
        if options.mipGap > 0 { api.setParameter!(cbc, "ratioGap", String(options.mipGap)) }
        if let tolerance = options.integralityTolerance { api.setParameter!(cbc, "integerTolerance", String(tolerance)) }
        if let step = options.objectiveStep, step > 0 {
            // Every objective value is a multiple of the step: within one step of the bound is optimal.
            api.setAllowableGap!(cbc, step * 0.999)
        }
        let start = CBCSolver.usableStart(model, options.start)
        if let start {
            // The start as a cutoff, not as CBC's MIP start (see `load` for why): CBC looks only
            // for plans better than it, up to half an objective step (else 10⁻⁶) worse; when it
            // finds none, the start is the answer.
            let value = (objective.value(start) - objective.constant) * CBCSolver.sign(objective)   // CBC's, without the constant
            let margin = options.objectiveStep.map { $0 / 2 } ?? 1e-6 * max(1, abs(value))
            api.setParameter!(cbc, "cutoff", String(value + margin))
        }
        let ret = withUnsafePointer(to: api) { fa_cbc_solve($0, cbc, &aborted) }
        if aborted != 0 {
            CBCSolver.failed = true
            throw CBCError(detail: "CBC stopped on one of its internal checks (an assert in CLP or CBC, printed above on "
                           + "stderr); CBC is not used again in this process", insideCBC: true)
        }
        let status = api.status!(cbc), secondary = api.secondaryStatus!(cbc)
        let nodes = Int(api.getNodeCount!(cbc))
        // The root LP when the search never started (status -1): infeasible, or unbounded
        // (neither proven optimal nor infeasible nor abandoned).
        let rootInfeasible = api.isInitialSolveProvenPrimalInfeasible!(cbc) != 0
        let rootUnbounded = status == -1 && !rootInfeasible && api.isInitialSolveProvenOptimal!(cbc) == 0
            && api.isInitialSolveAbandoned!(cbc) == 0 && api.isSecondsLimitReached!(cbc) == 0
        let log = "CBC \(api.getVersion!().map { String(cString: $0) } ?? "?"): return \(ret), status \(status), secondary status \(secondary), \(nodes) nodes"
            + (status == -1 ? ", root LP \(rootInfeasible ? "infeasible" : rootUnbounded ? "unbounded" : "stopped")" : "") + "\n"
        if status == 2 { throw CBCError(detail: "CBC abandoned the search (numerical difficulties)\n" + log) }
        let best = api.bestSolution!(cbc)
        let values = best.map { Array(UnsafeBufferPointer(start: $0, count: model.columns.count)) }
            ?? start ?? model.columns.map(\.lower)
        let value = objective.value(values)
        let rawBound = api.getBestPossibleObjValue!(cbc) * CBCSolver.sign(objective)
        var bound = rawBound.isFinite && abs(rawBound) < 1e30 ? rawBound + objective.constant : nil
        let result: MILPSolution.Status
        if api.isContinuousUnbounded!(cbc) != 0 || secondary == 7 {
            result = .unbounded
        } else if best == nil, start != nil {
            // Nothing better than the start: proven when the search ended by itself (its root LP
            // or its tree closed at the cutoff), not when a limit stopped it.
            let stopped = status == 1 || api.isSecondsLimitReached!(cbc) != 0
            result = stopped ? .feasible : .optimal
            if !stopped { bound = value }
        } else if rootUnbounded {
            result = .unbounded
        } else if best == nil {
            result = api.isProvenInfeasible!(cbc) != 0 || (status == 0 && secondary == 1) ? .infeasible : .noSolution
        } else if secondary == 2 {
            // Stopped at a gap (ratioGap, or the allowable gap of one objective step). CBC then
            // answers status 0 and Cbc_isProvenOptimal 1, as for a finished search (the province
            // benchmark's stage 2 at `mip_gap` 0.0005 came back "optimal" at 9,149.4 where
            // GLPK's plan has 9,150.15): a proof only when the bound is within one step.
            if let step = options.objectiveStep, step > 0, let bound, abs(value - bound) < step {
                result = .optimal
            } else {
                result = .feasible
            }
        } else if status == 0 && (api.isProvenOptimal!(cbc) != 0 || [-1, 0, 1].contains(secondary)) {
            // The search finished: with nothing better than the incumbent (secondary 1: the
            // relaxation is worse than the cutoff, measured on brute-force seed 37), the
            // incumbent is the optimum.
            result = .optimal
        } else {
            result = .feasible
        }
        let gap = best != nil || start != nil ? bound.map { abs(value - $0) / (abs(value) + .ulpOfOne) } : nil
        return MILPSolution(status: result, values: values, objective: value, bestBound: bound,
                            gap: result == .optimal ? 0 : gap, nodes: nodes, seconds: 0, log: log)
    }

    /// The start when it satisfies the model (integer columns rounded), else nil.
    static func usableStart(_ model: MILPModel, _ start: [Double]?) -> [Double]? {
        guard let start, start.count == model.columns.count else { return nil }
        let rounded = zip(model.columns, start).map { $0.kind == .continuous ? $1 : $1.rounded() }
        return model.isSatisfied(by: rounded) ? rounded : nil
    }

    /// CBC minimises `sign · objective` (`load`).
    static func sign(_ objective: MILPObjective) -> Double { objective.sense == .maximize ? -1 : 1 }

    /// The model in CBC's compressed-column form, the objective, integer columns. CBC always
    /// minimises here (a maximisation as the minimisation of its negation), and a start is
    /// given as a cutoff, never through Cbc_setMIPStart: with CBC 2.10.8's MIP start, stage 2 of
    /// the Xianyang baseline at 1.054亿 (maximise score, started from stage 1's plan) ended
    /// "optimal" at the root with 141.6 where 141.8 is the optimum (GLPK, glpsol, and CBC without
    /// the start agree) — first with the start's objective read with the wrong sign
    /// (coin-or/Cbc#296, fixed upstream after 2.10.8), and still after the model was loaded as a
    /// minimisation: CBC found 141.6 at the root, cut its bound to 143.3 and ended its search
    /// there, 0 nodes. Over the 101-point budget sweep `--backend cbc` then reported other stage
    /// optima than GLPK at 1.054亿 and 1.062亿; with the cutoff every stage optimum agrees.
    private func load(_ model: MILPModel, _ objective: MILPObjective, into cbc: UnsafeMutableRawPointer, _ api: fa_cbc_api) {
        let n = model.columns.count, m = model.rows.count
        var perColumn = [[(row: Int32, value: Double)]](repeating: [], count: n)
        for (i, row) in model.rows.enumerated() {
            for term in row.terms { perColumn[term.column].append((Int32(i), term.coefficient)) }
        }
        var starts: [CoinBigIndex] = [0], indices: [Int32] = [], values: [Double] = []
        for column in perColumn {
            for (row, value) in column { indices.append(row); values.append(value) }
            starts.append(CoinBigIndex(indices.count))
        }
        var costs = [Double](repeating: 0, count: n)
        for term in objective.terms { costs[term.column] += CBCSolver.sign(objective) * term.coefficient }
        let infinity = Double.greatestFiniteMagnitude
        // CBC's infinity is DBL_MAX (COIN_DBL_MAX), not IEEE's.
        func finite(_ v: Double) -> Double { v.isInfinite ? (v < 0 ? -infinity : infinity) : v }
        api.loadProblem!(cbc, Int32(n), Int32(m), starts, indices, values,
                        model.columns.map { finite($0.lower) }, model.columns.map { finite($0.upper) }, costs,
                        model.rows.map { $0.lower ?? -infinity }, model.rows.map { $0.upper ?? infinity })
        for (j, column) in model.columns.enumerated() where column.kind != .continuous { api.setInteger!(cbc, Int32(j)) }
        api.setObjSense!(cbc, 1)
    }
}

/// CBC failed (not infeasibility: that is a status).
public struct CBCError: Error, CustomStringConvertible, Sendable {
    public var detail: String
    /// CBC itself failed (an internal check, an answer that breaks the model), not its setup:
    /// `BackendSolver` then solves with GLPK.
    public var insideCBC: Bool = false
    public var description: String { "CBC failed: \(detail)" }
}
