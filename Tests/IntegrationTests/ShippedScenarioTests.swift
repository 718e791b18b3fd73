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

    /// The candidate list as LibreOffice Calc saved it from the shipped CSV
    /// (scenarios/data/make-xianyang-xlsx.sh) gives the baseline's plan and report.
    @Test func theWorkbookListGivesTheCSVsPlan() throws {
        let (csv, csvPlan) = try solve(path: Paths.repositoryFile("scenarios/xianyang-baseline.yaml"))
        let (xlsx, xlsxPlan) = try solve(path: Paths.repositoryFile("scenarios/xianyang-baseline-xlsx.yaml"))
        #expect(xlsx.projects.map(\.id) == csv.projects.map(\.id))
        // Every field the same, numbers as numbers (the CSV's `1.0` is the workbook's 1).
        func values(_ s: Scenario) -> [[String: String]] {
            s.projects.map { $0.fields.mapValues { $0.number?.decimalString() ?? $0.text } }
        }
        #expect(values(xlsx) == values(csv))
        #expect(xlsxPlan.amounts == csvPlan.amounts && xlsxPlan.periodChoice == csvPlan.periodChoice)
        func document(_ s: Scenario, _ plan: Plan) throws -> NSDictionary {
            let d = try #require(try JSONSerialization.jsonObject(with: Data(JSONRenderer.render(PlanReport(scenario: s, plan: plan)).utf8)) as? [String: Any])
            return d.filter { $0.key != "scenario" } as NSDictionary
        }
        #expect(try document(xlsx, xlsxPlan) == document(csv, csvPlan))
    }

    /// A plan written by `solve --format json` and by `--format csv` is read back exactly as a
    /// reference: every funded project with its yuan and period. Re-solved against it with
    /// `minimize changes` last, the same scenario changes nothing (its plan is among the equally
    /// good ones). (With commitments it may: committing the reported plan's first years keeps
    /// them at the plan 1 % below the households optimum, so the stages' windows move.)
    @Test func aWrittenPlanIsReadBackExactlyAsAReference() throws {
        let path = Paths.repositoryFile("scenarios/xianyang-baseline.yaml")
        let (scenario, plan) = try solve(path: path)
        let report = PlanReport(scenario: scenario, plan: plan)
        let folder = Paths.temporaryFolder()
        try JSONRenderer.render(report).write(toFile: "\(folder)/plan.json", atomically: true, encoding: .utf8)
        try CSVRenderer.render(report, excel: true).write(toFile: "\(folder)/plan.csv", atomically: true, encoding: .utf8)
        for file in ["plan.json", "plan.csv"] {
            try "extends: \(path)\nreference: {plan: \(file), committed_through: 2018}\n"
                .write(toFile: "\(folder)/replan.yaml", atomically: true, encoding: .utf8)
            let replan = try ScenarioLoader.load(path: "\(folder)/replan.yaml")
            let entries = try #require(replan.reference?.entries)
            let funded = scenario.projects.indices.filter { plan.funded[$0] }
            #expect(entries.map(\.id) == funded.map { scenario.projects[$0].id }, "\(file)")
            #expect(entries.map(\.yuan) == funded.map { plan.amounts[$0] }, "\(file)")
            #expect(entries.map(\.periods) == funded.map { [scenario.periods[plan.periodChoice[$0]!]] }, "\(file)")
            #expect(replan.committedIDs == funded.filter { plan.periodChoice[$0]! <= 1 }.map { scenario.projects[$0].id })
            try "extends: \(path)\nreference: {plan: \(file)}\nobjective: [{maximize: households, within: 0.01}, {maximize: score}, {minimize: funds}, {minimize: changes}]\n"
                .write(toFile: "\(folder)/again.yaml", atomically: true, encoding: .utf8)
            let (same, again) = try solve(path: "\(folder)/again.yaml")
            #expect(again.status == .optimal && again.stages.prefix(3).map(\.optimum) == plan.stages.map(\.optimum), "\(file)")
            #expect(same.changes(in: again) == .zero && same.moved(in: again) == .zero && again.amounts == plan.amounts, "\(file)")
        }
    }
}
