import Foundation
import FundAllocation
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
        #expect(scenario.projects.count == 50)
        #expect(plan.stages.allSatisfy { $0.proven })
    }
}
