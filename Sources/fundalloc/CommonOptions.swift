import ArgumentParser
import Foundation
import FundAllocation
import ScenarioIO

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "Language of labels and messages: zh or en (default: from LANG/LC_ALL).")
    var lang: Language?

    var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }

    /// Loads the scenario, printing its warnings (and notes, with `notes`) to stderr; on errors
    /// prints them all and exits 65.
    func loadScenario(notes: Bool = false) throws -> Scenario {
        do {
            let scenario = try ScenarioLoader.load(path: self.scenario)
            for warning in scenario.warnings where notes || warning.severity == .warning {
                Console.error(warning.description)
            }
            return scenario
        } catch {
            for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
            throw ExitStatus.invalidScenario
        }
    }
}

extension Language: ExpressibleByArgument {}

/// The only place that writes to the terminal.
enum Console {
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
