import FundAllocation

/// Reads typed values out of `DocumentNode`s, collecting a `file:line` diagnostic for each
/// problem instead of stopping at the first.
struct DocumentReader {
    var log = DiagnosticLog()

    /// The pairs of a mapping whose keys are all in `allowed`; unknown keys are errors with the
    /// nearest valid key suggested. Nil (with an error) when the node is not a mapping.
    mutating func mapping(_ node: DocumentNode, _ what: Message, allowed: [String]?) -> [(key: String, value: DocumentNode)]? {
        guard let pairs = node.mapping else {
            log.error(node.location, "\(what) must be a map, found \(node.kindName)")
            return nil
        }
        var result: [(String, DocumentNode)] = []
        for pair in pairs {
            if let allowed, !allowed.contains(pair.key) {
                let hint = KeySuggestion.hint(for: pair.key, in: allowed)
                log.error(pair.keyLocation, "unknown key '\(pair.key)' in \(what)\(hint); expected one of: \(allowed.joined(separator: ", "))")
                continue
            }
            result.append((pair.key, pair.value))
        }
        return result
    }

    /// The items of a sequence; nil (with an error) otherwise.
    mutating func sequence(_ node: DocumentNode, _ what: Message) -> [DocumentNode]? {
        guard let items = node.sequence else {
            log.error(node.location, "\(what) must be a list, found \(node.kindName)")
            return nil
        }
        return items
    }

    /// A scalar's text (nil for null, with no error); an error for maps and lists.
    mutating func text(_ node: DocumentNode, _ what: Message) -> String? {
        if node.isNull { return nil }
        guard let s = node.scalar else {
            log.error(node.location, "\(what) must be a single value, found \(node.kindName)")
            return nil
        }
        return s
    }

    /// A number (money syntax accepted).
    mutating func number(_ node: DocumentNode, _ what: Message) -> Rational? {
        parsed(node, what, NumberSyntax.number)
    }

    /// A scalar read by `parse`; its failure becomes a `file:line` error.
    private mutating func parsed<T>(_ node: DocumentNode, _ what: Message,
                                    _ parse: (String) -> Result<T, NumberSyntax.Failure>) -> T? {
        guard let s = text(node, what) else { return nil }
        switch parse(s) {
        case .success(let v): return v
        case .failure(let f):
            log.error(node.location, "\(what): \(f.message)")
            return nil
        }
    }

    /// A number ≥ 0.
    mutating func nonNegative(_ node: DocumentNode, _ what: Message) -> Rational? {
        guard let v = number(node, what) else { return nil }
        if v.isNegative {
            log.error(node.location, "\(what) must not be negative, found \(v.decimalString())")
            return nil
        }
        return v
    }

    /// A share in [0, 1] (or (0, 1] when `positive`).
    mutating func share(_ node: DocumentNode, _ what: Message, positive: Bool = false) -> Rational? {
        guard let v = number(node, what) else { return nil }
        if v.isNegative || v > .one || (positive && v.isZero) {
            log.error(node.location, positive ? "\(what) must be above 0 and at most 1, found \(v.decimalString())"
                                         : "\(what) must be between 0 and 1, found \(v.decimalString())")
            return nil
        }
        return v
    }

    /// An amount of money: whole yuan ≥ 0.
    mutating func money(_ node: DocumentNode, _ what: Message) -> Int64? {
        parsed(node, what, NumberSyntax.money)
    }

    /// A boolean (`true`/`false`, `yes`/`no`, `1`/`0`).
    mutating func boolean(_ node: DocumentNode, _ what: Message) -> Bool? {
        guard let s = text(node, what) else { return nil }
        guard let b = NumberSyntax.boolean(s) else {
            log.error(node.location, "\(what) must be true or false, found '\(s)'")
            return nil
        }
        return b
    }

    /// A duration (`NumberSyntax.duration`): seconds as a number, or `30s`, `2m`, `1h`, `500ms`.
    mutating func duration(_ node: DocumentNode, _ what: Message) -> Double? {
        guard let s = text(node, what) else { return nil }
        guard let seconds = NumberSyntax.duration(s) else {
            log.error(node.location, "\(what) must be a positive duration such as 30s, 2m or 1h")
            return nil
        }
        return seconds
    }
}
