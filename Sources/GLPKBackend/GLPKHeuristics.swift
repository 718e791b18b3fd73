import CGLPK
import Foundation
import _GLPKShims
import FundAllocation

/// Sub-MIP heuristics run before branching, on a copy of a problem whose root LP is optimal:
/// each fixes part of the columns and solves what is left (`GLPKStrategy.subMIP`), within a
/// time limit. They return a solution of the whole problem (0-based), or nil.
enum GLPKHeuristics {
    /// RINS (Danna, Rothberg, Le Pape 2005), with a known solution `start` of `p`: every
    /// integer column on which the root LP and that solution agree is fixed, the rest keep
    /// their bounds; the sub-MIP always has that solution, so it is never infeasible.
    static func rins(_ p: GLPKProblem, _ params: fa_search_params, milliseconds: Int, start: [Double]) throws -> [Double]? {
        let started = TimeBudget.monotonic()
        let kinds = try p.kinds(), lp = try p.lpValues()
        let q = try p.copy()
        var fixed: [(column: Int32, value: Double)] = []
        var free = 0
        for j in kinds.indices where kinds[j] != GLP_CV {
            let r = (start[j] + 0.5).rounded(.down)
            if abs(lp[j] - r) <= 1e-6 { fixed.append((Int32(j + 1), r)) } else { free += 1 }
        }
        try q.fix(fixed)
        let x = try subMIP(q, params, milliseconds: Double(milliseconds)) ? q.mipSolution().values : nil
        try GLPKProblem.print("RINS: \(free) integer columns free, \((TimeBudget.monotonic() - started).fixed(2)) s, "
                              + (x != nil ? "solution found\n" : "no solution\n"))
        return x
    }

    /// A two-step RENS (Berthold 2014) for models with many general integers (whole-万元
    /// amounts): 1. every binary the LP left integral is fixed, the general integers are made
    /// continuous, and the few remaining binaries are solved for (a small MIP), in half the
    /// time; 2. every binary is fixed at that solution, the general integers are integer
    /// again, and that MIP (amounts only) is solved in what is left.
    static func rens(_ p: GLPKProblem, _ params: fa_search_params, milliseconds: Int) throws -> [Double]? {
        let started = TimeBudget.monotonic()
        let kinds = try p.kinds(), lp = try p.lpValues()
        let q = try p.copy()
        let general = kinds.indices.filter { kinds[$0] == GLP_IV }.map { Int32($0 + 1) }
        let binaries = kinds.indices.filter { kinds[$0] == GLP_BV }
        var fixed: [(column: Int32, value: Double)] = []
        for j in binaries {
            let r = (lp[j] + 0.5).rounded(.down)
            if abs(lp[j] - r) <= 1e-6 { fixed.append((Int32(j + 1), r)) }
        }
        try q.setKinds(general.map { ($0, GLP_CV) })
        try q.fix(fixed)
        var x: [Double]?
        var outcome = "no solution (binaries)"
        if try subMIP(q, params, milliseconds: Double(milliseconds) / 2) {
            let chosen = try q.mipSolution().values
            try q.fix(binaries.map { (Int32($0 + 1), (chosen[$0] + 0.5).rounded(.down)) })
            try q.setKinds(general.map { ($0, GLP_IV) })
            outcome = "no solution (amounts)"
            if try subMIP(q, params, milliseconds: Double(millisecondsLeft(started, Double(milliseconds)))) {
                x = try q.mipSolution().values
                outcome = "solution found"
            }
        }
        try GLPKProblem.print("RENS: \(binaries.count - fixed.count) fractional binaries, "
                              + "\((TimeBudget.monotonic() - started).fixed(2)) s, \(outcome)\n")
        return x
    }

    /// Solves the sub-MIP `q` for at most `milliseconds`; true when it found a solution.
    /// GLPK 5.0's MIP presolver has called such models infeasible when they are not (the root
    /// LP of the full model is a solution of this one's relaxation): then it is solved again
    /// without, from its LP relaxation.
    static func subMIP(_ q: GLPKProblem, _ params: fa_search_params, milliseconds: Double) throws -> Bool {
        let started = TimeBudget.monotonic()
        var params = params
        params.tm_lim = Int32(millisecondsLeft(started, milliseconds))
        var (result, _) = try q.intopt(params, offered: [])
        if result.ret == GLP_ENOPFS {
            let lp = try q.simplex(method: GLP_DUALP, milliseconds: Int32(millisecondsLeft(started, milliseconds)), messages: GLP_MSG_OFF)
            if lp.ret == 0 && lp.status == GLP_OPT {
                params.presolve = GLP_OFF
                params.tm_lim = Int32(millisecondsLeft(started, milliseconds))
                (result, _) = try q.intopt(params, offered: [])
            }
        }
        return result.status == GLP_OPT || result.status == GLP_FEAS
    }

    /// What is left of `limit` ms begun at `started` (monotonic seconds), as a GLPK time limit:
    /// at least 1 (0 would mean none).
    static func millisecondsLeft(_ started: Double, _ limit: Double) -> Int {
        let left = limit - (TimeBudget.monotonic() - started) * 1000
        return left > 1 ? Int(left) : 1
    }
}
