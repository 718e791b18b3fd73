import Foundation
import FundAllocation
import GLPKBackend
import Rendering
import ScenarioIO
import Testing

private let glpk = GLPKSolver()
import TestSupport
import Workflows

/// Issue 17's report and explain items, each failing before its fix.
struct FirstHourWorkflowTests {
    static let baseline = Paths.repositoryFile("scenarios/xianyang-baseline.yaml")

    /// No command's solve is unbounded by default: without --time-limit or solver.time_limit
    /// every stage gets its share of `Planner.defaultTimeLimit`.
    @Test func everyCommandsSolveHasATimeLimitByDefault() throws {
        let solver = RecordingSolver(wrapping: GLPKSolver())
        let scenario = try ScenarioLoader.load(text: "format: 1\nprojects: [{id: A, cost: 1, households: 1}]\n", file: "t.yaml")
        _ = try Solving.report(scenario, solver: solver)
        #expect(!solver.options.isEmpty && solver.options.allSatisfy { ($0.timeLimit ?? .infinity) <= Planner.defaultTimeLimit })
    }

    /// The report's binding section and its relaxation table agree: the baseline uses up the
    /// 泰兴市 and 靖江市 sources, so the section lists them instead of saying nothing binds.
    @Test func theBindingSectionNamesTheSourcesThePlanUsesUp() throws {
        let scenario = try ScenarioLoader.load(path: Self.baseline)
        let report = try Solving.report(scenario, solver: glpk).report
        let binding = HTMLReport.bindingBounds(report, Labels(language: .zh)).map(\.label)
        #expect(binding.contains("资金来源 泰兴市 ≤") && binding.contains("资金来源 靖江市 ≤"))
        let page = HTMLReport.render([HTMLReport.Item(scenario: scenario, report: report)], language: .zh)
        #expect(!page.contains("没有约束恰好起作用"))
        #expect(page.contains("已用 / 总额"))
    }

    /// With carry-over, explain shows each tranche as the cumulative bound it is: what the plan
    /// pays up to the period, so the last equals the whole plan's funds.
    @Test func explainShowsCumulativeTranchesAsWhatThePlanPays() throws {
        let scenario = try ScenarioLoader.load(text: """
            format: 1
            periods: [2017, 2018]
            budget: {by_period: {2017: 100, 2018: 100}, carry_over: true}
            projects:
              - {id: A, cost: 60, households: 6, start: 2017, end: 2017}
              - {id: B, cost: 120, households: 10, start: 2018, end: 2018}
            """, file: "t.yaml")
        let e = try Explainer.explain(scenario, solver: glpk, boundsOnly: true, jobs: 1)
        let tranches = e.bounds.filter { $0.label.hasPrefix("budget.") }
        #expect(tranches.map(\.label) == ["budget.cumulative.2017", "budget.cumulative.2018"])
        #expect(tranches.map(\.value) == [Rational(60), Rational(180)])      // paid through each period
        #expect(tranches.map(\.bound) == [Rational(100), Rational(200)])     // tranches through each period
        #expect(tranches.last?.value == Rational(e.base.funds))
        #expect(Labels(language: .zh).bound("budget.cumulative.2018", sources: []) == "截至 2018 年累计资金")
    }
}

/// The report says what it is (issue 17, item 7).
struct ReportSaysWhatItIsTests {
    @Test func axisTicksAreRound() {
        #expect(HTMLReport.niceTicks(7164, 8516) == [7000, 7500, 8000, 8500, 9000])
        #expect(HTMLReport.niceTicks(0.2, 3.7) == [0, 1, 2, 3, 4])
        let ticks = HTMLReport.niceTicks(123_456, 987_654)
        #expect(ticks.count >= 3 && ticks.count <= 7 && ticks.allSatisfy { $0.truncatingRemainder(dividingBy: 100_000) == 0 })
    }

    @Test func theTitleBlockListsTheOverridesAndThePageTheProjectsLeftOut() throws {
        let scenario = try ScenarioLoader.load(path: FirstHourWorkflowTests.baseline)
        let report = try Solving.report(scenario, solver: glpk).report
        let page = HTMLReport.render([HTMLReport.Item(scenario: scenario, report: report)],
                                     overrides: ["budget.total=1.2亿", "projects.P30.pin=out"], language: .zh)
        #expect(page.contains("按以下调整求解（--set）：budget.total=1.2亿; projects.P30.pin=out"))
        #expect(page.contains("<h3>未资助的合格项目</h3>") && page.contains("<h3>不符合条件的项目</h3>"))
    }
}

/// Said in the planner's language (issue 17, item 5): Chinese labels where a person reads,
/// stable English keys where a script reads.
struct PlannersLanguageTests {
    @Test func compareAndTheRulesTableSpeakChineseAndTheCSVStaysStable() throws {
        let scenario = try ScenarioLoader.load(path: FirstHourWorkflowTests.baseline)
        let report = try Solving.report(scenario, solver: glpk).report
        let comparison = ScenarioComparison([report, report])
        let zh = ComparisonOutput.table(comparison, language: .zh)
        #expect(zh.contains("最大化 带贫户数（可让步 1%）") && zh.contains("优质果品种植 资金"))
        #expect(!zh.contains("maximize households") && !zh.contains("fruit 资金"))
        let csv = ComparisonOutput.csv(comparison)
        #expect(csv.contains("objective,maximize households,") && csv.contains("category,fruit funds,"))
        let table = TableRenderer.render(report, language: .zh)
        #expect(table.contains("资金总额 ") && table.contains("泰兴市 3,400,000") && !table.contains("budget.total"))
    }

    /// The report's headline shares are what a rule with the same `where` measures (the domain's
    /// evaluator, not the report's own lookup); the baseline's rules ask for ≥ 90 % and ≥ 70 %.
    @Test func theHeadlineSharesAreWhatARuleWithTheSameWhereMeasures() throws {
        let scenario = try ScenarioLoader.load(path: FirstHourWorkflowTests.baseline)
        let (plan, report) = try Solving.report(scenario, solver: glpk)
        let headline = HTMLReport.Headline(HTMLReport.Item(scenario: scenario, report: report))
        let funds = Rational(report.funds)
        let national = try #require(headline.nationalPovertyShare), industry = try #require(headline.industryShare)
        #expect(national == scenario.evaluate(Metric.funds, HTMLReport.Headline.nationalPovertyCounties, in: plan) / funds)
        #expect(industry == scenario.evaluate(Metric.funds, HTMLReport.Headline.industryProjects, in: plan) / funds)
        #expect(national >= Rational(9, 10) && national < .one && industry >= Rational(7, 10))
        // A scenario that says nothing of either has no share.
        let bare = try ScenarioLoader.load(text: "format: 1\nbudget: {total: 10}\nprojects: [{id: A, cost: 10, households: 1}]\n", file: "s.yaml")
        let bareHeadline = HTMLReport.Headline(HTMLReport.Item(scenario: bare, report: try Solving.report(bare, solver: glpk).report))
        #expect(bareHeadline.nationalPovertyShare == nil && bareHeadline.industryShare == nil)
    }
}
