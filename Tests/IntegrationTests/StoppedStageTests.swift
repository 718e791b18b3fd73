import FundAllocation
import GLPKBackend
import ScenarioIO
import TestSupport
import Testing

/// GLPK, except that one stage (0-based call number) finds nothing, as when the time runs out
/// before it takes the previous stage's plan.
private final class StageThatFindsNothing: MILPSolving, @unchecked Sendable {
    let failing: Int
    var calls = 0
    init(failing: Int) { self.failing = failing }
    var interruptSignal: Int32? { nil }

    func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution {
        defer { calls += 1 }
        var solution = try GLPKSolver().solve(model, objective: objective, options: options)
        if calls == failing {
            solution.status = .noSolution
            solution.gap = nil
        }
        return solution
    }
}

struct StoppedStageTests {
    /// A stage that finds nothing keeps the previous plan and holds its own term there, so the
    /// stages after it cannot trade it away; the plan is reported as not proven.
    /// Stage 1 funds A (10 households; B's 9.5 is within its 10 %); stage 2 (value) finds
    /// nothing and keeps A; stage 3 (funds) would switch to the cheaper B without that hold.
    @Test func aStageThatFindsNothingHoldsItsTermAtThePlanItKept() throws {
        let scenario = try ScenarioLoader.load(text: """
            format: 1
            budget: {total: 100}
            projects:
              - {id: A, cost: 100, households: 10, value: 5}
              - {id: B, cost: 50, households: 9.5, value: 1}
            objective:
              - {maximize: households, within: 0.1}
              - {maximize: value}
              - {minimize: funds}
            """, file: "stopped.yaml")
        let full = try Planner(solver: GLPKSolver()).solve(scenario)
        let stopped = try Planner(solver: StageThatFindsNothing(failing: 1)).solve(scenario)
        #expect(full.status == .optimal && full.funded == [true, false])
        #expect(stopped.status == .feasible)
        let stage2 = stopped.stages[1]
        #expect(stage2.optimum == Rational(5) && !stage2.proven && stage2.gap == nil)
        #expect(stopped.funded == [true, false], "the funds stage traded the value away")
        #expect(PlanVerifier.violations(of: stopped, in: scenario).isEmpty)
    }
}
