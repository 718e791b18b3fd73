import FundAllocation
import Testing
import TestSupport

/// Published optima of real capital-budgeting and participatory-budget data (../shared/data).
struct KnownOptimaTests {
    static let petersen = ORLibrary.mknap1(Paths.sharedFile("data/orlib/mknap1.txt"))

    @Test func allSevenPetersenProblemsAreRead() { #expect(Self.petersen.count == 7) }

    @Test(arguments: 0..<7)
    func petersen(_ k: Int) throws {
        let problem = Self.petersen[k]
        let (_, plan) = try solve(yaml: problem.scenarioYAML, file: problem.name)
        #expect(plan.status == .optimal)
        let value = try #require(plan.stages.first?.optimum)
        #expect(value == rational(problem.optimum), "\(problem.name): \(value) vs published \(problem.optimum)")
    }

    @Test(arguments: [
        ("Poland_Czestochowa_2020_Grabowka.pb", "score", "1346", 5),
        ("Poland_Warszawa_2019_Las.pb", "votes", "1018", 13),
        ("Poland_Katowice_2024_Ligota_-_Panewniki.pb", "score", "6932", 11),
    ])
    func pabulib(_ file: String, _ weight: String, _ optimum: String, _ funded: Int) throws {
        let pb = PabulibFile(path: Paths.sharedFile("data/pabulib/\(file)"))
        let (scenario, plan) = try solve(yaml: pb.scenarioYAML(weight: weight), file: file)
        #expect(plan.status == .optimal)
        #expect(plan.stages.first?.optimum == rational(optimum))
        #expect(plan.funded.filter { $0 }.count == funded)
        #expect(scenario.evaluate(.funds, in: plan) <= Rational(Int64(pb.meta["budget"]!)!))
    }
}
