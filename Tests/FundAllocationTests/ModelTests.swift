import FundAllocation
import Testing

/// Model building and the exact re-check, without a solver.
struct ModelTests {
    let here = SourceLocation(file: "t", line: 1)

    func scenario() -> Scenario {
        var s = Scenario(budget: Budget(total: 300_000, unit: 10_000, minUse: Rational(1, 2)))
        s.projects = [
            Project(id: "A", cost: 200_000, minShare: Rational(1, 2), households: 40, location: here),
            Project(id: "B", cost: 100_000, households: 10, requires: ["A"], location: here),
            Project(id: "C", cost: 50_000, households: 5, excludes: ["B"], location: here),
        ]
        s.objective = [ObjectiveTerm(sense: .maximize, metric: .households)]
        return s
    }

    @Test func columnsAndRows() {
        let m = AllocationModel(scenario())
        #expect(m.columns.map(\.name) == ["x_A", "k_A", "x_B", "x_C"])
        #expect(m.columns[1].upper == Rational(20))          // 200,000 / 10,000 units
        #expect(m.rows.map(\.name) == ["cap_A", "floor_A", "requires_B_A", "excludes_C_B", "budget_total"])
        let budget = m.rows.last!
        #expect(budget.lower == Rational(150_000) && budget.upper == Rational(300_000))
        #expect(budget.expression.terms[1] == Rational(10_000))   // unit·k_A
        // households: A partial → 40·10,000/200,000 per unit of k.
        #expect(m.expression(.households).terms[1] == Rational(2))
    }

    /// A partly fundable project pays whole units between min_share·cost and cost: its rows
    /// keep exactly those integer points and cut off the fractional ones the unrounded
    /// coefficients let the relaxation use (k ≥ 179.4·x allows x = ½, k = 89.7; k ≥ 180·x does not).
    @Test func partlyFundedRowsAreAsTightAsWholeUnitsAllow() throws {
        var s = Scenario(budget: Budget(total: 10_000_000, unit: 10_000))
        s.projects = [Project(id: "A", cost: 2_995_000, minShare: Rational(3, 5), households: 40, location: here)]
        s.objective = [ObjectiveTerm(sense: .maximize, metric: .households)]
        let m = AllocationModel(s)
        let cap = try #require(m.rows.first { $0.name == "cap_A" }), floor = try #require(m.rows.first { $0.name == "floor_A" })
        func holds(_ x: Rational, _ k: Rational) -> Bool {
            [cap, floor].allSatisfy { row in
                let v = row.expression.value([x, k])
                return (row.lower.map { v >= $0 } ?? true) && (row.upper.map { v <= $0 } ?? true)
            }
        }
        // 0.6 · 2,995,000 / 10,000 = 179.7 units at least, 299.5 at most: 180…299 whole units.
        let integerPoints = (0...300).filter { holds(.one, Rational($0)) }
        #expect(integerPoints == Array(180...299))
        #expect(holds(.zero, .zero) && !holds(.zero, .one))
        #expect(!holds(Rational(1, 2), Rational(1797, 20)) && holds(Rational(1, 2), Rational(90)))   // 89.85 < 90
        #expect(!holds(Rational(1, 2), Rational(599, 4)) && holds(Rational(1, 2), Rational(299, 2)))  // 149.75 > 149.5
    }

    /// Households over a village table follow the scenario as it is now: the villages each
    /// project reaches are found once and found again after projects or villages change (a
    /// copy keeps its own), and a region renamed is found under its new id.
    @Test func villageCountsAndGroupLookupsFollowChanges() {
        var s = scenario()
        s.villages = [Village(id: "v1", households: 7, location: here), Village(id: "v2", households: 11, location: here)]
        s.projects[0].villageIDs = ["v1"]
        s.projects[2].villageIDs = ["v1"]
        let plan = Plan(status: .optimal, amounts: [200_000, 0, 50_000], funded: [true, false, true], stages: [])
        #expect(s.evaluate(.households, in: plan) == Rational(7))          // v1 once
        let before = s
        s.projects[2].villageIDs = ["v2"]
        #expect(s.evaluate(.households, in: plan) == Rational(18))
        #expect(before.evaluate(.households, in: plan) == Rational(7))
        s.villages[1].households = 13
        #expect(s.evaluate(.households, in: plan) == Rational(20))
        s.villages = [Village(id: "v2", households: 5, location: here)]   // v1 gone: A reaches nothing known
        #expect(s.evaluate(.households, in: plan) == Rational(5))
        s.regions = [Group(id: "R1", location: here)]
        #expect(s.region("R1") != nil && s.region("R2") == nil)
        s.regions[0] = Group(id: "R2", location: here)
        #expect(s.region("R1") == nil && s.region("R2")?.id == "R2")
    }

    @Test func recheckFindsEveryBrokenCondition() {
        let s = scenario()
        let good = Plan(status: .optimal, amounts: [200_000, 100_000, 0], funded: [true, true, false], stages: [])
        #expect(PlanVerifier.violations(of: good, in: s).isEmpty)
        let bad = Plan(status: .optimal, amounts: [95_000, 100_000, 50_000], funded: [true, true, true], stages: [])
        let found = PlanVerifier.violations(of: bad, in: s)
        #expect(found.contains { $0.contains("below min_share") })
        #expect(found.contains { $0.contains("not a multiple of the unit") })
        #expect(found.contains { $0.contains("excludes B") })
        let orphan = Plan(status: .optimal, amounts: [0, 100_000, 0], funded: [false, true, false], stages: [])
        #expect(PlanVerifier.violations(of: orphan, in: s).contains { $0.contains("requires A") })
        let overBudget = Plan(status: .optimal, amounts: [200_000, 100_000, 50_000], funded: [true, true, true], stages: [])
        #expect(PlanVerifier.violations(of: overBudget, in: s).contains { $0.contains("exceed budget.total") })
    }

    @Test func metricsEvaluateExactly() {
        let s = scenario()
        let plan = Plan(status: .optimal, amounts: [130_000, 0, 50_000], funded: [true, false, true], stages: [])
        #expect(s.evaluate(.households, in: plan) == Rational(31))    // 40·0.65 + 5
        #expect(s.evaluate(.funds, in: plan) == Rational(180_000))
        #expect(s.evaluate(.projects, in: plan) == Rational(2))
        #expect(s.evaluate(.fundsPerHousehold, in: plan) == Rational(180_000, 31))
    }

    @Test func fiveGoodGatesNameTheCriterion() {
        var s = scenario()
        s.fiveGood = FiveGood(minEach: [.linkage: 3], minWeighted: Rational(3))
        var p = s.projects[0]
        p.scores = [.industry: 4, .leader: 4, .linkage: 2, .policy: 4, .organisation: 4]
        let why = s.ineligibility(of: p)
        #expect(why?.reasons == [.criterionBelowMinimum(.linkage, score: 2, minimum: 3)])
        p.scores[.linkage] = 3
        #expect(s.ineligibility(of: p) == nil)
        p.scores = [.industry: 2, .leader: 2, .linkage: 3, .policy: 2, .organisation: 2]
        #expect(s.ineligibility(of: p)?.reasons == [.weightedBelowMinimum(score: Rational(11, 5), minimum: 3)])
    }

    @Test func forEachRegionUsesGroupAttributesAndWarnsWhenMissing() {
        var s = scenario()
        s.regions = [Group(id: "R1", attributes: ["target": FieldValue("5")], location: here), Group(id: "R2", location: here)]
        s.rules = [Rule(metric: .households, bounds: Bounds(min: .groupAttribute("target")), forEach: "region", location: here)]
        let (rules, warnings) = s.concreteRules()
        #expect(rules.map(\.label) == ["households [R1]", "households [R2]"])
        #expect(rules[0].bounds.min == Rational(5) && rules[1].bounds.min == nil)
        #expect(warnings.count == 1 && warnings[0].message.contains("R2"))
    }
}
