import ArgumentParser
import Foundation
import FundAllocation
import Rendering
import ScenarioIO
import Workflows

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report (inline SVG charts, printable on A4) for one or more scenarios.",
        discussion: """
        Headline (funds used, households and persons, share to national poverty counties and to \
        industry, average 五个好 score, status and gap), funds by county, category, period (stacked \
        by county) and source, the funded projects by county and funds, the binding rules; with \
        several scenarios, their headlines side by side and each one's project changes against \
        the first; with --frontier, the budget–households frontier of the first scenario; with \
        --explain, what relaxing each bound one step buys. No scripts, fonts or network. Money \
        in 万元 with exact yuan in tooltips. Exit codes as for compare.
        """)

    @Argument(help: "One or more scenario files; the first is the reference.")
    var scenarios: [String]

    @Option(help: "Language: zh (default) or en.")
    var lang: Language = .zh

    @OptionGroup var overrides: OverrideOptions

    @Option(help: ArgumentHelp("Add the efficient frontier of the first scenario at these budgets: FROM:TO:STEPS.", valueName: "from:to:steps"))
    var frontier: String?

    @Flag(help: "Add what relaxing each bound one step buys (re-solves, as explain does).")
    var explain = false

    @Flag(help: "Add the robustness of the first scenario (its uncertainty block: core index per project, regret, the robust worst-case plan).")
    var robust = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var progressOptions: ProgressOptions

    func run() throws {
        SolverOptions.catchInterrupts()
        try output.checkWritable()
        let loaded = try overrides.loadScenarios(scenarios)
        var items: [HTMLReport.Item] = []
        let progress = progressOptions.bar(total: 0)
        for scenario in loaded {
            let name = scenario.name ?? scenario.file
            let report = try Console.solving(scenario) { () -> PlanReport in
                var report = try Solving.report(scenario, solver: runOptions.solver, timeLimit: runOptions.timeLimit, diagnose: true) { progress.say("\(name): \($0)") }.report
                report.warnings = []
                return report
            }
            var item = HTMLReport.Item(scenario: scenario, report: report)
            if explain && (report.status == .optimal || report.status == .feasible) {
                item.worth = try Console.solving(scenario) {
                    try Explainer.explain(scenario, solver: runOptions.solver, boundsOnly: true, jobs: runOptions.threads, timeLimit: runOptions.timeLimit) { done, total in
                        progress.say("\(name): what each bound is worth, \(done)/\(total)")
                    }.bounds
                }
            }
            items.append(item)
        }
        var frontierPart: (steps: [Frontier.Step], term: String)?
        if let frontier {
            let base = loaded[0]
            let (budgets, summaries, current) = try FrontierCommand.solve(base, budget: frontier, runOptions: runOptions)
            let steps = Frontier.steps(budgets: budgets, summaries: summaries, current: current, sense: base.objective.first?.sense)
            frontierPart = (steps, Labels(language: lang)("带贫户数", "households"))
        }
        var robustness: Robustness.Summary?
        if robust {
            let base = loaded[0]
            let solver = runOptions.solver
            robustness = try Console.solving(base) {
                let scenario = RobustCommand.scenario(base, samples: nil, seed: nil)
                let nominal = try Robustness.nominalPlan(scenario, solver: solver, timeLimit: runOptions.timeLimit)
                let indices = Array(0..<scenario.uncertainty!.samples)
                var samples: [Robustness.Sample] = []
                Robustness.run(scenario, nominal: nominal, indices: indices, solver: solver, jobs: runOptions.threads,
                               timeLimit: runOptions.timeLimit) { sample in
                    samples.append(sample)
                    progress.say("robustness: sample \(samples.count)/\(indices.count)")
                }
                var summary = Robustness.Summary(scenario, nominal: nominal, samples: samples, thresholds: .init())
                summary.robustPlan = try Robustness.robustPlan(scenario, nominal: nominal, indices: indices, kind: .worst,
                                                               solver: solver, timeLimit: Planner.commandTimeLimit(runOptions.timeLimit, scenario))
                return summary
            }
            try Console.exitIfInterrupted()
        }
        progress.finish()
        try output.write(HTMLReport.render(items, frontier: frontierPart, robustness: robustness, overrides: overrides.values, language: lang))
        let statuses = items.map(\.report.status)
        if statuses.contains(.feasible) || statuses.contains(.noSolution) { throw ExitStatus.notProven }
        if statuses.contains(.infeasible) { throw ExitStatus.infeasible }
    }
}
