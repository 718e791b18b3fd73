import FundAllocation
import Foundation

/// Rules, bounds, filters, metrics and objective terms.
extension ScenarioBuilder {
    mutating func readBounds(_ node: DocumentNode, _ what: Message, metric: Metric,
                             groupAttributesAllowed: Bool) -> Bounds<BoundValue>? {
        guard let pairs = reader.mapping(node, what, allowed: ScenarioBuilder.boundKeys) else { return nil }
        return readBounds(pairs, metric: metric, groupAttributesAllowed: groupAttributesAllowed) { "\(what).\($0)" }
    }

    /// The keys of a bound: `min`, `max`, `min_share`, `max_share`.
    static let boundKeys = ["min", "max", "min_share", "max_share"]

    /// The bounds among `pairs` (keys of `boundKeys`, in the order given), each read by
    /// `readBound`; `what(key)` names one in errors.
    mutating func readBounds(_ pairs: [(key: String, value: DocumentNode)], metric: Metric, groupAttributesAllowed: Bool,
                             what: (String) -> Message) -> Bounds<BoundValue> {
        var bounds = Bounds<BoundValue>()
        for (key, value) in pairs {
            let bound = readBound(value, what(key), metric: metric, share: key.hasSuffix("share"),
                                  groupAttributesAllowed: groupAttributesAllowed)
            switch key {
            case "min": bounds.min = bound
            case "max": bounds.max = bound
            case "min_share": bounds.minShare = bound
            default: bounds.maxShare = bound
            }
        }
        return bounds
    }

    mutating func readBound(_ node: DocumentNode, _ what: Message, metric: Metric, share: Bool,
                            groupAttributesAllowed: Bool) -> BoundValue? {
        guard let text = reader.text(node, what) else { return nil }
        for prefix in ["region.", "category."] where text.hasPrefix(prefix) && text.count > prefix.count {
            guard groupAttributesAllowed else {
                reader.log.error(node.location, "\(what): '\(text)' names a group attribute, which needs for_each: \(prefix.dropLast())")
                return nil
            }
            return .groupAttribute(String(text.dropFirst(prefix.count)))
        }
        if share { return reader.share(node, what).map { .value($0) } }
        if metric.isMoney { return reader.money(node, what).map { .value(Rational($0)) } }
        return reader.number(node, what).map { .value($0) }
    }

    mutating func readFilter(_ node: DocumentNode, _ what: Message) -> Filter {
        guard let pairs = reader.mapping(node, what, allowed: nil) else { return .all }
        var conditions: [Condition] = []
        for (key, value) in pairs {
            let items = value.sequence ?? [value]
            var comparisons: [Comparison] = []
            for item in items {
                if let text = reader.text(item, "\(what).\(key)") { comparisons.append(Comparison(parsing: text)) }
            }
            if comparisons.isEmpty { reader.log.error(value.location, "\(what).\(key) needs a value") ; continue }
            conditions.append(Condition(field: FieldPath(key), anyOf: comparisons))
        }
        return Filter(conditions)
    }

    mutating func readMetric(_ node: DocumentNode, _ what: Message) -> Metric? {
        guard let name = reader.text(node, what) else {
            reader.log.error(node.location, "\(what) needs a metric")
            return nil
        }
        guard let metric = Metric(name: name) else {
            let hint = KeySuggestion.hint(for: name, in: Metric.names)
            reader.log.error(node.location, "unknown metric '\(name)'\(hint); metrics: \(Metric.names.joined(separator: ", "))")
            return nil
        }
        return metric
    }

    /// A `period:` on a rule or term: a declared period label.
    mutating func readPeriodReference(_ node: DocumentNode, _ what: Message) -> String? {
        guard let label = reader.text(node, what)?.normalizedForComparison else { return nil }
        guard !periods.isEmpty else {
            reader.log.error(node.location, "\(what) '\(label)' needs `periods` in the scenario")
            return nil
        }
        guard periods.contains(label) else {
            reader.log.error(node.location, "\(what) '\(label)' is not in periods (\(periods.joined(separator: ", ")))")
            return nil
        }
        return label
    }

    mutating func readRule(_ node: DocumentNode) -> Rule? {
        guard let pairs = reader.mapping(node, "a rule", allowed: ["name", "metric", "where", "period", "for_each"] + ScenarioBuilder.boundKeys)
        else { return nil }
        let map = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let metricNode = map["metric"] else {
            reader.log.error(node.location, "a rule needs a metric")
            return nil
        }
        guard let metric = readMetric(metricNode, "rule metric") else { return nil }
        let name = map["name"].flatMap { reader.text($0, "rule name") }
        let forEach = map["for_each"].flatMap { reader.text($0, "for_each") }
        let period = map["period"].flatMap { readPeriodReference($0, "rule period") }
        let bounds = readBounds(ScenarioBuilder.boundKeys.compactMap { key in map[key].map { (key, $0) } }, metric: metric,
                                groupAttributesAllowed: forEach == "region" || forEach == "category") { "rule \($0)" }
        if bounds.isEmpty { reader.log.error(node.location, "a rule needs min, max, min_share or max_share") }
        if metric == .fundsPerHousehold && (bounds.min != nil || bounds.minShare != nil || bounds.maxShare != nil) {
            reader.log.error(node.location, "funds_per_household is a ratio: only max is allowed")
        }
        let filter = map["where"].map { readFilter($0, "where") } ?? .all
        return Rule(name: name, metric: metric, filter: filter, bounds: bounds, forEach: forEach, period: period,
                    location: node.location)
    }

    mutating func readTerm(_ node: DocumentNode) -> ObjectiveTerm? {
        guard let pairs = reader.mapping(node, "an objective term", allowed: ["maximize", "minimize", "where", "period", "within"])
        else { return nil }
        let map = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let senses = [Sense.maximize, .minimize].filter { map[$0.rawValue] != nil }
        guard senses.count == 1, let sense = senses.first else {
            reader.log.error(node.location, "an objective term needs exactly one of maximize or minimize")
            return nil
        }
        guard let metric = readMetric(map[sense.rawValue]!, "objective metric") else { return nil }
        if metric == .fundsPerHousehold {
            reader.log.error(node.location, "funds_per_household is a ratio and cannot be optimised; bound it with a rule")
            return nil
        }
        let period = map["period"].flatMap { readPeriodReference($0, "objective period") }
        let within = map["within"].flatMap { reader.nonNegative($0, "within") } ?? .zero
        let filter = map["where"].map { readFilter($0, "where") } ?? .all
        return ObjectiveTerm(sense: sense, metric: metric, filter: filter, within: within, period: period,
                             location: node.location)
    }
}
