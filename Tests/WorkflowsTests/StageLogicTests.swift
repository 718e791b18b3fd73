import Foundation
import FundAllocation
import ScenarioIO
import TestSupport
import Testing
import Workflows

/// The planner's stage logic and the workflows on a solver that is not GLPK (`EnumeratingSolver`):
/// holds, a stage that finds nothing, the split of the time budget, interruption. Numbers worked
/// by hand.
struct StageLogicTests {
    /// Fund 100. A: 100 yuan, 10 households, value 1; B: 60, 6, 4; C: 40, 3, 4.
    /// Stage 1 (households): A alone, 10 (B + C reach 9). Stage 2 (value) with households held
    /// within 10 % (≥ 9): B + C, value 8; held exactly (within 0): A, value 1.
    static func scenario(within: String, terms: String = "  - {maximize: value}\n") throws -> Scenario {
        try ScenarioLoader.load(text: """
            format: 1
            budget: {total: 100}
            projects:
              - {id: A, cost: 100, households: 10, value: 1}
              - {id: B, cost: 60, households: 6, value: 4}
              - {id: C, cost: 40, households: 3, value: 4}
            objective:
              - {maximize: households, within: \(within)}
            \(terms)
            """, file: "s.yaml")
    }

    static func funded(_ plan: Plan, _ s: Scenario) -> [String] {
        s.projects.indices.filter { plan.funded[$0] }.map { s.projects[$0].id }
    }

    @Test func laterTermsMoveOnlyWithinTheHoldOfEarlierOnes() throws {
        for (within, expected, value) in [("0.1", ["B", "C"], 8), ("0", ["A"], 1)] {
            let s = try Self.scenario(within: within)
            let plan = try Planner(solver: EnumeratingSolver()).solve(s)
            #expect(plan.status == .optimal)
            #expect(Self.funded(plan, s) == expected)
            #expect(plan.stages.map(\.optimum) == [10, Rational(value)])
        }
    }

    /// Stage 2 finds nothing (call 1): the plan of stage 1 is kept, its value is stage 2's
    /// value, and the plan is not proven.
    @Test func aStageThatFindsNothingKeepsThePlanBeforeIt() throws {
        let s = try Self.scenario(within: "0.1")
        let plan = try Planner(solver: EnumeratingSolver(findsNothing: [1])).solve(s)
        #expect(plan.status == .feasible)
        #expect(Self.funded(plan, s) == ["A"])
        #expect(plan.stages.map(\.optimum) == [10, 1])
        #expect(plan.stages.map(\.proven) == [true, false])
    }

    /// The first stage finds nothing: no plan, status noSolution.
    @Test func aFirstStageThatFindsNothingEndsTheSolve() throws {
        let plan = try Planner(solver: EnumeratingSolver(findsNothing: [0])).solve(try Self.scenario(within: "0.1"))
        #expect(plan.status == .noSolution && !plan.hasAllocation)
    }

    /// 12 s for three terms, each solve taking 1 s on the solver's clock: stage 1 may use all
    /// 12 s while it has no plan and is asked to stop at half (6 s) once it has one; stage 2
    /// gets half of the 11 s left, stage 3 all of the 10 s left, the tie-break half of the 9 s
    /// left (`tieBreakShare`) and at most `tieBreakNodes` nodes, and so does the question that
    /// orders its ties (`Planner.orderTies`: does a tied plan fund other projects?) of the 8 s
    /// left.
    @Test func theTimeBudgetIsSplitBetweenTheStages() throws {
        let solver = EnumeratingSolver(secondsPerSolve: 1)
        let s = try Self.scenario(within: "0.1", terms: "  - {maximize: value}\n  - {minimize: funds}\n")
        let plan = try Planner(solver: solver, clock: solver.clock).solve(s, timeLimit: 12)
        #expect(plan.status == .optimal)
        let options = solver.options
        #expect(options.map(\.timeLimit) == [12, 5.5, 10, 4.5, 4])
        #expect(options.map(\.softTimeLimit) == [6, nil, nil, nil, nil])
        #expect(options.map(\.nodeLimit) == [nil, nil, nil, Planner.tieBreakNodes, Planner.tieBreakNodes])
        #expect(options.map(\.tieOrder) == [false, false, false, false, true])
        #expect(options.allSatisfy { !$0.deterministic })
    }

    /// Once the time is spent no further stage starts; what was found is reported, unproven.
    @Test func noStageStartsOnceTheTimeIsSpent() throws {
        let solver = EnumeratingSolver(secondsPerSolve: 5)
        let s = try Self.scenario(within: "0.1", terms: "  - {maximize: value}\n  - {minimize: funds}\n")
        let plan = try Planner(solver: solver, clock: solver.clock).solve(s, timeLimit: 10)
        #expect(solver.options.count == 2)
        #expect(plan.stages.map { $0.optimum != nil } == [true, true, false])
        #expect(plan.status == .feasible)
    }

    /// A work limit replaces the clock: every solve is deterministic and node-limited.
    @Test func aWorkLimitReplacesTheClock() throws {
        let solver = EnumeratingSolver(secondsPerSolve: 1)
        _ = try Planner(solver: solver, clock: solver.clock).solve(try Self.scenario(within: "0.1"), timeLimit: 1, workLimit: 100)
        #expect(solver.options.count == 4)   // the term, its tie-break, and the order's question
        #expect(solver.options.allSatisfy { $0.deterministic && $0.timeLimit == nil && ($0.nodeLimit ?? .max) <= 100 })
    }

    /// Ctrl-C after the sixth solve: the two scenarios solved whole are emitted (three solves
    /// each: the term, the tie-break and the question that orders its ties), no further one is
    /// started, and a solve under way throws `SolveInterrupted`.
    @Test func interruptionStopsNewSolvesAndKeepsWhatIsWhole() throws {
        let s = try Self.scenario(within: "0", terms: "")
        let solver = EnumeratingSolver(interruptAfter: 6)
        var emitted: [Int] = []
        let count = Solving.each(Array(repeating: s, count: 5), solver: solver, jobs: 1, timeLimit: nil) { i, result in
            if case .success = result { emitted.append(i) }
        }
        #expect(count == 2 && emitted == [0, 1])
        #expect(solver.options.count == 6)
        #expect(throws: SolveInterrupted.self) { try Planner(solver: solver).solve(s) }
    }

    /// The same scenario gives the same plan on the enumerating solver and in the sweep
    /// workflow, whatever the number of jobs.
    @Test func workflowsRunOnAnySolver() throws {
        let plans = try ["0.1", "0"].map { try Self.scenario(within: $0) }
        var summaries: [PointSummary] = []
        Solving.summaries(plans, solver: EnumeratingSolver(), jobs: 2, timeLimit: nil) { _, s in summaries.append(s) }
        #expect(summaries.map(\.status) == [.solved(.optimal), .solved(.optimal)])
        #expect(summaries.map(\.households) == [9, 10])
    }

    /// Every solved stage's bound caps its term in the later solves (`Planner.cap`): the proven
    /// optimum, or else the best bound the stopped search reported — in the solver's objective,
    /// here households ÷ 2 (their gcd) — but never below the plan's own value; loosened by
    /// `capSlack`. Households 10 (A), 6 (B), 2 (C): stage 1 funds A, 10 households.
    @Test func laterSolvesCapEachTermAtTheBoundItsStageProved() throws {
        let s = try ScenarioLoader.load(text: """
            format: 1
            budget: {total: 100}
            projects:
              - {id: A, cost: 100, households: 10, value: 1}
              - {id: B, cost: 60, households: 6, value: 4}
              - {id: C, cost: 40, households: 2, value: 4}
            objective: [{maximize: households, within: 0.5}, {maximize: value}, {minimize: funds}]
            """, file: "s.yaml")
        let slack = Planner.capSlack.doubleValue
        // (the first stage's reported bound, the households cap expected)
        let cases: [(reported: Double?, expected: Double)] = [(nil, 10), (5.5, 11), (4, 10)]
        for (reported, expected) in cases {
            let solver = FirstStageStopped(bound: reported)
            let plan = try Planner(solver: solver).solve(s)
            #expect(plan.stages.map(\.optimum) == [10, 8, 100])
            let implied = solver.inner.options.map(\.impliedRows)
            let caps: [[String]] = implied.map { rows in rows.map(\.name) }
            // The stages, the tie-break, and the question that orders its ties.
            #expect(caps == [[], ["cap1"], ["cap1", "cap2"], ["cap1", "cap2", "cap3"], ["cap1", "cap2", "cap3"]])
            // Each row is scaled so that its largest coefficient is 1: households by A's 10,
            // value by 4, funds by A's 100.
            for rows in implied.dropFirst() {
                let upper = try #require(rows.first { $0.name == "cap1" }?.upper)
                #expect(abs(upper * 10 - expected * (1 + slack)) < 1e-9)
            }
            let last = try #require(implied.last)
            let value: Double = try #require(last.first { $0.name == "cap2" }?.upper)
            #expect(abs(value * 4 - 8 * (1 + slack)) < 1e-9)
            let funds = try #require(last.first { $0.name == "cap3" })
            #expect(funds.upper == nil)
            let lower: Double = try #require(funds.lower)
            #expect(abs(lower * 100 - 100 * (1 - slack)) < 1e-9)
        }
    }

    /// The tie-break starts from the last stage's plan only when that plan is one of the
    /// equally good plans in exact arithmetic. Households on no lattice (100.0003 and 100.0007
    /// households, partly fundable in whole yuan) are held within `holdSlack` of their window;
    /// the window is set just above plan X (P 10, Q 10 of 11: funds 20), so that X, inside the
    /// slack but outside the window, is the stage's least-funds plan. Offered to the tie-break
    /// as its start, the solver would take X within its tolerance and prune every plan inside
    /// the window that is worse on the tie-break.
    @Test func theTieBreakStartsOnlyFromAPlanInsideTheExactWindows() throws {
        let (hp, hq) = (Rational(1_000_003, 10_000), Rational(1_000_007, 10_000))
        let best = hp + hq
        let x = hp + hq * Rational(10, 11)
        let window = x * (Rational.one + Rational(1, 20_000_000))   // X + 5·10⁻⁸ of it
        let within = (Rational.one - window / best).decimalString(places: 40)
        let held = best * (Rational.one - (try NumberSyntax.number(within).get()))
        try #require(x < held && x >= held - Planner.holdSlack * held)
        let s = try ScenarioLoader.load(text: """
            format: 1
            budget: {total: 100}
            projects:
              - {id: P, cost: 10, households: 100.0003, min_share: 0.5}
              - {id: Q, cost: 11, households: 100.0007, min_share: 0.5}
            objective: [{maximize: households, within: \(within)}, {minimize: funds}]
            """, file: "s.yaml")
        let solver = EnumeratingSolver()
        let plan = try Planner(solver: solver).solve(s)
        #expect(plan.amounts == [10, 10])
        #expect(plan.stages.map(\.optimum) == [best, 20])
        #expect(solver.options.count == 3)
        #expect(solver.options[1].start != nil)   // the stages start from the plan before them
        #expect(solver.options[2].start == nil)   // the tie-break: X is outside the window
        // Households on no lattice are not capped (`Planner.cap`); funds are.
        #expect(solver.options.map { $0.impliedRows.map(\.name) } == [[], [], ["cap2"]])
    }
}

/// `EnumeratingSolver` (`inner`, which records every solve's options), its first solve
/// reported stopped with `bound` as the best bound (nil: proven).
private final class FirstStageStopped: MILPSolving, @unchecked Sendable {
    let inner = EnumeratingSolver()
    let bound: Double?

    init(bound: Double?) { self.bound = bound }

    var interruptSignal: Int32? { inner.interruptSignal }

    func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution {
        var solution = try inner.solve(model, objective: objective, options: options)
        if inner.options.count == 1, let bound {
            solution.status = .feasible
            solution.bestBound = bound
        }
        return solution
    }
}
