import ArgumentParser
import Foundation
import FundAllocation
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

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @OptionGroup var options: CommonOptions

    @Option(help: ArgumentHelp("The budgets: FROM:TO:STEPS.", valueName: "from:to:steps"))
    var budget: String

    @Option(help: "Output format: table, csv or json (default: what -o FILE's extension names, else table).")
    var format: Format?

    @OptionGroup var output: OutputOptions
    @OptionGroup var runOptions: RunOptions

    mutating func validate() throws {
        format = try output.format(format, default: .table)
        do throws(ScenarioError) { _ = try SweepAxis(parsing: "budget=\(budget)") } catch {
            throw Console.usage(error.diagnostics.map {
                var d = $0
                d.location = d.location.map { SourceLocation(file: $0.file.replacingOccurrences(of: "--vary budget=", with: "--budget "), line: 0) }
                return d
            })
        }
    }

    func run() throws {
        SolverOptions.catchInterrupts()
        try output.checkWritable()
        let base = try options.loadScenario()
        let (budgets, summaries, current) = try FrontierCommand.solve(base, options: options, budget: budget, runOptions: runOptions)
        let steps = Frontier.steps(budgets: budgets, summaries: summaries, current: current, sense: base.objective.first?.sense)
        let name = base.name ?? base.file
        switch format ?? .table {
        case .table: try output.write(FrontierOutput.table(steps, scenario: name, term: base.objective.first.map { Labels(language: options.language).term($0) }, language: options.language))
        case .csv: try output.write(FrontierOutput.csv(steps, terms: base.objective.map(\.description)))
        case .json: try output.write(FrontierOutput.json(steps, scenario: name, current: current))
        }
        if summaries.contains(where: { $0.error != nil }) { throw ExitStatus.internalError }
        if !summaries.allSatisfy(\.isProven) { throw ExitStatus.notProven }
    }

    /// Solves `base` at the budgets of `budget` (FROM:TO:STEPS), the whole fund moving:
    /// what `frontier` and `report --frontier` share. Exits 65 on a bad range or a scenario
    /// without a fund, 130 on Ctrl-C.
    static func solve(_ base: Scenario, options: CommonOptions, budget: String,
                      runOptions: RunOptions) throws -> (budgets: [Int64], summaries: [PointSummary], current: Int64) {
        let budgets: [Int64] = try Console.reportingErrors { () throws(ScenarioError) in
            let axis = try SweepAxis(parsing: "budget=\(budget)")
            return try axis.values.map { text throws(ScenarioError) in
                guard case .success(let yuan) = NumberSyntax.money(text) else {
                    throw ScenarioError([Diagnostic(.error, SourceLocation(file: "--budget \(budget)", line: 0),
                                                    "budgets must be whole yuan ≥ 0, found \(text)")])
                }
                return yuan
            }.sorted()
        }
        guard let current = base.totalCap else {
            Console.error("\(base.file): the frontier moves budget.total (or the sources' amounts), and the scenario has neither")
            throw ExitStatus.invalidScenario
        }
        let scenarios = try Console.reportingErrors { () throws(ScenarioError) in
            let document = try ScenarioLoader.resolvedDocument(path: options.scenario)
            let points = budgets.enumerated().map { i, b in
                SweepPoint(number: i + 1, overrides: Frontier.overrides(budget: b, base: base) ?? [])
            }
            return try Sweep.scenarios(points, document: document, file: options.scenario, base: options.overrides.parsed())
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
