import ArgumentParser
import Foundation
import FundAllocation
import Rendering
import ScenarioIO
import Workflows

struct FrontierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontier",
        abstract: "The efficient frontier of the fund's size against the objective and households.",
        discussion: """
        Solves the scenario at STEPS budgets from FROM to TO (money syntax: 8000万:1.44亿:9). The \
        whole fund moves: budget.total, and the by_period tranches and source amounts in \
        proportion. Each step shows the first objective term, households, funds, the projects that \
        enter (+) or leave (−) from the step before, and whether it is efficient (no smaller budget \
        does as well). Exit codes as for sweep.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, xlsx }

    @OptionGroup var options: CommonOptions

    @Option(help: ArgumentHelp("The budgets: FROM:TO:STEPS.", valueName: "from:to:steps"))
    var budget: String

    @Option(help: "Output format: table, csv, json or xlsx (a workbook, with -o FILE; default: what -o FILE's extension names, else table).")
    var format: Format?

    @OptionGroup var output: OutputOptions
    @OptionGroup var runOptions: RunOptions

    mutating func validate() throws {
        format = try output.format(format, default: .table)
        try output.checkWorkbook(format)
        do throws(ScenarioError) { _ = try Frontier.budgets(parsing: budget) } catch { throw Console.usage(error.diagnostics) }
    }

    func run() throws {
        SolverOptions.catchInterrupts()
        try output.checkWritable()
        let base = try options.loadScenario()
        let (budgets, summaries, current) = try FrontierCommand.solve(base, budget: budget, runOptions: runOptions)
        let steps = Frontier.steps(budgets: budgets, summaries: summaries, current: current, sense: base.objective.first?.sense)
        let name = base.name ?? base.file
        switch format ?? .table {
        case .table: try output.write(FrontierOutput.table(steps, scenario: name, term: base.objective.first.map { Labels(language: options.language).term($0) }, language: options.language))
        case .csv: try output.write(FrontierOutput.csv(steps, terms: base.objective.map(\.description)))
        case .json: try output.write(FrontierOutput.json(steps, scenario: name, current: current))
        case .xlsx:
            let L = Labels(language: options.language)
            try output.write(TableWorkbook.make(title: name, sheet: L("资金前沿", "Frontier"),
                                                csv: FrontierOutput.csv(steps, terms: base.objective.map(\.description)),
                                                about: [(L("方案文件", "Scenario file"), options.scenario), (L("资金", "Budgets"), budget)],
                                                language: options.language))
        }
        if summaries.contains(where: { $0.error != nil }) { throw ExitStatus.internalError }
        if !summaries.allSatisfy(\.isProven) { throw ExitStatus.notProven }
    }

    /// Solves `base` at the budgets of `budget` (FROM:TO:STEPS), the whole fund moving:
    /// what `frontier` and `report --frontier` share. Exits 65 on a bad range or a scenario
    /// without a fund, 130 on Ctrl-C.
    static func solve(_ base: Scenario, budget: String,
                      runOptions: RunOptions) throws -> (budgets: [Int64], summaries: [PointSummary], current: Int64) {
        let budgets = try Console.reportingErrors { () throws(ScenarioError) in try Frontier.budgets(parsing: budget) }
        guard let current = base.totalCap, let scenarios = Frontier.scenarios(base, budgets: budgets) else {
            Console.error("\(base.file): the frontier moves budget.total (or the sources' amounts), and the scenario has neither")
            throw ExitStatus.invalidScenario
        }
        try Console.exitIfInterrupted()
        let progress = Progress(total: budgets.count)
        var summaries: [PointSummary] = []
        Solving.summaries(scenarios, solver: runOptions.solver, jobs: runOptions.threads, timeLimit: runOptions.timeLimit) { i, summary in
            if let error = summary.error { Console.error("budget \(budgets[i]): \(error)") }
            summaries.append(summary)
            progress.update(i + 1)
        }
        progress.finish()
        try Console.exitIfInterrupted()
        return (budgets, summaries, current)
    }
}
