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
        #expect(Self.files.count >= 4)
    }

    @Test(arguments: files)
    func solves(_ file: String) throws {
        let (scenario, plan) = try solve(path: Paths.repositoryFile("scenarios/\(file)"))
        #expect(plan.status == .optimal, "\(file): \(plan.status)")
        #expect(PlanVerifier.violations(of: plan, in: scenario).isEmpty)
        #expect(scenario.projects.count == 50)
    }
}
