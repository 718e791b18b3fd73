import CBCBackend
import FundAllocation
import Testing
import TestSupport

/// Random small all-or-nothing scenarios: the solver's lexicographic optima must equal the best
/// feasible subset found by enumerating all of them.
@Suite(.slow)
struct BruteForceTests {
    @Test(arguments: 1...150, engines)
    func matchesEnumeration(_ seed: Int, _ engine: SolverBackend) throws {
        try check(RandomScenarios.make(seed: UInt64(seed)), seed: seed, engine: engine)
    }

    /// The same with periods (windows, profiles, tranches, carry-over), sources and villages.
    @Test(arguments: 1...100, engines)
    func withTimeSourcesAndVillages(_ seed: Int, _ engine: SolverBackend) throws {
        let scenario = RandomScenarios.makeWithTime(seed: UInt64(seed))
        #expect(ScenarioValidator.check(scenario).errors.isEmpty)
        try check(scenario, seed: seed, engine: engine)
    }

    /// The same against a random reference plan: commitments, closed periods, `changes` and
    /// `moved` (MODEL.md §8).
    @Test(arguments: 1...100, engines)
    func withAReferencePlan(_ seed: Int, _ engine: SolverBackend) throws {
        let scenario = RandomScenarios.makeWithReference(seed: UInt64(seed))
        #expect(ScenarioValidator.check(scenario).errors.isEmpty, "seed \(seed): \(ScenarioValidator.check(scenario).errors)")
        try check(scenario, seed: seed, engine: engine)
    }

    /// The solver's stage optima equal enumeration's, its plan passes the exact re-check, and
    /// among the equally good plans it is the one the tie-break rule picks (the largest
    /// Σ (N − j)·amount_j; enumeration finds it by comparing them all).
    func check(_ scenario: Scenario, seed: Int, engine: SolverBackend) throws {
        let expected = BruteForce.solve(scenario)
        let plan = try Planner(solver: BackendSolver(engine)).solve(scenario)
        guard let expected else {
            #expect(plan.status == .infeasible, "seed \(seed): enumeration finds no feasible plan")
            return
        }
        #expect(plan.status == .optimal, "seed \(seed) on \(engine): \(plan.solverLog)")
        #expect(plan.stages.map(\.optimum) == expected.optima.map { Optional($0) }, "seed \(seed): \(scenario.objective)")
        #expect(PlanVerifier.violations(of: plan, in: scenario).isEmpty)
        guard !scenario.objective.isEmpty else { return }
        func rank(_ p: Plan) -> Int64 {
            p.amounts.enumerated().reduce(Int64(0)) { $0 + Int64(p.amounts.count - $1.offset) * $1.element }
        }
        let best = expected.equallyGood.map(rank).max()!
        #expect(rank(plan) == best, "seed \(seed): tie-break value \(rank(plan)), best \(best)")
        let winners = Set(expected.equallyGood.filter { rank($0) == best }.map(\.funded))
        #expect(winners.contains(plan.funded), "seed \(seed): funded set is not one the rule picks")
    }
}
