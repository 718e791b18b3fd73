import ArgumentParser
import ScenarioIO

@main
struct FundAlloc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fundalloc",
        abstract: "Decide how a cooperation fund is split across candidate projects (GLPK MILP).",
        discussion: """
        Exit codes: 0 optimal plan (or valid scenario for check); 2 plan found, optimality not proven \
        (time limit or mip_gap); 3 infeasible; 4 no plan within the time limit; 65 invalid scenario; \
        73 output file cannot be written; 64 usage error; 130 interrupted (Ctrl-C); 1 internal error.
        """,
        version: "0.1.0",
        subcommands: [Check.self, Solve.self, SweepCommand.self, FrontierCommand.self, CompareCommand.self, ExplainCommand.self, ReportCommand.self, RobustCommand.self, MergeCommand.self, Export.self, Generate.self])

    /// A first word that names no command (a typo such as `solev`) is a usage error that says
    /// which command was meant, instead of "unexpected arguments".
    static func main() {
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        if let word = CommandLine.arguments.dropFirst().first, !word.hasPrefix("-"), word != "help", !names.contains(word) {
            let hint = KeySuggestion.hint(for: word, in: names)
            exit(withError: Console.usage("unknown command '\(word)'\(hint); the commands are \(names.joined(separator: ", "))"))
        }
        main(nil)
    }
}
