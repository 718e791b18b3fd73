import Dispatch
import FundAllocation
@testable import GLPKBackend
import Testing
import TestSupport

struct GLPKSolverTests {
    /// max 5a + 4b + 3c  s.t.  2a + 3b + c ≤ 5,  4a + b + 2c ≤ 11,  3a + 4b + 2c ≤ 8, binary.
    func knapsack(capacity: Double = 5) -> (MILPModel, MILPObjective) {
        let columns = ["a", "b", "c"].map { MILPModel.Column(name: $0, kind: .binary, lower: 0, upper: 1) }
        let rows = [
            MILPModel.Row(name: "r1", terms: [(0, 2), (1, 3), (2, 1)], lower: nil, upper: capacity),
            MILPModel.Row(name: "r2", terms: [(0, 4), (1, 1), (2, 2)], lower: nil, upper: 11),
            MILPModel.Row(name: "r3", terms: [(0, 3), (1, 4), (2, 2)], lower: nil, upper: 8),
        ]
        return (MILPModel(columns: columns, rows: rows), MILPObjective(sense: .maximize, terms: [(0, 5), (1, 4), (2, 3)]))
    }

    @Test func solvesASmallKnapsack() throws {
        let (model, objective) = knapsack()
        let s = try GLPKSolver().solve(model, objective: objective, options: MILPOptions())
        #expect(s.status == .optimal)
        #expect(s.values == [1, 1, 0])   // a + b: rows 5 ≤ 5, 5 ≤ 11, 7 ≤ 8
        #expect(abs(s.objective - 9) < 1e-9)
    }

    /// A stage started from the previous stage's basis: the solve from a basis gives the same
    /// optimum, returns its own root basis, and a basis GLPK cannot use (every column basic)
    /// falls back to a fresh one instead of failing.
    @Test func startsFromAGivenBasisOrFallsBack() throws {
        let (model, objective) = knapsack()
        let start = [1.0, 0, 0]   // feasible; a start makes the solve run without the presolver
        let first = try GLPKSolver().solve(model, objective: objective, options: MILPOptions(start: start))
        let basis = try #require(first.basis)
        #expect(basis.rows.count == 3 && basis.columns.count == 3)
        var held = model   // one more row (the next stage's hold), basic in the given basis
        held.rows.append(MILPModel.Row(name: "hold", terms: [(0, 5), (1, 4), (2, 3)], lower: 8.5, upper: nil))
        let bs = MILPBasis.Status.basic, nl = MILPBasis.Status.atLower
        for (given, usable) in [(basis, true), (MILPBasis(rows: [bs, bs, bs], columns: [bs, bs, nl]), false)] {
            let s = try GLPKSolver().solve(held, objective: objective, options: MILPOptions(start: start, basis: given))
            #expect(s.status == .optimal && s.values == [1, 1, 0])
            #expect(s.basis?.rows.count == 4)
            #expect(s.log.contains("basis is not usable") == !usable)
        }
    }

    @Test func infeasibleIsAStatusNotAnError() throws {
        var (model, objective) = knapsack()
        model.rows.append(MILPModel.Row(name: "all", terms: [(0, 1), (1, 1), (2, 1)], lower: 3, upper: nil))
        for plain in [false, true] {
            let solver = GLPKSolver(cuts: !plain)
            #expect(try solver.solve(model, objective: objective, options: MILPOptions()).status == .infeasible)
        }
    }

    @Test func contradictoryBoundsAreInfeasibleNotAnError() throws {
        var (model, objective) = knapsack()
        model.rows.append(MILPModel.Row(name: "min_above_max", terms: [(0, 1), (1, 1)], lower: 2, upper: 1))
        #expect(try GLPKSolver().solve(model, objective: objective, options: MILPOptions()).status == .infeasible)
    }

    @Test func aStartingSolutionIsUsedAndTheAnswerIsTheSame() throws {
        let (model, objective) = knapsack()
        let s = try GLPKSolver().solve(model, objective: objective, options: MILPOptions(start: [0, 1, 1]))
        #expect(s.status == .optimal && abs(s.objective - 9) < 1e-9)
        #expect(s.values == [1, 1, 0])
    }

    @Test func glpkErrorsAreInterceptedAndTheProcessGoesOn() throws {
        let error = try #require(provokeGLPKErrorForTesting())
        #expect("\(error)".contains("out of range"))
        // GLPK still works on this thread afterwards.
        let (model, objective) = knapsack()
        #expect(abs(try GLPKSolver().solve(model, objective: objective, options: MILPOptions()).objective - 9) < 1e-9)
    }

    @Test func theStatusMapIsTotalOverMeasuredCases() {
        #expect(GLPKSolver.status(ret: 0, mipStatus: 5) == .optimal)             // GLP_OPT
        #expect(GLPKSolver.status(ret: 0x0A, mipStatus: 4) == .infeasible)       // GLP_ENOPFS
        #expect(GLPKSolver.status(ret: 0x09, mipStatus: 2) == .feasible)         // GLP_ETMLIM, GLP_FEAS
        #expect(GLPKSolver.status(ret: 0x09, mipStatus: 1) == .noSolution)       // GLP_ETMLIM, GLP_UNDEF
        #expect(GLPKSolver.status(ret: 0x0E, mipStatus: 2) == .feasible)         // GLP_EMIPGAP
        #expect(GLPKSolver.status(ret: 0x0B, mipStatus: 1) == .unbounded)        // GLP_ENODFS
        #expect(GLPKSolver.status(ret: 0x05, mipStatus: 1) == nil)               // GLP_EFAIL: an error
        // Stopped by the callback (GLP_ESTOP = 0x0D): why decides.
        #expect(GLPKSolver.status(ret: 0x0D, mipStatus: 2, stop: .step) == .optimal)     // within one objective step
        #expect(GLPKSolver.status(ret: 0x0D, mipStatus: 2, stop: .gap) == .feasible)
        #expect(GLPKSolver.status(ret: 0x0D, mipStatus: 1, stop: .time) == .noSolution)
        #expect(GLPKSolver.status(ret: 0x0D, mipStatus: 2, stop: .nodes) == .feasible)
        #expect(GLPKSolver.status(ret: 0x0D, mipStatus: 1, stop: .nodes) == .noSolution)
    }

    @Test func separateThreadsGiveIdenticalResults() throws {
        let problems = ORLibrary.mknap1(Paths.fixture("orlib/mknap1.txt"))
        let serial = try problems.map { p -> [Double] in
            let (m, o) = p.milp
            return try GLPKSolver().solve(m, objective: o, options: MILPOptions()).values
        }
        let results = ResultBox(count: problems.count)
        DispatchQueue.concurrentPerform(iterations: problems.count) { k in
            let (m, o) = problems[k].milp
            results.set(k, try? GLPKSolver().solve(m, objective: o, options: MILPOptions()).values)
        }
        #expect(results.values == serial.map { Optional($0) })
    }

    /// A search stopped early reports the bound its root cuts reached. It used to read the
    /// bound only at every 64th callback, so a large model (few callbacks, each after seconds
    /// of cut generation) reported the LP relaxation's bound, or none.
    @Test(.slow) func anEarlyStopReportsTheBoundTheRootCutsReached() throws {
        let problem = ORLibrary.mknap1(Paths.fixture("orlib/mknapcb1.txt"))[0]
        var (model, objective) = problem.milp
        // One continuous column (in no row) turns GLPK's cut generators on.
        model.columns.append(MILPModel.Column(name: "free", kind: .continuous, lower: 0, upper: 1))
        var relaxed = model
        relaxed.columns = relaxed.columns.map { column in
            var column = column
            column.kind = .continuous
            return column
        }
        let lp = try GLPKSolver().solve(relaxed, objective: objective, options: MILPOptions())
        #expect(lp.status == .optimal)
        let stopped = try GLPKSolver().solve(model, objective: objective, options: MILPOptions(nodeLimit: 2))
        let bound = try #require(stopped.bestBound)
        // Below the LP bound rounded down to the objective's lattice (GLPK's own reading).
        #expect(bound < lp.objective.rounded(.down) - 0.5, "bound \(bound), LP relaxation \(lp.objective)")
        #expect(bound >= 24381 - 1e-6)   // mknapcb1-1's proven optimum
    }

    /// A soft limit stops the search once it has a solution (the first stage's half of the
    /// time); without a solution it would go on to the hard limit.
    @Test(.slow) func aSoftLimitStopsOnceThereIsASolution() throws {
        let (model, objective) = ORLibrary.mknap1(Paths.fixture("orlib/mknapcb1.txt"))[0].milp
        let s = try GLPKSolver().solve(model, objective: objective, options: MILPOptions(timeLimit: 60, softTimeLimit: 0.05))
        #expect(s.status == .feasible)   // a solution, not proven (proving takes seconds)
        #expect(s.objective <= 24381 && s.gap != nil)
    }

    @Test(.slow) func aTimeLimitStopsAHardModel() throws {
        let problems = ORLibrary.mknap1(Paths.fixture("orlib/mknapcb1.txt"))
        let (model, objective) = problems[0].milp
        let s = try GLPKSolver().solve(model, objective: objective,
                                       options: MILPOptions(timeLimit: 0.2))
        #expect(s.status == .feasible || s.status == .noSolution)
        if s.status == .feasible {
            #expect(s.objective <= 24381)
            #expect(s.gap != nil)
        }
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLockish()
    private var storage: [[Double]?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ v: [Double]?) { lock.with { storage[k] = v } }
    var values: [[Double]?] { lock.with { storage } }
}

/// A tiny lock on top of Dispatch.
final class NSLockish: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 1)
    func with<T>(_ body: () -> T) -> T {
        semaphore.wait()
        defer { semaphore.signal() }
        return body()
    }
}
