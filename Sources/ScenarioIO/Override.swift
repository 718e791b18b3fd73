import FundAllocation

/// A `--set PATH=VALUE` change to a scenario, laid on the document after `extends` is merged.
///
/// PATH is dot-separated keys. In a list, a segment picks the item whose `id` (or, failing
/// that, `name`) equals it, or the n-th item (1-based) when it is a whole number:
/// `regions.旬邑县.households.min`, `rules.户均资金上限.max`, `sources.taizhou.amount`,
/// `rules.3.max`. `projects.<id>.<field>` and `villages.<id>.<field>` change one cell of the
/// project or village table, whether it is a CSV file or an inline list. VALUE is read as YAML
/// (`9600万`, `true`, `{min: 2000}`, `[2017, 2018]`); an empty VALUE or `null` deletes the key, as
/// in `extends`. Missing maps on the way are created; the scenario is then checked as a whole,
/// so a misspelt key or a value of the wrong type is an error naming the `--set`.
public struct Override: Sendable, Hashable {
    public var path: [String]
    /// VALUE as written.
    public var text: String

    public init(path: [String], text: String) {
        self.path = path
        self.text = text
    }

    /// Reads `PATH=VALUE`.
    public init(parsing argument: String) throws(ScenarioError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ScenarioError([Diagnostic(.error, SourceLocation(file: "--set \(argument)", line: 0),
                                            "expected PATH=VALUE, e.g. budget.total=9600万")])
        }
        let path = Override.segments(String(argument[..<equals]))
        let override = Override(path: path, text: String(argument[argument.index(after: equals)...]))
        guard !path.contains(where: \.isEmpty) else {
            throw ScenarioError([Diagnostic(.error, override.location, "the path has an empty segment")])
        }
        self = override
    }

    /// A dot-separated PATH as its segments (trimmed; empty segments kept, for the error).
    public static func segments(_ path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
    }

    /// `PATH` as written, dot-separated.
    public var pathText: String { path.joined(separator: ".") }

    /// Where messages about this override point: the option as given.
    public var location: SourceLocation { SourceLocation(file: "--set \(pathText)=\(text)", line: 0) }

    /// The value as a document node (null for an empty VALUE).
    func value() throws(ScenarioError) -> DocumentNode {
        switch DocumentParser.parse(text, file: location.file) {
        case .failure(let error):
            throw ScenarioError(error.diagnostics.map { Diagnostic(.error, location, $0.text) })
        case .success(nil): return DocumentNode(.scalar("", isNull: true), location)
        case .success(let node?): return node.relocated(to: location)
        }
    }

    /// The tables whose rows `--set TABLE.<id>.<field>` changes cell by cell.
    static let recordTables = ["projects", "villages"]

    /// The override of one table cell, when this is one.
    var cell: CellOverride? {
        guard path.count >= 2, Override.recordTables.contains(path[0]) else { return nil }
        return CellOverride(table: path[0], id: path[1].normalizedForComparison,
                            field: path.count == 3 ? path[2] : nil, text: text, location: location)
    }
}

/// `--set projects.<id>.<field>=VALUE`: one cell of the project or village table.
struct CellOverride {
    var table: String
    var id: String
    /// nil when the path is not exactly TABLE.<id>.<field> (an error when applied).
    var field: String?
    var text: String
    var location: SourceLocation

    /// Applies the cell overrides of `table` to its records (by id); unknown ids are errors.
    static func apply(_ overrides: [CellOverride], table: String, to records: inout [Record], _ log: inout DiagnosticLog) {
        for override in overrides where override.table == table {
            guard let field = override.field else {
                log.error(override.location, "a \(table) value is set as \(table).<id>.<field>, e.g. \(table).\(override.id).households")
                continue
            }
            let index = records.firstIndex {
                $0.fields.first { $0.name == "id" }?.value.normalizedForComparison == override.id
            }
            guard let index else {
                let ids = records.compactMap { $0.fields.first { $0.name == "id" }?.value.normalizedForComparison }
                let hint = KeySuggestion.hint(for: override.id, in: ids)
                log.error(override.location, "no row with id '\(override.id)' in \(table)\(hint)")
                continue
            }
            records[index].fields.removeAll { $0.name == field }
            let value = override.text.trimmingSpaces()
            if !value.isEmpty && value != "null" {
                records[index].fields.append((field, value, override.location))
            }
        }
    }
}

extension Override {
    /// `root` with the document-level overrides laid on it, in order.
    static func apply(_ overrides: [Override], to root: DocumentNode) throws(ScenarioError) -> DocumentNode {
        var root = root
        var errors: [Diagnostic] = []
        for override in overrides where override.cell == nil {
            do {
                root = try override.set(override.value(), in: root, at: override.path[...], walked: [])
            } catch {
                errors += error.diagnostics
            }
        }
        if !errors.isEmpty { throw ScenarioError(errors) }
        return root
    }

    private func set(_ value: DocumentNode, in node: DocumentNode, at path: ArraySlice<String>,
                     walked: [String]) throws(ScenarioError) -> DocumentNode {
        guard let segment = path.first else { return value }
        let rest = path.dropFirst()
        let here = walked + [segment]
        switch node.value {
        case .mapping(var pairs):
            if let i = pairs.firstIndex(where: { $0.key == segment }) {
                if rest.isEmpty && value.isNull {
                    pairs.remove(at: i)
                } else {
                    pairs[i].value = try set(value, in: pairs[i].value, at: rest, walked: here)
                }
            } else if !(rest.isEmpty && value.isNull) {
                let empty = DocumentNode(.mapping([]), location)
                pairs.append((segment, location, try set(value, in: empty, at: rest, walked: here)))
            }
            return DocumentNode(.mapping(pairs), node.location)
        case .sequence(var items):
            guard let i = Override.index(of: segment, in: items) else {
                let names = items.compactMap { ($0["id"] ?? $0["name"])?.scalar }
                let hint = KeySuggestion.hint(for: segment, in: names)
                let choices: Message = names.isEmpty ? "items are numbered from 1" : "ids: \(names.prefix(12).joined(separator: ", "))"
                throw ScenarioError([Diagnostic(.error, location,
                    "\(walked.joined(separator: ".")) has no item '\(segment)'\(hint); \(choices)")])
            }
            if rest.isEmpty && value.isNull {
                items.remove(at: i)
            } else {
                items[i] = try set(value, in: items[i], at: rest, walked: here)
            }
            return DocumentNode(.sequence(items), node.location)
        case .scalar(_, isNull: true):
            return try set(value, in: DocumentNode(.mapping([]), node.location), at: path, walked: walked)
        case .scalar(let text, isNull: false):
            throw ScenarioError([Diagnostic(.error, location,
                "\(walked.joined(separator: ".")) is the value '\(text)' (\(node.location)), so it has no '\(segment)'")])
        }
    }

    /// The item a path segment names: by id, then name, then 1-based position.
    private static func index(of segment: String, in items: [DocumentNode]) -> Int? {
        let key = segment.normalizedForComparison
        for field in ["id", "name"] {
            if let i = items.firstIndex(where: { $0[field]?.scalar?.normalizedForComparison == key }) { return i }
        }
        if let n = Int(segment), n >= 1, n <= items.count { return n - 1 }
        return nil
    }
}

extension DocumentNode {
    /// This node and everything in it moved to `location` (a `--set` value has no file line).
    func relocated(to location: SourceLocation) -> DocumentNode {
        switch value {
        case .scalar: return DocumentNode(value, location)
        case .sequence(let items): return DocumentNode(.sequence(items.map { $0.relocated(to: location) }), location)
        case .mapping(let pairs):
            return DocumentNode(.mapping(pairs.map { ($0.key, location, $0.value.relocated(to: location)) }), location)
        }
    }
}
