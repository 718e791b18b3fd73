import FundAllocation

/// Turns a `Record` into a `Project`, checking each standard field (MODEL.md §4).
enum ProjectParser {
    /// What a project's fields are read against.
    struct Context {
        /// Period labels (`periods`); empty without periods.
        var periods: [String] = []
        /// True when the scenario has a village table (then `villages` holds village ids).
        var hasVillages = false
    }

    static func project(_ record: Record, _ context: Context, _ log: inout DiagnosticLog) -> Project? {
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
        let what: Message = "project '\(id)'"
        func number(_ field: String) -> Rational? {
            guard let (text, location) = raw[field] else { return nil }
            switch NumberSyntax.number(text) {
            case .success(let v): return v
            case .failure(let f):
                log.error(location, "\(what): \(field): \(f.message)")
                return nil
            }
        }
        var profile: [String: Int64] = [:]
        for key in raw.keys.sorted() where key.hasPrefix("cost.") {
            let (text, location) = raw[key]!
            let label = String(key.dropFirst(5))
            if context.periods.isEmpty {
                log.error(location, "\(what): '\(key)' is a disbursement profile, which needs `periods` in the scenario")
            } else if !context.periods.contains(label) {
                log.error(location, "\(what): '\(key)' names period '\(label)', which is not in periods (\(context.periods.joined(separator: ", ")))")
            } else {
                switch NumberSyntax.money(text) {
                case .success(let v): profile[label] = v
                case .failure(let f): log.error(location, "\(what): \(key): \(f.message)")
                }
            }
        }
        var cost: Int64 = 0
        if let (text, location) = raw["cost"] {
            switch NumberSyntax.money(text) {
            case .success(let v):
                cost = v
                let sum = profile.values.reduce(0, +)
                if !profile.isEmpty && sum != v {
                    log.error(location, "\(what): cost \(v) is not the sum of its cost.<period> profile (\(sum))")
                }
            case .failure(let f): log.error(location, "\(what): cost: \(f.message)")
            }
        } else if !profile.isEmpty {
            // MODEL.md §4: cost is then the profile's sum, and filters, `sum.cost` and reports
            // all see that value.
            cost = profile.values.reduce(0, +)
            fields["cost"] = FieldValue(String(cost))
        } else if !raw.keys.contains(where: { $0.hasPrefix("cost.") }) {
            log.error(record.location, "\(what) has no cost")
        }
        var timing: [String: String] = [:]
        for key in ["start", "end"] {
            guard let (text, location) = raw[key] else { continue }
            let label = text.normalizedForComparison
            if context.periods.isEmpty {
                log.error(location, "\(what): '\(key)' is timing, which needs `periods` in the scenario")
            } else if !context.periods.contains(label) {
                log.error(location, "\(what): \(key) '\(label)' is not in periods (\(context.periods.joined(separator: ", ")))")
            } else if !profile.isEmpty {
                log.error(location, "\(what): a cost.<period> profile fixes when it is paid; it cannot also have \(key)")
            } else {
                timing[key] = label
            }
        }
        if let start = timing["start"], let end = timing["end"],
           context.periods.firstIndex(of: start)! > context.periods.firstIndex(of: end)! {
            log.error(raw["start"]!.location, "\(what): start \(start) is after end \(end)")
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
        let intervals = readIntervals(raw, what: what, nominal: { field in
            field == "households" ? households : Criterion.allCases.first { $0.field == field }.flatMap { scores[$0] }
        }, &log)
        let villageIDs = context.hasVillages ? (raw["villages"] != nil ? ids("villages") : nil) : nil
        return Project(id: id, name: raw["name"]?.value, region: raw["region"]?.value.normalizedForComparison,
                       category: raw["category"]?.value.normalizedForComparison, cost: cost, minShare: minShare,
                       households: households, value: value, scores: scores, requires: ids("requires"),
                       excludes: ids("excludes"), pin: pin, profile: profile, start: timing["start"], end: timing["end"],
                       villageIDs: villageIDs, fields: fields, location: record.location).with(intervals: intervals)
    }

    /// The project's own intervals (MODEL.md §9): `<field>_low` / `<field>_high` for an
    /// uncertain field (`Scenario.uncertainFields`); a side not given is the value as written.
    /// Errors: a bound that is no number, a field that is not uncertain (or that the project
    /// does not have), low above high, a negative households bound, a score outside [1, 5].
    static func readIntervals(_ raw: [String: (value: String, location: SourceLocation)], what: Message,
                              nominal: (String) -> Rational?, _ log: inout DiagnosticLog) -> [String: Interval] {
        var sides: [String: (low: Rational?, high: Rational?, location: SourceLocation)] = [:]
        for key in raw.keys.sorted() {
            let side = key.hasSuffix("_low") ? "low" : key.hasSuffix("_high") ? "high" : nil
            guard let side else { continue }
            let (text, location) = raw[key]!
            let field = String(key.dropLast(side == "low" ? 4 : 5))
            guard Scenario.uncertainFields.contains(field) else {
                log.error(location, "\(what): '\(key)' names no uncertain field (\(Scenario.uncertainFields.joined(separator: ", ")))")
                continue
            }
            guard case .success(let v) = NumberSyntax.number(text) else {
                log.error(location, "\(what): \(key): '\(text)' is not a number")
                continue
            }
            var entry = sides[field] ?? (nil, nil, location)
            if side == "low" { entry.low = v } else { entry.high = v }
            sides[field] = entry
        }
        var intervals: [String: Interval] = [:]
        for (field, entry) in sides.sorted(by: { $0.key < $1.key }) {
            guard let value = nominal(field) else {
                log.error(entry.location, "\(what): an interval for \(field), which the project does not have")
                continue
            }
            let interval = Interval(low: entry.low ?? value, high: entry.high ?? value)
            if interval.low > interval.high {
                log.error(entry.location, "\(what): \(field)_low \(interval.low.decimalString()) is above \(field)_high \(interval.high.decimalString())")
            } else if field == "households" && interval.low.isNegative {
                log.error(entry.location, "\(what): households_low must not be negative, found \(interval.low.decimalString())")
            } else if field != "households" && (interval.low < .one || interval.high > Rational(5)) {
                log.error(entry.location, "\(what): \(field) interval must lie within 1 to 5")
            } else {
                intervals[field] = interval
            }
        }
        return intervals
    }
}

extension Project {
    /// The project with `intervals` set.
    func with(intervals: [String: Interval]) -> Project {
        var p = self
        p.intervals = intervals
        return p
    }
}
