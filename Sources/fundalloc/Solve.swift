import ArgumentParser
import Foundation
import FundAllocation
import Rendering
import ScenarioIO
import Workflows

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a scenario and report the optimal plan.",
        discussion: """
        The table is for people; JSON (docs/output.md) is for scripts; CSV has one row per funded \
        project with fixed columns. See `fundalloc --help` for exit codes.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, xlsx }

    @OptionGroup var options: CommonOptions

    @Option(help: "Output format: table, json, csv or xlsx (a workbook, with -o FILE; default: what -o FILE's extension names, else table).")
    var format: Format?

    @OptionGroup var output: OutputOptions
    @OptionGroup var progressOptions: ProgressOptions

    @OptionGroup var solverOptions: SolverOptions

    @Flag(help: "CSV only: start with a UTF-8 BOM so that Chinese Excel/WPS opens it correctly.")
    var excel = false

    @Flag(help: "Show solver time (makes output differ between runs).")
    var timing = false

    @Option(help: "Also find up to this many other plans whose first objective term is within --within of its best value, each as different as possible from the best and from each other.")
    var alternatives: Int?

    @Option(parsing: .unconditional, help: "With --alternatives: how far (relative, e.g. 0.02 = 2 %) the first term may be from its best value.")
    var within = ExactNumber(Rational(2, 100))

    @Flag(help: "When the scenario is infeasible, do not diagnose why (faster; the diagnosis re-solves relaxed models).")
    var noDiagnosis = false

    @Flag(name: .shortAndLong, help: "Print GLPK's own log to stderr.")
    var verbose = false

    mutating func validate() throws {
        format = try output.format(format, default: .table)
        try output.checkWorkbook(format)
        if excel && format != .csv { throw Console.usage("--excel only applies to --format csv") }
        if let alternatives {
            if alternatives < 1 { throw Console.usage("--alternatives must be at least 1 (how many other plans to look for)") }
            if format == .csv || format == .xlsx { throw Console.usage("--alternatives is shown by --format table or json, not \(format!.rawValue)") }
        }
        if within.value.isNegative { throw Console.usage("--within must be a number ≥ 0 (a relative tolerance, e.g. 0.02)") }
    }

    func run() throws {
        SolverOptions.catchInterrupts()
        try output.checkWritable()
        let scenario = try options.loadScenario()
        let (plan, report) = try Console.solving(scenario) { () -> (Plan, PlanReport) in
            let progress = progressOptions.bar(total: scenario.objective.count)
            let solver = solverOptions.solver
            var (plan, report) = try Solving.report(scenario, solver: solver, timeLimit: solverOptions.timeLimit,
                                                    diagnose: !noDiagnosis) { progress.say($0) }
            if let alternatives {
                progress.say("looking for \(alternatives) alternative plan\(alternatives == 1 ? "" : "s")")
                report.alternatives = try Alternatives.find(scenario, best: plan, count: alternatives, within: within.value,
                                                            solver: solver)
            }
            progress.finish()
            return (plan, report)
        }
        if verbose { Console.errorText(plan.solverLog) }
        switch format ?? .table {
        case .table: try output.write(TableRenderer.render(report, language: options.language, timing: timing))
        case .json: try output.write(JSONRenderer.render(report, timing: timing))
        case .csv: try output.write(CSVRenderer.render(report, excel: excel))
        case .xlsx: try output.write(PlanWorkbook.make(report, overrides: options.overrides.values, language: options.language))
        }
        if plan.status != .optimal { throw ExitStatus.of(plan.status) }
    }
}
