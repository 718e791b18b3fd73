import FundAllocation
import Yams

/// A YAML (or JSON) value with the file and line it was written at.
///
/// Scenario files are read into this small tree first, so that every later message can name
/// `file:line`, and so that files can be merged (`extends`) while each value keeps its origin.
public struct DocumentNode: Sendable {
    /// The shape of a value.
    public enum Value: Sendable {
        /// A scalar as written; `null` when YAML reads it as null (`~`, `null`, empty).
        case scalar(String, isNull: Bool)
        /// A mapping in file order.
        case mapping([(key: String, keyLocation: SourceLocation, value: DocumentNode)])
        case sequence([DocumentNode])
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, _ location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// True for a YAML null.
    public var isNull: Bool {
        if case .scalar(_, true) = value { return true }
        return false
    }

    /// The scalar text (nil for null, mappings and sequences).
    public var scalar: String? {
        if case .scalar(let s, false) = value { return s }
        return nil
    }

    /// The mapping's pairs, or nil.
    public var mapping: [(key: String, keyLocation: SourceLocation, value: DocumentNode)]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    /// The sequence's items, or nil.
    public var sequence: [DocumentNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// Every scalar below this node (keys of mappings included), in file order.
    public var scalars: [String] {
        switch value {
        case .scalar(let s, false): return [s]
        case .scalar: return []
        case .mapping(let pairs): return pairs.flatMap { [$0.key] + $0.value.scalars }
        case .sequence(let items): return items.flatMap(\.scalars)
        }
    }

    /// The value for `key` in a mapping.
    public subscript(key: String) -> DocumentNode? {
        mapping?.first { $0.key == key }?.value
    }

    /// What kind of value this is, for messages.
    public var kindName: Message {
        switch value {
        case .scalar(_, true): return "null"
        case .scalar: return "a value"
        case .mapping: return "a map"
        case .sequence: return "a list"
        }
    }
}

/// Parses YAML (JSON is YAML) into `DocumentNode`s.
public enum DocumentParser {
    /// Parses `text` read from `file`. Syntax errors come back as diagnostics with the line.
    public static func parse(_ text: String, file: String) -> Result<DocumentNode?, ScenarioError> {
        do {
            // The basic resolver: every scalar stays text (numbers and booleans are read by
            // fundalloc's own rules), and no regular expression is compiled at start-up.
            guard let root = try Yams.compose(yaml: text, .basic) else { return .success(nil) }
            return .success(try convert(root, file))
        } catch let error as YamlError {
            return .failure(ScenarioError([diagnostic(error, file, text)]))
        } catch let error as ScenarioError {
            return .failure(error)
        } catch {
            return .failure(ScenarioError([Diagnostic(.error, SourceLocation(file: file, line: 0), "cannot read YAML: \(error)")]))
        }
    }

    private static func convert(_ node: Node, _ file: String) throws -> DocumentNode {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 0)
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            return DocumentNode(.scalar(scalar.string, isNull: isNull), location)
        case .mapping(let mapping):
            var pairs: [(String, SourceLocation, DocumentNode)] = []
            for (key, value) in mapping {
                let keyLocation = SourceLocation(file: file, line: key.mark?.line ?? location.line)
                guard case .scalar(let k) = key else {
                    throw ScenarioError([Diagnostic(.error, keyLocation, "a map key must be a plain value, not \(key)")])
                }
                pairs.append((k.string, keyLocation, try convert(value, file)))
            }
            return DocumentNode(.mapping(pairs), location)
        case .sequence(let sequence):
            return DocumentNode(.sequence(try sequence.map { try convert($0, file) }), location)
        case .alias:
            throw ScenarioError([Diagnostic(.error, location, "YAML aliases (*name) are not supported; write the value out")])
        }
    }

    private static func diagnostic(_ error: YamlError, _ file: String, _ text: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let extra = context.map { " (\($0.text))" } ?? ""
            return Diagnostic(.error, SourceLocation(file: file, line: mark.line), "YAML syntax error: \(problem)\(extra)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams marks the first occurrence; the planner pasted the repeat, so name its line.
            let line = duplicates.first.map { repeatLine(of: $0, firstAt: context.mark, in: text) } ?? context.mark.line
            return Diagnostic(.error, SourceLocation(file: file, line: line),
                              "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a map (first at line \(context.mark.line))")
        case let .reader(problem, _, _, _):
            return Diagnostic(.error, SourceLocation(file: file, line: 0), "cannot read the file as text: \(problem)")
        default:
            return Diagnostic(.error, SourceLocation(file: file, line: 0), "YAML error: \(error)")
        }
    }

    /// The line of the repeat of block-mapping key `key` whose first occurrence is at `first`:
    /// the next line of the same mapping (a key starting in the same column, before a line
    /// that starts further left) that holds `key:`. A flow mapping (`{a: 1, a: 2}`) or a key
    /// not found that way gives the first occurrence's line.
    static func repeatLine(of key: String, firstAt first: Mark, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let column = first.column - 1   // in Unicode scalars, as libyaml counts
        var index = first.line          // 0-based index of the line after the first occurrence
        while index < lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            let rest = String(String.UnicodeScalarView(scalars[indent...]))
            if rest.isEmpty || rest.hasPrefix("#") { index += 1; continue }
            if indent < column { break }
            if indent == column {
                for written in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(written) {
                    if rest.dropFirst(written.count).drop(while: { $0 == " " }).hasPrefix(":") { return index + 1 }
                }
            }
            index += 1
        }
        return first.line
    }
}
