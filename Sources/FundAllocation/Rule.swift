/// A bound as written: a number, or the name of a group attribute (`region.households_target`).
public enum BoundValue: Hashable, Sendable, CustomStringConvertible {
    case value(Rational)
    /// An attribute of the `for_each` group, e.g. `households_target` for `region.households_target`.
    case groupAttribute(String)

    public var description: String {
        switch self {
        case .value(let v): return v.decimalString()
        case .groupAttribute(let a): return "<group>.\(a)"
        }
    }
}

/// The four bounds a rule may carry.
public struct Bounds<Value: Hashable & Sendable>: Hashable, Sendable {
    public var min: Value?
    public var max: Value?
    /// Share of the same metric over all funded projects.
    public var minShare: Value?
    public var maxShare: Value?

    public init(min: Value? = nil, max: Value? = nil, minShare: Value? = nil, maxShare: Value? = nil) {
        self.min = min
        self.max = max
        self.minShare = minShare
        self.maxShare = maxShare
    }

    /// True when no bound is set.
    public var isEmpty: Bool { min == nil && max == nil && minShare == nil && maxShare == nil }
}

/// A rule: bounds on one metric over the projects a filter matches, optionally per group.
public struct Rule: Sendable, Hashable {
    /// The planner's name for it, or nil.
    public var name: String?
    public var metric: Metric
    public var filter: Filter
    public var bounds: Bounds<BoundValue>
    /// `region`, `category` or any project field: the rule is repeated per group.
    public var forEach: String?
    /// Restrict the metric to one period (money paid in it; projects and households funded in it).
    public var period: String?
    public var location: SourceLocation?

    public init(name: String? = nil, metric: Metric, filter: Filter = .all, bounds: Bounds<BoundValue>,
                forEach: String? = nil, period: String? = nil, location: SourceLocation? = nil) {
        self.period = period
        self.name = name
        self.metric = metric
        self.filter = filter
        self.bounds = bounds
        self.forEach = forEach
        self.location = location
    }
}

/// A rule for one group, with numeric bounds: what the model and the re-check use.
public struct ConcreteRule: Sendable, Hashable {
    /// A readable label: the rule's name (or metric and filter) and the group.
    public var label: String
    public var metric: Metric
    public var filter: Filter
    public var bounds: Bounds<Rational>
    /// The group value for `for_each` rules.
    public var group: String?
    /// The period the metric is restricted to, if any (shares are then of the same metric in it).
    public var period: String?
    /// Index of the rule in `Scenario.rules`.
    public var ruleIndex: Int
    public var location: SourceLocation?
}

extension Scenario {
    /// The groups a `for_each` rule repeats over, each with the filter condition selecting it
    /// and its attributes (nil for groups of a plain project field).
    public func groups(forEach field: String) -> [(id: String, condition: Condition, attributes: [String: FieldValue]?)] {
        func condition(_ id: String) -> Condition {
            Condition(field: .project(field), anyOf: [Comparison(.equal, FieldValue(id))])
        }
        switch field {
        case "region": return regionsOrSeen(regions, \.region).map { ($0.id, condition($0.id), $0.attributes) }
        case "category": return regionsOrSeen(categories, \.category).map { ($0.id, condition($0.id), $0.attributes) }
        default:
            var seen: [String] = []
            for p in projects {
                if let v = p.fields[field], !v.isEmpty, !seen.contains(v.text) { seen.append(v.text) }
            }
            return seen.map { ($0, condition($0), nil) }
        }
    }

    private func regionsOrSeen(_ table: [Group], _ key: KeyPath<Project, String?>) -> [Group] {
        if !table.isEmpty { return table }
        var seen: [String] = []
        for p in projects { if let v = p[keyPath: key], !seen.contains(v) { seen.append(v) } }
        return seen.map { Group(id: $0, location: SourceLocation(file: file, line: 0)) }
    }

    /// Every rule expanded per group with numeric bounds, plus notes for groups that lack a
    /// bound attribute (such a group gets no bound of that kind).
    public func concreteRules() -> (rules: [ConcreteRule], warnings: [Diagnostic]) {
        var result: [ConcreteRule] = []
        var warnings: [Diagnostic] = []
        for (index, rule) in rules.enumerated() {
            let base = rule.name ?? describe(rule)
            guard let field = rule.forEach else {
                let bounds = resolve(rule.bounds) { _ in nil }
                result.append(ConcreteRule(label: base, metric: rule.metric, filter: rule.filter, bounds: bounds,
                                           group: nil, period: rule.period, ruleIndex: index, location: rule.location))
                continue
            }
            for group in groups(forEach: field) {
                var missing: [String] = []
                let bounds = resolve(rule.bounds) { attr in
                    if let value = group.attributes?[attr]?.number { return value }
                    missing.append(attr)
                    return nil
                }
                let word: Message = field == "region" ? "region" : field == "category" ? "category" : .verbatim(field)
                for attr in missing {
                    warnings.append(Diagnostic(.note, rule.location,
                        "\(word) '\(group.id)' has no '\(attr)': rule '\(base)' sets no bound from it for that \(word)"))
                }
                result.append(ConcreteRule(label: "\(base) [\(group.id)]", metric: rule.metric,
                                           filter: rule.filter.adding(group.condition), bounds: bounds,
                                           group: group.id, period: rule.period, ruleIndex: index, location: rule.location))
            }
        }
        for (i, bounds) in ruleBoundOverrides where result.indices.contains(i) { result[i].bounds = bounds }
        return (result, warnings)
    }

    private func resolve(_ bounds: Bounds<BoundValue>, _ attribute: (String) -> Rational?) -> Bounds<Rational> {
        func value(_ b: BoundValue?) -> Rational? {
            switch b {
            case .none: return nil
            case .value(let v)?: return v
            case .groupAttribute(let a)?: return attribute(a)
            }
        }
        return Bounds(min: value(bounds.min), max: value(bounds.max),
                      minShare: value(bounds.minShare), maxShare: value(bounds.maxShare))
    }

    /// `metric` with its filter, as a label for an unnamed rule.
    public func describe(_ rule: Rule) -> String {
        var text = rule.filter.conditions.isEmpty ? rule.metric.description : "\(rule.metric) where \(rule.filter)"
        if let period = rule.period { text += " in \(period)" }
        return text
    }
}
