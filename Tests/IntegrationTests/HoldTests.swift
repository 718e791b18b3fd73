import FundAllocation
import ScenarioIO
import Testing
import TestSupport

/// How exactly a held objective term is kept (Planner.hold, docs/scenario-format.md "Holds").
struct HoldTests {
    /// A (partly fundable, 1 yuan a unit) reaches 1,000 households with the whole fund; B costs
    /// 1 yuan and scores 5. Giving up 10⁻⁶ of A's households (1 yuan) would fund B: with
    /// `within: 0` that is not allowed. Households move in steps of 0.001 here, so the hold is
    /// exact. With the old relative slack of 10⁻⁶ the plan funded B with 999.999 households.
    @Test func aWithinZeroHoldGivesUpNothingWhenTheTermMovesInCoarseSteps() throws {
        let (s, plan) = try solve(yaml: """
            format: 1
            budget: {total: 1000000}
            five_good: {weights: {industry: 1}}
            projects:
              - {id: A, cost: 1000000, households: 1000, min_share: 0.01, score_industry: 1, score_leader: 1, score_linkage: 1, score_policy: 1, score_organisation: 1}
              - {id: B, cost: 1, households: 0, score_industry: 5, score_leader: 5, score_linkage: 5, score_policy: 5, score_organisation: 5}
            objective: [{maximize: households, within: 0}, {maximize: score}]
            """)
        #expect(plan.status == .optimal)
        #expect(plan.amounts == [1_000_000, 0])
        #expect(s.evaluate(.households, in: plan) == Rational(1000))
    }

    /// The hold's rows: on a coarse lattice the checked bound is the contract's own, and the
    /// solver's row lies half a step below the lattice point at or above it.
    @Test func aCoarseTermIsHeldExactlyAndAFineOneWithinTheDocumentedTolerance() throws {
        // Two all-or-nothing projects: columns 0 and 1 are their x_j (binary).
        let model = AllocationModel(try ScenarioLoader.load(text: "format: 1\nprojects: [{id: A, cost: 1}, {id: B, cost: 1}]\n", file: "t.yaml"))
        var coarse = LinearExpression()
        coarse.add(Rational(1, 1000), 0)
        coarse.add(Rational(3, 1000), 1)
        let exact = Planner.hold("h", coarse, sense: .maximize, bound: Rational(9995, 10), in: model)   // 999.5
        #expect(exact.checked.lower == Rational(9995, 10))
        #expect(exact.solver.lower == Rational(9995, 10) - Rational(1, 2000))
        var fine = LinearExpression()
        fine.add(Rational(1, 1_000_000_000), 0)
        let loose = Planner.hold("h", fine, sense: .minimize, bound: Rational(5000), in: model)
        #expect(loose.checked.upper == Rational(5000) + Planner.holdSlack * Rational(5000))
        #expect(loose.solver.upper == loose.checked.upper)
    }
}
