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

    @OptionGroup var overrides: OverrideOptions

    var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }

    /// Loads the scenario with the `--set` overrides, printing its warnings (and notes, with
    /// `notes`) to stderr; on errors prints them all and exits 65.
    func loadScenario(notes: Bool = false) throws -> Scenario {
        try Console.reportingErrors { () throws(ScenarioError) in
            let (valid, errors) = overrides.parsedSeparately()
            let scenario: Scenario
            do throws(ScenarioError) {
                scenario = try ScenarioLoader.load(path: self.scenario, overrides: valid)
            } catch {
                throw ScenarioError(errors + error.diagnostics)
            }
            if !errors.isEmpty { throw ScenarioError(errors) }
            for warning in scenario.warnings where notes || warning.severity == .warning {
                Console.diagnostic(warning)
            }
            return scenario
        }
    }
}

/// `--set PATH=VALUE`, on every command that reads a scenario.
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Change a scenario value without editing the file (repeatable), e.g. --set budget.total=9600万, "
            + "--set regions.旬邑县.households.min=2000, --set projects.P08.pin=in.", valueName: "path=value"))
    var values: [String] = []

    func parsed() throws(ScenarioError) -> [Override] {
        try ScenarioError.all(values) { v throws(ScenarioError) in try Override(parsing: v) }
    }

    /// Loads every scenario of `paths` with these overrides, all errors together (exit 65),
    /// printing their warnings to stderr: what `compare` and `report` start with.
    func loadScenarios(_ paths: [String]) throws -> [Scenario] {
        let loaded = try Console.reportingErrors { () throws(ScenarioError) in
            let overrides = try parsed()
            return try ScenarioError.all(paths) { path throws(ScenarioError) in
                try ScenarioLoader.load(path: path, overrides: overrides)
            }
        }
        for s in loaded { for w in s.warnings where w.severity == .warning { Console.diagnostic(w) } }
        return loaded
    }

    /// The overrides that read, and the errors of those that did not.
    func parsedSeparately() -> (overrides: [Override], errors: [Diagnostic]) {
        let (overrides, errors) = ScenarioError.collect(values) { v throws(ScenarioError) in try Override(parsing: v) }
        return (overrides, errors)
    }
}

extension Language: ExpressibleByArgument {}

/// The only place that writes to the terminal.
enum Console {
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// The language of messages: `--lang` wherever it is on the command line (errors may come
    /// before the options are parsed), else the locale (`Language.fromEnvironment`).
    static let language: Language = {
        let arguments = CommandLine.arguments
        for (i, a) in arguments.enumerated() {
            if a == "--lang", i + 1 < arguments.count, let l = Language(rawValue: arguments[i + 1]) { return l }
            if a.hasPrefix("--lang="), let l = Language(rawValue: String(a.dropFirst(7))) { return l }
        }
        return Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }()

    /// A line on stderr, in `language`.
    static func error(_ message: Message) {
        errorText(message.text(in: language))
    }

    /// A diagnostic (`file:line: message`) on stderr, in `language`.
    static func diagnostic(_ diagnostic: Diagnostic) {
        errorText(diagnostic.text(in: language))
    }

    /// Text on stderr as it is (the solver's log).
    static func errorText(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A usage error (exit 64) saying `message` in `language`.
    static func usage(_ message: Message) -> ValidationError {
        ValidationError(message.text(in: language))
    }

    /// A usage error (exit 64) listing `diagnostics`, one per line, in `language`.
    static func usage(_ diagnostics: [Diagnostic]) -> ValidationError {
        ValidationError(diagnostics.map { $0.text(in: language) }.joined(separator: "\n"))
    }

    /// Exits 130 when Ctrl-C (or SIGTERM) arrived, with nothing written.
    static func exitIfInterrupted() throws {
        guard let signal = SolverOptions.interruptSignal else { return }
        Console.error("interrupted (signal \(signal)): nothing written")
        throw ExitStatus.interrupted
    }

    /// Runs a solve: Ctrl-C exits 130 with nothing written, a solver failure exits 1.
    static func solving<T>(_ scenario: Scenario, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let interrupted as SolveInterrupted {
            Console.error("\(scenario.file): \(interrupted.text); nothing written")
            throw ExitStatus.interrupted
        } catch {
            Console.error("\(scenario.file): \(error)")
            throw ExitStatus.internalError
        }
    }

    /// Runs `body`; a `ScenarioError` is printed, diagnostic by diagnostic, and exits 65.
    static func reportingErrors<T>(_ body: () throws(ScenarioError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            for diagnostic in error.diagnostics { Console.diagnostic(diagnostic) }
            throw ExitStatus.invalidScenario
        }
    }
}
