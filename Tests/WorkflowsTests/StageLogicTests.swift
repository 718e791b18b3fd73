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
    /// left (`tieBreakShare`) and at most `tieBreakNodes` nodes.
    @Test func theTimeBudgetIsSplitBetweenTheStages() throws {
        let solver = EnumeratingSolver(secondsPerSolve: 1)
        let s = try Self.scenario(within: "0.1", terms: "  - {maximize: value}\n  - {minimize: funds}\n")
        let plan = try Planner(solver: solver, clock: solver.clock).solve(s, timeLimit: 12)
        #expect(plan.status == .optimal)
        let options = solver.options
        #expect(options.map(\.timeLimit) == [12, 5.5, 10, 4.5])
        #expect(options.map(\.softTimeLimit) == [6, nil, nil, nil])
        #expect(options.map(\.nodeLimit) == [nil, nil, nil, Planner.tieBreakNodes])
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
        #expect(solver.options.count == 3)
        #expect(solver.options.allSatisfy { $0.deterministic && $0.timeLimit == nil && ($0.nodeLimit ?? .max) <= 100 })
    }

    /// Ctrl-C after the fourth solve: the two scenarios solved whole are emitted (two solves
    /// each: the term and the tie-break), no further one is started, and a solve under way
    /// throws `SolveInterrupted`.
    @Test func interruptionStopsNewSolvesAndKeepsWhatIsWhole() throws {
        let s = try Self.scenario(within: "0", terms: "")
        let solver = EnumeratingSolver(interruptAfter: 4)
        var emitted: [Int] = []
        let count = Solving.each(Array(repeating: s, count: 5), solver: solver, jobs: 1, timeLimit: nil) { i, result in
            if case .success = result { emitted.append(i) }
        }
        #expect(count == 2 && emitted == [0, 1])
        #expect(solver.options.count == 4)
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
}
