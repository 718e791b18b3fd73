import FundAllocation
import Testing
import TestSupport

/// Published optima of real capital-budgeting and participatory-budget data (Tests/Fixtures).
struct KnownOptimaTests {
    static let petersen = ORLibrary.mknap1(Paths.fixture("orlib/mknap1.txt"))

    @Test func allSevenPetersenProblemsAreRead() { #expect(Self.petersen.count == 7) }

    @Test(arguments: 0..<7, engines)
    func petersen(_ k: Int, _ engine: SolverBackend) throws {
        let problem = Self.petersen[k]
        let (_, plan) = try solve(yaml: problem.scenarioYAML, file: problem.name, engine: engine)
        #expect(plan.status == .optimal)
        let value = try #require(plan.stages.first?.optimum)
        #expect(value == rational(problem.optimum), "\(problem.name): \(value) vs published \(problem.optimum)")
    }

    /// OR-Library mknapcb1 #1–5 (100 objects, 5 resources; hard for GLPK, the class `auto`
    /// hands to CBC), with the proven optima (Tests/Fixtures/README.md; the file holds 0).
    static let chuBeasley = Array(ORLibrary.mknap1(Paths.fixture("orlib/mknapcb1.txt")).prefix(5))
    static let chuBeasleyOptima = ["24381", "24274", "23551", "23534", "23991"]

    @Test(.slow, arguments: 0..<5, engines + [.auto])
    func chuBeasley(_ k: Int, _ engine: SolverBackend) throws {
        let problem = Self.chuBeasley[k]
        let (_, plan) = try solve(yaml: problem.scenarioYAML, file: problem.name, engine: engine)
        #expect(plan.status == .optimal, "\(problem.name) on \(engine)")
        #expect(plan.stages.first?.optimum == rational(Self.chuBeasleyOptima[k]), "\(problem.name) on \(engine)")
    }

    @Test(arguments: [
        ("Poland_Czestochowa_2020_Grabowka.pb", "score", "1346", 5),
        ("Poland_Warszawa_2019_Las.pb", "votes", "1018", 13),
        ("Poland_Katowice_2024_Ligota_-_Panewniki.pb", "score", "6932", 11),
    ], engines)
    func pabulib(_ data: (file: String, weight: String, optimum: String, funded: Int), _ engine: SolverBackend) throws {
        let (file, weight, optimum, funded) = data
        let pb = PabulibFile(path: Paths.fixture("pabulib/\(file)"))
        let (scenario, plan) = try solve(yaml: pb.scenarioYAML(weight: weight), file: file, engine: engine)
        #expect(plan.status == .optimal)
        #expect(plan.stages.first?.optimum == rational(optimum))
        #expect(plan.funded.filter { $0 }.count == funded)
        #expect(scenario.evaluate(.funds, in: plan) <= Rational(Int64(pb.meta["budget"]!)!))
    }
}

/// Time, sources and coverage against published optima and enumeration.
struct MultiPeriodAndCoverageTests {
    static let weingartner = ORLibrary.mknap2(Paths.fixture("orlib/mknap2.txt"))

    @Test func all48ProblemsAreRead() {
        #expect(Self.weingartner.count == 48)
        #expect(Self.weingartner.first { $0.name == "WEING1.DAT" }?.optimum == "141278")
    }

    @Test(.slow, arguments: 0..<48, engines)
    func capitalBudgetingOverPeriods(_ k: Int, _ engine: SolverBackend) throws {
        let problem = Self.weingartner[k]
        let (scenario, plan) = try solve(yaml: problem.multiPeriodScenarioYAML, file: problem.name, engine: engine)
        #expect(scenario.periods.count == problem.capacities.count)
        #expect(plan.status == .optimal)
        #expect(plan.stages.first?.optimum == rational(problem.optimum), "\(problem.name): published \(problem.optimum)")
    }

    @Test(arguments: ["Poland_Czestochowa_2020_Grabowka.pb", "Poland_Warszawa_2019_Las.pb"], engines)
    func votersReachedMatchEnumeration(_ file: String, _ engine: SolverBackend) throws {
        let pb = PabulibFile(path: Paths.fixture("pabulib/\(file)"))
        let (scenario, plan) = try solve(path: pb.coverageScenario(in: Paths.temporaryFolder()), engine: engine)
        #expect(plan.status == .optimal)
        #expect(plan.stages.first?.optimum == Rational(pb.bruteForceCoverage()))
        #expect(scenario.villages.count == pb.votes.count)
    }

    @Test(.slow, arguments: ["Poland_Katowice_2024_Ligota_-_Panewniki.pb", "Poland_Warszawa_2020_Wawer.pb", "France_Toulouse_2022.pb"], engines)
    func largerCoverageProblemsSolveToAProvenOptimum(_ file: String, _ engine: SolverBackend) throws {
        let pb = PabulibFile(path: Paths.fixture("pabulib/\(file)"))
        let (scenario, plan) = try solve(path: pb.coverageScenario(in: Paths.temporaryFolder()), engine: engine)
        #expect(plan.status == .optimal)
        // Never more than the voters, never less than the best single affordable project.
        let reached = try #require(plan.stages.first?.optimum)
        #expect(reached <= Rational(pb.votes.count))
        #expect(PlanVerifier.violations(of: plan, in: scenario).isEmpty)
    }
}
