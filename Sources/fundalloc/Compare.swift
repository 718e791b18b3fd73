import ArgumentParser
import Foundation
import FundAllocation
import Rendering
import ScenarioIO
import Workflows

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Solve scenarios and show them side by side, with the project changes against the first.",
        discussion: """
        Status, objective terms, funds, households and projects; funds and households by region and \
        by category; the rules that bind in any of them (value, * when binding); then for each \
        scenario after the first, the projects added, dropped, funded differently or moved to \
        another period. --set applies to every scenario. Exit 0 when every plan is proven optimal, \
        2 when one is not, 3 when one is infeasible, 1 when a solve failed, 130 on Ctrl-C.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, xlsx }

    @Argument(help: "Two or more scenario files; the first is the reference.")
    var scenarios: [String]

    @Option(help: "Language of labels: zh or en (default: from LANG/LC_ALL).")
    var lang: Language?

    @OptionGroup var overrides: OverrideOptions

    @Option(help: "Output format: table, csv, json or xlsx (a workbook, with -o FILE; default: what -o FILE's extension names, else table).")
    var format: Format?

    @OptionGroup var output: OutputOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var progressOptions: ProgressOptions

    mutating func validate() throws {
        format = try output.format(format, default: .table)
        try output.checkWorkbook(format)
        if scenarios.count < 2 { throw Console.usage("compare needs at least two scenario files") }
    }

    func run() throws {
        SolverOptions.catchInterrupts()
        try output.checkWritable()
        let loaded = try overrides.loadScenarios(scenarios)
        try Console.exitIfInterrupted()
        var reports: [PlanReport] = []
        var failed = false
        let progress = progressOptions.bar(total: loaded.count)
        Solving.each(loaded, solver: runOptions.solver, jobs: runOptions.threads, timeLimit: runOptions.timeLimit) { i, result in
            progress.update(i + 1)
            switch result {
            case .success(let report): reports.append(report)
            case .failure(let failure):
                Console.error("\(loaded[i].file): \(failure.message)")
                failed = true
            }
        }
        progress.finish()
        try Console.exitIfInterrupted()
        if failed { throw ExitStatus.internalError }
        let comparison = ScenarioComparison(reports)
        let language = lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
        switch format ?? .table {
        case .table: try output.write(ComparisonOutput.table(comparison, language: language))
        case .csv: try output.write(ComparisonOutput.csv(comparison))
        case .json: try output.write(ComparisonOutput.json(comparison))
        case .xlsx:
            let L = Labels(language: language)
            try output.write(TableWorkbook.make(title: L("方案比较", "Comparison"), sheet: L("比较", "Comparison"),
                                                csv: ComparisonOutput.csv(comparison),
                                                about: scenarios.enumerated().map { ("\(L("方案", "Scenario")) \($0 + 1)", $1) },
                                                language: language))
        }
        let statuses = reports.map(\.status)
        if statuses.contains(.feasible) || statuses.contains(.noSolution) { throw ExitStatus.notProven }
        if statuses.contains(.infeasible) { throw ExitStatus.infeasible }
    }
}
