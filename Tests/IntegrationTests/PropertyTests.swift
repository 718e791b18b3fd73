import FundAllocation
import GLPKBackend
import Testing
import TestSupport

/// Properties every solve must have, on random scenarios (with and without periods, sources
/// and villages). Stage optima are compared with `within: 0` everywhere, where the final plan
/// attains every stage optimum.
@Suite(.slow)
struct PropertyTests {
    static func exact(_ s: Scenario) -> Scenario {
        var s = s
        s.objective = s.objective.map { var t = $0; t.within = .zero; return t }
        return s
    }

    static func scenario(_ seed: Int) -> Scenario {
        exact(seed % 2 == 0 ? RandomScenarios.make(seed: UInt64(seed)) : RandomScenarios.makeWithTime(seed: UInt64(seed)))
    }

    static func optima(_ s: Scenario) throws -> (Plan, [Rational]?) {
        let plan = try Planner(solver: GLPKSolver()).solve(s)
        return (plan, plan.hasAllocation ? plan.stages.map { $0.optimum! } : nil)
    }

    /// Less money never gives a better first objective term, and never turns an infeasible
    /// scenario feasible. (Without `min_use`: a floor that is a share of the total moves down
    /// with it, so a smaller total is not only a tightening there.)
    @Test func tighteningTheBudgetNeverHelps() throws {
        let compared = try (1...40).filter { try tighteningTheBudgetNeverHelps($0) }.count
        #expect(compared >= 20, "only \(compared) of 40 random scenarios had a plan to compare")
    }

    /// Returns false when the scenario has no plan that spends money (nothing to compare).
    func tighteningTheBudgetNeverHelps(_ seed: Int) throws -> Bool {
        var s = Self.scenario(seed)
        s.budget.minUse = nil
        let (plan, optima) = try Self.optima(s)
        guard let spent = plan.hasAllocation ? plan.amounts.reduce(0, +) : nil, spent > 0 else { return false }
        var tight = s
        tight.budget.total = min(s.budget.total ?? spent, spent) * 9 / 10
        let (tightPlan, tightOptima) = try Self.optima(tight)
        guard let first = optima?.first, let tightFirst = tightOptima?.first else {
            #expect(tightPlan.status == .infeasible || optima == nil, "seed \(seed)")
            return true
        }
        let term = s.objective[0]
        #expect(term.sense == .maximize ? tightFirst <= first + Rational(1, 1_000_000) * max(.one, first.magnitude)
                                        : tightFirst >= first - Rational(1, 1_000_000) * max(.one, first.magnitude),
                "seed \(seed): \(term) \(first) → \(tightFirst) with less money")
        return true
    }

    /// Pinning in a project the plan funds changes no stage optimum.
    @Test func pinningAFundedProjectChangesNothing() throws {
        let compared = try (1...40).filter { try pinningAFundedProjectChangesNothing($0) }.count
        #expect(compared >= 20, "only \(compared) of 40 random scenarios funded a project")
    }

    /// Returns false when the plan funds no unpinned project (nothing to pin).
    func pinningAFundedProjectChangesNothing(_ seed: Int) throws -> Bool {
        let s = Self.scenario(seed)
        let (plan, optima) = try Self.optima(s)
        guard let optima, let j = s.projects.indices.first(where: { plan.funded[$0] && s.projects[$0].pin == nil }) else { return false }
        var pinned = s
        pinned.projects[j].pin = .in
        let (pinnedPlan, pinnedOptima) = try Self.optima(pinned)
        #expect(pinnedPlan.funded[j], "seed \(seed)")
        let after = try #require(pinnedOptima, "seed \(seed): pinning a funded project made the scenario unsolvable")
        for (a, b) in zip(optima, after) { #expect(closeEnough(b, a), "seed \(seed): \(a) → \(b) after pinning \(s.projects[j].id)") }
        return true
    }
}
