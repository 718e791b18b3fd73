import FundAllocation
import Testing
import TestSupport

/// The documented tie-break among equally good timings: each timed project is paid in the
/// earliest period it can move to without breaking a rule or changing an objective term.
struct TimingTieBreakTests {
    func periods(_ yaml: String) throws -> [String: String] {
        let (scenario, plan) = try solve(yaml: yaml)
        #expect(plan.status == .optimal)
        return Dictionary(uniqueKeysWithValues: scenario.projects.indices.compactMap { j in
            plan.periodChoice[j].map { (scenario.projects[j].id, scenario.periods[$0]) }
        })
    }

    @Test func projectsArePaidAsEarlyAsTheRulesAllow() throws {
        let yaml = """
            format: 1
            periods: [2017, 2018, 2019]
            budget: {by_period: {2017: 100, 2018: 100, 2019: 100}}
            projects:
              - {id: A, cost: 60, households: 6}
              - {id: B, cost: 60, households: 5, start: 2018}
              - {id: C, cost: 60, households: 4}
              - {id: D, cost: 30, households: 1, end: 2019}
            objective: [{maximize: households}]
            """
        // Every project is funded (210 of 300). A is paid in 2017; B may not start before 2018;
        // C fits neither beside A in 2017 nor beside B in 2018; D fits in 2017's remaining 40.
        #expect(try periods(yaml) == ["A": "2017", "B": "2018", "C": "2019", "D": "2017"])
    }

    @Test func aTermRestrictedToAPeriodKeepsItsValue() throws {
        let yaml = """
            format: 1
            periods: [2017, 2018]
            budget: {by_period: {2017: 100, 2018: 100}}
            projects:
              - {id: A, cost: 50, households: 6}
              - {id: B, cost: 50, households: 5}
            objective: [{maximize: households}, {maximize: households, period: 2018}]
            """
        // The second term wants households in 2018; moving either project to 2017 would lower it.
        #expect(try periods(yaml) == ["A": "2018", "B": "2018"])
    }
}
