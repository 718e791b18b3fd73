import FundAllocation
import Foundation

/// Loads a scenario file (YAML or JSON) and the CSV files it names into a validated `Scenario`.
///
/// Pipeline: text → `DocumentNode` tree (file:line on every value) → typed blocks → `Scenario`
/// → `ScenarioValidator`. Every problem found on the way is collected and thrown together as a
/// `ScenarioError`; warnings travel in `Scenario.warnings`.
public enum ScenarioLoader {
    static let topLevelKeys = ["format", "name", "description", "extends", "units", "periods", "budget", "sources",
                               "regions", "categories", "villages", "projects", "columns", "five_good", "rules",
                               "objective", "solver", "reference", "uncertainty"]

    /// Loads and validates the scenario at `path` (with its `extends` chain), with `overrides`
    /// (`--set`) laid on it.
    public static func load(path: String, overrides: [Override] = []) throws(ScenarioError) -> Scenario {
        try build(resolvedDocument(path: path, overrides: overrides), file: path, cells: overrides.compactMap(\.cell))
    }

    /// Builds and validates a scenario from a resolved document (`resolvedDocument(path:)`), with
    /// `overrides` laid on it: a sweep reads the file once and builds each point from it.
    public static func load(document: DocumentNode, file: String, overrides: [Override] = []) throws(ScenarioError) -> Scenario {
        try build(Override.apply(overrides, to: document), file: file, cells: overrides.compactMap(\.cell))
    }

    /// Loads a scenario from text written as `file` (relative paths and `extends` resolve
    /// against the folder of `file`).
    public static func load(text: String, file: String) throws(ScenarioError) -> Scenario {
        try build(resolved(parse(text, file: file), file: file, chain: [canonical(file)]), file: file)
    }

    /// The scenario document at `path` with its `extends` chain merged in: maps merge key by
    /// key, lists and scalars replace, `null` deletes. Every value keeps the file it came from.
    /// Document-level `overrides` are laid on it too (`--set` on a table cell is not shown).
    public static func resolvedDocument(path: String, overrides: [Override] = []) throws(ScenarioError) -> DocumentNode {
        try Override.apply(overrides, to: resolved(read(path: path, referencedAt: nil), file: path, chain: [canonical(path)]))
    }

    private static func read(path: String, referencedAt: SourceLocation?) throws(ScenarioError) -> DocumentNode {
        var log = DiagnosticLog()
        guard let text = TextFile.read(path: path, displayPath: path, log: &log, referencedAt: referencedAt) else {
            throw ScenarioError(log.errors)
        }
        return try parse(text, file: path)
    }

    private static func parse(_ text: String, file: String) throws(ScenarioError) -> DocumentNode {
        switch DocumentParser.parse(text, file: file) {
        case .failure(let error): throw error
        case .success(nil):
            throw ScenarioError([Diagnostic(.error, SourceLocation(file: file, line: 0), "the scenario file is empty")])
        case .success(let node?): return node
        }
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func resolved(_ root: DocumentNode, file: String, chain: [String]) throws(ScenarioError) -> DocumentNode {
        guard let pairs = root.mapping, let parentNode = root["extends"], !parentNode.isNull else { return root }
        guard let relative = parentNode.scalar else {
            throw ScenarioError([Diagnostic(.error, parentNode.location, "extends must be a file path")])
        }
        let folder = (file as NSString).deletingLastPathComponent
        let parentPath = relative.hasPrefix("/") || folder.isEmpty ? relative : "\(folder)/\(relative)"
        let key = canonical(parentPath)
        if chain.contains(key) {
            let cycle = (chain + [key]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
            throw ScenarioError([Diagnostic(.error, parentNode.location, "extends makes a cycle: \(cycle)")])
        }
        let parent = try resolved(read(path: parentPath, referencedAt: parentNode.location), file: parentPath,
                                  chain: chain + [key])
        let child = DocumentNode(.mapping(pairs.filter { $0.key != "extends" }), root.location)
        return merge(parent, child)
    }

    /// `over` laid on `base`: maps merge recursively, anything else replaces, null deletes.
    static func merge(_ base: DocumentNode, _ over: DocumentNode) -> DocumentNode {
        guard let basePairs = base.mapping, let overPairs = over.mapping else { return over }
        var result: [(key: String, keyLocation: SourceLocation, value: DocumentNode)] = []
        for pair in basePairs {
            if let replacement = overPairs.first(where: { $0.key == pair.key }) {
                if replacement.value.isNull { continue }
                result.append((pair.key, replacement.keyLocation, merge(pair.value, replacement.value)))
            } else {
                result.append(pair)
            }
        }
        for pair in overPairs where !pair.value.isNull && !basePairs.contains(where: { $0.key == pair.key }) {
            result.append(pair)
        }
        return DocumentNode(.mapping(result), over.location)
    }

    private static func build(_ root: DocumentNode, file: String, cells: [CellOverride] = []) throws(ScenarioError) -> Scenario {
        var builder = ScenarioBuilder(file: file, cells: cells)
        let scenario = builder.build(root)?.withCommitments()
        var log = builder.reader.log
        if let scenario {
            log.append(contentsOf: ScenarioValidator.check(scenario))
        }
        try log.throwIfErrors()
        var result = scenario!
        result.warnings = log.warnings
        return result
    }
}
