import FundAllocation

/// Writes a `DocumentNode` back as YAML: what `check --resolved` shows after `extends` merged.
/// Block style for maps and lists of maps, flow style for lists of scalars; a scalar is
/// double-quoted unless it is plainly safe. Parsing the output gives the same tree.
public enum DocumentWriter {
    public static func yaml(_ node: DocumentNode) -> String {
        var out = ""
        write(node, indent: 0, into: &out)
        return out
    }

    private static func write(_ node: DocumentNode, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch node.value {
        case .mapping(let pairs):
            for pair in pairs {
                out += pad + scalar(pair.key) + ":"
                writeValue(pair.value, indent: indent, into: &out)
            }
        case .sequence(let items):
            for item in items {
                if item.mapping != nil {
                    var inner = ""
                    write(item, indent: indent + 2, into: &inner)
                    out += pad + "- " + inner.dropFirst(indent + 2)
                } else {
                    out += pad + "- " + inline(item) + "\n"
                }
            }
        case .scalar:
            out += pad + inline(node) + "\n"
        }
    }

    private static func writeValue(_ value: DocumentNode, indent: Int, into out: inout String) {
        switch value.value {
        case .mapping(let pairs) where !pairs.isEmpty:
            out += "\n"
            write(value, indent: indent + 2, into: &out)
        case .sequence(let items) where items.contains(where: { $0.mapping != nil || $0.sequence != nil }):
            out += "\n"
            write(value, indent: indent + 2, into: &out)
        default:
            out += " " + inline(value) + "\n"
        }
    }

    private static func inline(_ node: DocumentNode) -> String {
        switch node.value {
        case .scalar(_, true): return "null"
        case .scalar(let s, false): return scalar(s)
        case .sequence(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .mapping(let pairs): return "{" + pairs.map { scalar($0.key) + ": " + inline($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// A scalar, plain when nothing in it means something to YAML, else double-quoted.
    public static func scalar(_ s: String) -> String {
        let special: Set<Character> = [":", "#", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "\\", "\n", "\t"]
        let reserved = ["", "~", "null", "Null", "NULL"]
        let plain = !reserved.contains(s) && !s.contains(where: { special.contains($0) })
            && s.first.map { $0 != " " && $0 != "-" && $0 != "?" } ?? false && s.last != " "
        if plain { return s }
        var quoted = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default: quoted.unicodeScalars.append(ch)
            }
        }
        return quoted + "\""
    }
}
