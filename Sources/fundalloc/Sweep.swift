import ArgumentParser
import Foundation
import FundAllocation
import Rendering
import ScenarioIO
import Workflows

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Solve a scenario for every value (or grid of values) of one or more settings.",
        discussion: """
        --vary PATH=FROM:TO:STEPS gives STEPS evenly spaced values from FROM to TO (both included; \
        whole numbers when FROM and TO are whole; money syntax accepted); --vary PATH=v1,v2,v3 gives \
        the values as written. Repeat --vary for a grid (the first varies slowest). PATH is as for \
        --set. Every point is checked before anything is solved; each is solved exactly as `solve` \
        would solve it, so a row equals `solve --set PATH=VALUE` of the same point. Rows come in \
        input order whatever --jobs is. Exit 0 when every point was proven (optimal or infeasible), \
        2 when some point is not proven, 1 when a solve failed, 130 on Ctrl-C (the rows finished \
        before it are written whole).
        """)

    @OptionGroup var options: CommonOptions

    @Option(name: .customLong("vary"), help: ArgumentHelp("A setting and its values (repeatable: a grid).",
                                                          valueName: "path=from:to:steps|v1,v2,…"))
    var axes: [String] = []

    @Option(help: "Output format: csv, jsonl (JSON Lines) or xlsx (a workbook, with -o FILE; default: what -o FILE's extension names, else csv).")
    var format: SweepOutput.Format?

    @OptionGroup var output: OutputOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var progressOptions: ProgressOptions

    @Flag(help: "CSV only: start with a UTF-8 BOM so that Chinese Excel/WPS opens it correctly.")
    var excel = false

    mutating func validate() throws {
        format = try output.format(format, default: .csv)
        try output.checkWorkbook(format)
        // A bad --vary is a usage error (exit 64), every one reported once, before anything is loaded.
        let (_, errors) = ScenarioError.collect(axes) { a throws(ScenarioError) in try SweepAxis(parsing: a) }
        if !errors.isEmpty { throw Console.usage(errors) }
        if axes.isEmpty { throw Console.usage("give at least one --vary PATH=FROM:TO:STEPS") }
        if excel && format != .csv { throw Console.usage("--excel only applies to --format csv") }
    }

    func run() throws {
        SolverOptions.catchInterrupts()
        try output.checkWritable()
        let (points, scenarios) = try Console.reportingErrors { () throws(ScenarioError) in
            let points = try Sweep.grid(try ScenarioError.all(axes) { a throws(ScenarioError) in try SweepAxis(parsing: a) })
            let document = try ScenarioLoader.resolvedDocument(path: options.scenario)
            return (points, try Sweep.scenarios(points, document: document, file: options.scenario,
                                                  base: options.overrides.parsed()))
        }
        try Console.exitIfInterrupted()
        for warning in scenarios[0].warnings where warning.severity == .warning { Console.diagnostic(warning) }
        let terms = scenarios[0].objective.map(\.description)
        let L = Labels(language: options.language)
        let regions = scenarios[0].regions.map(\.id)
        let header = SweepOutput.header(paths: points[0].values.map(\.path), terms: terms.count, regions: regions)
        var text = format == .jsonl ? "" : (excel ? "\u{FEFF}" : "") + header
        if output.output == nil { Console.output(text); text = "" }
        let progress = progressOptions.bar(total: points.count)
        var proven = true, failed = false
        let emitted = Solving.summaries(scenarios, solver: runOptions.solver, jobs: runOptions.threads, timeLimit: runOptions.timeLimit) { i, summary in
            proven = proven && summary.isProven
            failed = failed || summary.error != nil
            if let error = summary.error { Console.error("point \(points[i].number): \(error)") }
            let line = SweepOutput.line(points[i], summary, terms: terms, regions: regions, format: format ?? .csv)
            if output.output == nil { Console.output(line) } else { text += line }
            progress.update(i + 1)
        }
        progress.finish()
        if format == .xlsx {
            let about = [(L("方案文件", "Scenario file"), options.scenario)] + axes.map { (L("变化", "Varied"), $0) }
            try output.write(TableWorkbook.make(title: scenarios[0].name ?? options.scenario, sheet: L("敏感性分析", "Sweep"),
                                                csv: text, about: about, language: options.language))
        } else if output.output != nil {
            try output.write(text)
        }
        if let signal = SolverOptions.interruptSignal {
            Console.error("interrupted (signal \(signal)): \(emitted) of \(points.count) points written")
            throw ExitStatus.interrupted
        }
        if failed { throw ExitStatus.internalError }
        if !proven { throw ExitStatus.notProven }
    }
}
extension SweepOutput.Format: ExpressibleByArgument {}
