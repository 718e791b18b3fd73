import FundAllocation

/// Turns a `ProjectRecord` into a `Project`, checking each standard field (MODEL.md §4).
enum ProjectParser {
    /// Fields with a fixed meaning; anything else is an attribute for filters.
    static let standardFields = Set([
        "id", "name", "region", "category", "cost", "min_share", "households", "value",
        "requires", "excludes", "pin", "start", "end", "villages",
    ] + Criterion.allCases.map(\.field))

    static func project(_ record: ProjectRecord, _ log: inout DiagnosticLog) -> Project? {
        var raw: [String: (value: String, location: SourceLocation)] = [:]
        var fields: [String: FieldValue] = [:]
        for (name, value, location) in record.fields {
            let trimmed = value.trimmingSpaces()
            if trimmed.isEmpty { continue }          // empty cells mean absent
            raw[name] = (trimmed, location)
            fields[name] = FieldValue(trimmed)
        }
        guard let id = raw["id"]?.value.normalizedForComparison, !id.isEmpty else {
            log.error(record.location, "a project needs an id")
            return nil
        }
        let what = "project '\(id)'"
        func number(_ field: String) -> Rational? {
            guard let (text, location) = raw[field] else { return nil }
            switch NumberSyntax.number(text) {
            case .success(let v): return v
            case .failure(let f):
                log.error(location, "\(what): \(field): \(f.message)")
                return nil
            }
        }
        var cost: Int64 = 0
        if let (text, location) = raw["cost"] {
            switch NumberSyntax.money(text) {
            case .success(let v): cost = v
            case .failure(let f): log.error(location, "\(what): cost: \(f.message)")
            }
        } else if raw.keys.contains(where: { $0.hasPrefix("cost.") }) {
            // cost.<period> without cost: the profile defines it (checked with periods).
        } else {
            log.error(record.location, "\(what) has no cost")
        }
        for key in raw.keys.sorted() where key.hasPrefix("cost.") {
            log.error(raw[key]!.location, "\(what): '\(key)' is a disbursement profile, which needs `periods` in the scenario")
        }
        for key in ["start", "end"] where raw[key] != nil {
            log.error(raw[key]!.location, "\(what): '\(key)' is timing, which needs `periods` in the scenario")
        }
        var minShare = Rational.one
        if let v = number("min_share") {
            if v.isZero || v.isNegative || v > .one {
                log.error(raw["min_share"]!.location, "\(what): min_share must be above 0 and at most 1, found \(v.decimalString())")
            } else {
                minShare = v
            }
        }
        var households = Rational.zero
        if let v = number("households") {
            if v.isNegative { log.error(raw["households"]!.location, "\(what): households must not be negative") } else { households = v }
        }
        let value = number("value") ?? .zero
        var scores: [Criterion: Rational] = [:]
        for criterion in Criterion.allCases {
            guard let v = number(criterion.field) else { continue }
            if v < Rational(1) || v > Rational(5) {
                log.error(raw[criterion.field]!.location, "\(what): \(criterion.field) must be between 1 and 5, found \(v.decimalString())")
            } else {
                scores[criterion] = v
            }
        }
        var pin: Pin?
        if let (text, location) = raw["pin"] {
            switch text.lowercased() {
            case "in": pin = .in
            case "out": pin = .out
            default: log.error(location, "\(what): pin must be 'in' or 'out', found '\(text)'")
            }
        }
        func ids(_ field: String) -> [String] {
            guard let text = raw[field]?.value else { return [] }
            return text.split(whereSeparator: { $0 == ";" || $0 == "；" })
                .map { String($0).normalizedForComparison }.filter { !$0.isEmpty }
        }
        fields["id"] = FieldValue(id)
        return Project(id: id, name: raw["name"]?.value, region: raw["region"]?.value.normalizedForComparison,
                       category: raw["category"]?.value.normalizedForComparison, cost: cost, minShare: minShare,
                       households: households, value: value, scores: scores, requires: ids("requires"),
                       excludes: ids("excludes"), pin: pin, fields: fields, location: record.location)
    }
}
