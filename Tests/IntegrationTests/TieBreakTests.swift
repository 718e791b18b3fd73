import FundAllocation
import ScenarioIO
import Testing
import TestSupport

/// The documented tie-break among plans equally good on every objective term
/// (docs/scenario-format.md "Ties"): the fund goes as early in the project list as it can.
struct TieBreakTests {
    func amounts(_ yaml: String) throws -> [String: Int64] {
        let (scenario, plan) = try solve(yaml: yaml)
        #expect(plan.status == .optimal)
        return Dictionary(uniqueKeysWithValues: scenario.projects.indices.map { (scenario.projects[$0].id, plan.amounts[$0]) })
    }

    func scenario(_ projects: [String], fund: Int = 100) -> String {
        """
        format: 1
        budget: {total: \(fund)}
        projects:
        \(projects.map { "  - \($0)" }.joined(separator: "\n"))
        objective: [{maximize: households}]
        """
    }

    /// Two identical projects and room for one: the one listed first, whichever it is.
    @Test func ofTwoEqualProjectsTheEarlierIsFunded() throws {
        let a = "{id: A, cost: 60, households: 5}", b = "{id: B, cost: 60, households: 5}"
        #expect(try amounts(scenario([a, b])) == ["A": 60, "B": 0])
        #expect(try amounts(scenario([b, a])) == ["A": 0, "B": 60])
    }

    /// Money either of two partly funded projects could take (same households per yuan)
    /// goes to the earlier one first.
    @Test func sharedMoneyGoesToTheEarlierProject() throws {
        let a = "{id: A, cost: 100, households: 10, min_share: 0.2}"
        let b = "{id: B, cost: 100, households: 10, min_share: 0.2}"
        let c = "{id: C, cost: 50, households: 5, min_share: 0.2}"
        // 150 of 250 requested, 0.1 household per yuan everywhere: every plan spending 150 is optimal.
        #expect(try amounts(scenario([a, b, c], fund: 150)) == ["A": 100, "B": 50, "C": 0])
        #expect(try amounts(scenario([c, b, a], fund: 150)) == ["A": 0, "B": 100, "C": 50])
    }

    /// Only equally good plans compete: a later project that is better on the objective wins
    /// over an earlier one; the last term is kept exactly, an earlier term within its `within`.
    @Test func theObjectiveComesFirst() throws {
        let early = "{id: E, cost: 60, households: 5}", late = "{id: L, cost: 60, households: 6}"
        #expect(try amounts(scenario([early, late])) == ["E": 0, "L": 60])
        func lexicographic(eCost: Int) -> String {
            """
            format: 1
            budget: {total: 60}
            projects:
              - {id: E, cost: \(eCost), households: 9}
              - {id: L, cost: 50, households: 10}
            objective: [{maximize: households, within: 0.2}, {minimize: funds}]
            """
        }
        // E's 9 households are within 20 % of L's 10. E costs more: L has the better last term.
        #expect(try amounts(lexicographic(eCost: 55)) == ["E": 0, "L": 50])
        // Same cost: E and L are equally good, and E is listed first.
        #expect(try amounts(lexicographic(eCost: 50)) == ["E": 50, "L": 0])
    }

    /// Partly fundable projects A, B, C of `cost` yuan each with `perYuan` households per yuan,
    /// a fund spent whole, at most `most` households, least funds the only term; all pinned in
    /// when `pin`.
    static func tiedScenario(cost: Int, fund: Int, perYuan: [Int], most: Int, minShare: String, pin: Bool = false) -> String {
        """
        format: 1
        budget: {total: \(fund), min_use: 1}
        projects:
        \(zip(["A", "B", "C"], perYuan).map { id, h in
            "  - {id: \(id), cost: \(cost), households: \(h * cost), min_share: \(minShare)\(pin ? ", pin: in" : "")}"
        }.joined(separator: "\n"))
        rules: [{metric: households, max: \(most)}]
        objective: [{minimize: funds}]
        """
    }

    /// Where Σ (N − j)·funds_j itself ties, the first project where the tied plans differ gets
    /// more (docs/scenario-format.md). Here households are 3·A + 2·B + C = Σ (N − j)·funds_j, so
    /// at most 30 households caps the sum at 30, and every plan (f, 15 − 2f, f), f = 3…7, spends
    /// 15 with 30 households and the sum 30: A gets the most there can be, (7, 1, 7). Before
    /// the order, GLPK reported (3, 9, 3) and CBC (7, 1, 7).
    @Test(arguments: [SolverBackend.glpk, .cbc])
    func whereTheSumTiesTheFirstProjectWhereThePlansDifferGetsMore(engine: SolverBackend) throws {
        let yaml = Self.tiedScenario(cost: 10, fund: 15, perYuan: [3, 2, 1], most: 30, minShare: "0.1")
        let (scenario, plan) = try solve(yaml: yaml, engine: engine)
        #expect(plan.status == .optimal)
        #expect(scenario.projects.indices.map { plan.amounts[$0] } == [7, 1, 7])
    }

    /// The order does not depend on which tied plan a search meets first: `EnumeratingSolver`
    /// keeps the first it meets among equals (the one with the least in the last columns).
    /// Plans that fund other projects: 2 yuan each, at least 1, a fund of 4, households
    /// 3·A + 2·B + C ≤ 8 — (1, 2, 1) and (2, 0, 2) tie on everything; the second gives A more.
    /// Plans that fund the same projects (all pinned in): 3 yuan each, at least 1, a fund of 6,
    /// households ≤ 13 — (2, 3, 1) and (3, 1, 2); the second gives A more.
    @Test func theOrderDoesNotDependOnWhichTiedPlanTheSearchMeetsFirst() throws {
        let cases: [(yaml: String, expected: [Int64])] = [
            (Self.tiedScenario(cost: 2, fund: 4, perYuan: [3, 2, 1], most: 8, minShare: "0.5"), [2, 0, 2]),
            (Self.tiedScenario(cost: 3, fund: 6, perYuan: [3, 2, 1], most: 13, minShare: "0.3", pin: true), [3, 1, 2]),
        ]
        for (yaml, expected) in cases {
            let scenario = try ScenarioLoader.load(text: yaml, file: "tied.yaml")
            let solver = EnumeratingSolver()
            let plan = try Planner(solver: solver).solve(scenario)
            #expect(plan.status == .optimal)
            #expect(plan.amounts == expected)
            #expect(solver.options.contains { $0.tieOrder })
        }
    }
}
