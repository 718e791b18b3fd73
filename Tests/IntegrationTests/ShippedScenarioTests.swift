import Foundation
import FundAllocation
import Rendering
import ScenarioIO
import Testing
import TestSupport

/// Every scenario in scenarios/ loads, solves to a proven optimum and passes the exact re-check.
struct ShippedScenarioTests {
    static let files: [String] = {
        let folder = Paths.repositoryFile("scenarios")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func thereAreABaselineAndAlternatives() {
        #expect(Self.files.contains("xianyang-baseline.yaml"))
        #expect(Self.files.count >= 5)
    }

    @Test func theBaselineUsesTranchesSourcesAndReadiness() throws {
        let (s, plan) = try solve(path: Paths.repositoryFile("scenarios/xianyang-baseline.yaml"))
        #expect(s.periods == ["2017", "2018", "2019", "2020"])
        #expect(s.sources.map(\.id) == ["taixing", "jingjiang", "taizhou"])
        #expect(s.projects.filter { $0.start == "2017" }.count == 20)
        for (j, p) in s.projects.enumerated() where plan.funded[j] {
            let chosen = try #require(plan.periodChoice[j])
            #expect(chosen >= s.periodIndex(p.start)!, "\(p.id) paid before it is ready")
            for (f, source) in s.sources.enumerated() where plan.sourceAmounts[j][f] > 0 {
                if source.id == "taixing" { #expect(p.region == "旬邑县") }
                if source.id == "jingjiang" { #expect(p.region == "永寿县") }
            }
        }
    }

    @Test func villagesAreCountedOnce() throws {
        let (s, plan) = try solve(path: Paths.repositoryFile("scenarios/xianyang-villages.yaml"))
        let report = PlanReport(scenario: s, plan: plan)
        let additive = try #require(report.additiveHouseholds)
        #expect(additive > report.households, "overlapping villages must be counted once")
        // Independent recount: the union of reached villages plus projects without villages.
        var reached = Set<String>()
        var own = Rational.zero
        for (j, p) in s.projects.enumerated() where plan.funded[j] {
            if let ids = p.villageIDs { reached.formUnion(ids) } else { own += p.households * s.fundedFraction(j, in: plan) }
        }
        #expect(report.households == s.villages.filter { reached.contains($0.id) }.map(\.households).sum() + own)
    }

    @Test(arguments: files)
    func solves(_ file: String) throws {
        let (scenario, plan) = try solve(path: Paths.repositoryFile("scenarios/\(file)"))
        #expect(plan.status == .optimal, "\(file): \(plan.status)")
        #expect(PlanVerifier.violations(of: plan, in: scenario).isEmpty)
        // The 50 seed projects; the 2018 re-plan adds one new candidate.
        #expect(scenario.projects.count == (scenario.reference == nil ? 50 : 51))
        #expect(plan.stages.allSatisfy { $0.proven })
    }

    /// The 2018 re-plan (README): its reference is the baseline's own plan as `solve --format
    /// json` writes it today; 2017 is committed; the withdrawn projects are out; at most 5
    /// changes, the 2019 tranche cut by 10 %.
    @Test func theReplanStartsFromTheBaselinePlan() throws {
        let baseline = try ScenarioLoader.load(path: Paths.repositoryFile("scenarios/xianyang-baseline.yaml"))
        let (_, baselinePlan) = try solve(path: Paths.repositoryFile("scenarios/xianyang-baseline.yaml"))
        // The same document but for the scenario's path (relative in the file, absolute here).
        func document(_ data: Data) throws -> NSDictionary {
            let d = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return d.filter { $0.key != "scenario" } as NSDictionary
        }
        let shipped = try document(Data(contentsOf: URL(fileURLWithPath: Paths.repositoryFile("scenarios/data/xianyang-plan-2017.json"))))
        let now = try document(Data(JSONRenderer.render(PlanReport(scenario: baseline, plan: baselinePlan)).utf8))
        #expect(shipped == now,
                "regenerate: fundalloc solve scenarios/xianyang-baseline.yaml --format json -o scenarios/data/xianyang-plan-2017.json")
        let (replan, plan) = try solve(path: Paths.repositoryFile("scenarios/xianyang-replan-2018.yaml"))
        let paid2017 = baseline.projects.indices.filter { baselinePlan.funded[$0] && baselinePlan.periodChoice[$0] == 0 }
        #expect(replan.committedIDs == paid2017.map { baseline.projects[$0].id })
        #expect(replan.changes(in: plan) <= 5)
        for id in ["P15", "P35"] { #expect(!plan.funded[replan.projects.firstIndex { $0.id == id }!]) }
        #expect(replan.budget.byPeriod["2019"] == 27_900_000)
    }
}
