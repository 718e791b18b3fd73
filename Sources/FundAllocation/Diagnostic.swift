/// Where something was written: a file and a 1-based line (YAML line or CSV row).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file path as the planner gave it (or as resolved against the scenario's folder).
    public var file: String
    /// 1-based line; 0 when only the file is known.
    public var line: Int

    /// In a workbook: the sheet and cell (`项目库!C12`); `line` is then the row.
    public var cell: String?

    public init(file: String, line: Int, cell: String? = nil) {
        self.file = file
        self.line = line
        self.cell = cell
    }

    /// `file:line`, `file:sheet!C12` in a workbook, or `file` when the line is unknown.
    public var description: String { cell.map { "\(file):\($0)" } ?? (line > 0 ? "\(file):\(line)" : file) }
}

/// One problem (or warning) found in a scenario, with where it was written.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious it is.
    /// `note`s are facts worth knowing that `check` shows and `solve` does not repeat.
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var location: SourceLocation?
    /// What is wrong, translatable (`ScenarioIO`: `Diagnostic.text(in:)`).
    public var text: Message

    public init(_ severity: Severity = .error, _ location: SourceLocation?, _ text: Message) {
        self.severity = severity
        self.location = location
        self.text = text
    }

    /// What is wrong, in English.
    public var message: String { text.description }

    /// `file:line: message` (warnings say `warning:` after the location).
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        switch severity {
        case .error: return "\(prefix)\(message)"
        case .warning: return "\(prefix)warning: \(message)"
        case .note: return "\(prefix)note: \(message)"
        }
    }
}

/// A scenario that cannot be solved: every problem found, in the order written.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// `body` of every item: the results of those that succeed, in order, and the diagnostics
    /// of those that throw (each reported once), so that one pass reports every problem.
    public static func collect<Item, Result>(_ items: some Sequence<Item>,
                                             _ body: (Item) throws(ScenarioError) -> Result) -> (results: [Result], errors: [Diagnostic]) {
        var results: [Result] = []
        var errors: [Diagnostic] = []
        for item in items {
            do throws(ScenarioError) {
                results.append(try body(item))
            } catch {
                for d in error.diagnostics where !errors.contains(d) { errors.append(d) }
            }
        }
        return (results, errors)
    }

    /// The results of `collect`, or every diagnostic thrown together.
    public static func all<Item, Result>(_ items: some Sequence<Item>,
                                         _ body: (Item) throws(ScenarioError) -> Result) throws(ScenarioError) -> [Result] {
        let (results, errors) = collect(items, body)
        if !errors.isEmpty { throw ScenarioError(errors) }
        return results
    }
}

/// Collects diagnostics while a scenario is read and checked.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// Warnings and notes.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity != .error } }

    public mutating func error(_ location: SourceLocation?, _ message: Message) {
        diagnostics.append(Diagnostic(.error, location, message))
    }

    public mutating func warning(_ location: SourceLocation?, _ message: Message) {
        diagnostics.append(Diagnostic(.warning, location, message))
    }

    public mutating func note(_ location: SourceLocation?, _ message: Message) {
        diagnostics.append(Diagnostic(.note, location, message))
    }

    public mutating func append(contentsOf other: DiagnosticLog) {
        diagnostics.append(contentsOf: other.diagnostics)
    }

    /// Throws a `ScenarioError` with the errors when there are any.
    public func throwIfErrors() throws(ScenarioError) {
        if hasErrors { throw ScenarioError(errors) }
    }
}
