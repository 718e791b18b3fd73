import ArgumentParser
import FundAllocation
import Rendering
import ScenarioIO
import Workflows

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a plan: what forcing each project in or out costs, what each bound is worth, why projects are ineligible.",
        discussion: """
        Every line re-solves the scenario with one thing changed and compares the best value of \
        the first objective term (its stage optimum): for each eligible unfunded project, the \
        loss from forcing it in (or the targets that stop it) and the smallest fund with which it \
        could come in at no loss; for each funded project, the loss from forcing it out; for each \
        bound (the fund, tranches, sources, rules, min_use, portfolio floors), its value, slack, \
        whether it binds and the gain from relaxing it by one step (1 %, whole 万元 for money, one \
        percentage point for shares). An infeasible scenario gets its diagnosis instead. \
        Exit codes as for solve.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var options: CommonOptions

    @Option(help: "Explain only this project (its id).")
    var project: String?

    @Option(help: "Output format: table or json (default: what -o FILE's extension names, else table).")
    var format: Format?

    @OptionGroup var output: OutputOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var progressOptions: ProgressOptions

    mutating func validate() throws {
        format = try output.format(format, default: .table)
    }

    func run() throws {
        SolverOptions.catchInterrupts()
        try output.checkWritable()
        let scenario = try options.loadScenario()
        if let project, !scenario.projects.contains(where: { $0.id == project }) {
            let ids = scenario.projects.map(\.id)
            let hint = KeySuggestion.hint(for: project, in: ids)
            Console.error("--project \(project): no project with this id in \(scenario.file)\(hint)")
            throw ExitStatus.usage
        }
        let progress = progressOptions.bar(total: 0)
        var explanation = try Console.solving(scenario) {
            try Explainer.explain(scenario, solver: runOptions.solver, project: project, jobs: runOptions.threads, timeLimit: runOptions.timeLimit) { done, total in
                progress.say("re-solve \(done)/\(total)")
            }
        }
        progress.finish()
        if let project { explanation.base.ineligible.removeAll { $0.id != project } }
        switch format ?? .table {
        case .table: try output.write(ExplainOutput.table(explanation, language: options.language))
        case .json: try output.write(ExplainOutput.json(explanation))
        }
        if explanation.base.status != .optimal { throw ExitStatus.of(explanation.base.status) }
    }
}
