/// A field a filter reads.
public enum FieldPath: Hashable, Sendable, CustomStringConvertible {
    /// A project field or attribute (`category`, `is_industry`, `households`).
    case project(String)
    /// An attribute of the project's region (`region.national_poverty`).
    case region(String)
    /// An attribute of the project's category (`category.kind`).
    case category(String)
    /// A column of the village table (`village.deep`): households metrics with villages only.
    case village(String)

    /// Parses `name`, `region.<attr>` or `category.<attr>`.
    public init(_ text: String) {
        if text.hasPrefix("region."), text.count > 7 { self = .region(String(text.dropFirst(7))) }
        else if text.hasPrefix("category."), text.count > 9 { self = .category(String(text.dropFirst(9))) }
        else if text.hasPrefix("village."), text.count > 8 { self = .village(String(text.dropFirst(8))) }
        else { self = .project(text) }
    }

    public var description: String {
        switch self {
        case .project(let f): return f
        case .region(let a): return "region.\(a)"
        case .category(let a): return "category.\(a)"
        case .village(let a): return "village.\(a)"
        }
    }

    /// True for conditions that, in a households metric with villages, read the village:
    /// `region`, `region.<attr>` and `village.<attr>`.
    public var readsVillage: Bool {
        switch self {
        case .project(let f): return f == "region"
        case .region, .village: return true
        case .category: return false
        }
    }
}

/// A comparison operator of a filter condition.
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// True for `<`, `<=`, `>`, `>=`.
    public var isOrdering: Bool { self != .equal && self != .notEqual }
}

/// One comparison: the field's value `op` the operand.
public struct Comparison: Hashable, Sendable {
    public var op: ComparisonOperator
    public var operand: FieldValue

    public init(_ op: ComparisonOperator, _ operand: FieldValue) {
        self.op = op
        self.operand = operand
    }

    /// Parses `">= 3"`, `"!= x"` or a plain value (equality).
    public init(parsing text: String) {
        let t = text.trimmingSpaces()
        for op in [ComparisonOperator.greaterOrEqual, .lessOrEqual, .notEqual, .greater, .less, .equal]
        where t.hasPrefix(op.rawValue) {
            let rest = String(t.dropFirst(op.rawValue.count))
            // "=" alone is only an operator when followed by something ("=x").
            if op == .equal && rest.isEmpty { break }
            self.init(op, FieldValue(rest))
            return
        }
        self.init(.equal, FieldValue(t))
    }

    /// Tolerance for numeric equality.
    public static let tolerance = 1e-9

    /// Whether a field value satisfies this comparison. A missing (nil or empty) value fails
    /// every comparison except `!=`. Numbers compare as numbers when both sides are numbers,
    /// then booleans when both sides are booleans, else text (ordering on text never holds;
    /// the validator refuses it before a solve).
    public func holds(for value: FieldValue?) -> Bool {
        guard let value, !value.isEmpty else { return op == .notEqual }
        if let a = value.number, let b = operand.number {
            let d = (a - b).doubleValue
            let equal = abs(d) <= Comparison.tolerance * max(1, abs(b.doubleValue))
            switch op {
            case .equal: return equal
            case .notEqual: return !equal
            case .less: return !equal && d < 0
            case .lessOrEqual: return equal || d < 0
            case .greater: return !equal && d > 0
            case .greaterOrEqual: return equal || d > 0
            }
        }
        if let a = value.boolean, let b = operand.boolean {
            switch op {
            case .equal: return a == b
            case .notEqual: return a != b
            default: return false
            }
        }
        switch op {
        case .equal: return value.text == operand.text
        case .notEqual: return value.text != operand.text
        default: return false
        }
    }
}

/// A filter condition: the field must satisfy any one of the comparisons.
public struct Condition: Hashable, Sendable {
    public var field: FieldPath
    public var anyOf: [Comparison]

    public init(field: FieldPath, anyOf: [Comparison]) {
        self.field = field
        self.anyOf = anyOf
    }
}

/// A `where` map: every condition must hold. The empty filter matches every project.
public struct Filter: Hashable, Sendable {
    public var conditions: [Condition]

    public init(_ conditions: [Condition] = []) { self.conditions = conditions }

    /// Matches every project.
    public static let all = Filter()

    /// This filter with one more condition.
    public func adding(_ condition: Condition) -> Filter { Filter(conditions + [condition]) }
}

extension Scenario {
    /// The value of `field` for `project` (nil when missing).
    public func value(of field: FieldPath, for project: Project) -> FieldValue? {
        switch field {
        case .project(let name): return project.fields[name]
        case .region(let attr):
            guard let region = region(project.region) else { return nil }
            return attr == "id" ? FieldValue(region.id) : region.attributes[attr]
        case .category(let attr):
            guard let category = category(project.category) else { return nil }
            return attr == "id" ? FieldValue(category.id) : category.attributes[attr]
        case .village:
            return nil
        }
    }

    /// The value of a village-reading `field` for `village` (its region, its region's attribute,
    /// or its own column).
    public func value(of field: FieldPath, for village: Village) -> FieldValue? {
        switch field {
        case .project(let name): return name == "region" ? village.regionValue : village.attributes[name]
        case .region(let attr):
            guard let region = region(village.region) else { return nil }
            return attr == "id" ? FieldValue(region.id) : region.attributes[attr]
        case .village(let attr):
            if attr == "id" { return FieldValue(village.id) }
            if attr == "region" { return village.regionValue }
            return village.attributes[attr]
        case .category: return nil
        }
    }

    /// True when `village` passes every village-reading condition of `filter`.
    public func matches(_ village: Village, _ filter: Filter) -> Bool {
        filter.conditions.allSatisfy { condition in
            guard condition.field.readsVillage else { return true }
            let value = self.value(of: condition.field, for: village)
            return condition.anyOf.contains { $0.holds(for: value) }
        }
    }

    /// The conditions of `filter` that read the project (for households with villages).
    public func projectPart(_ filter: Filter) -> Filter {
        Filter(filter.conditions.filter { !$0.field.readsVillage })
    }

    /// True when `project` passes every condition of `filter`.
    public func matches(_ project: Project, _ filter: Filter) -> Bool {
        filter.conditions.allSatisfy { condition in
            let value = self.value(of: condition.field, for: project)
            return condition.anyOf.contains { $0.holds(for: value) }
        }
    }
}

extension Filter: CustomStringConvertible {
    /// `field=value|>=3, other=x`.
    public var description: String {
        conditions.map { c in
            "\(c.field)=" + c.anyOf.map { ($0.op == .equal ? "" : $0.op.rawValue) + $0.operand.text }.joined(separator: "|")
        }.joined(separator: ", ")
    }
}
