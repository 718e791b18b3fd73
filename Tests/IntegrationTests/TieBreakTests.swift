import FundAllocation
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
}
