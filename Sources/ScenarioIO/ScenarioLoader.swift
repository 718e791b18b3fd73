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
                               "objective", "solver"]
    static let notYetSupported: Set<String> = ["extends", "periods", "sources", "villages"]

    /// Loads and validates the scenario at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        var log = DiagnosticLog()
        guard let text = TextFile.read(path: path, displayPath: path, log: &log, referencedAt: nil) else {
            throw ScenarioError(log.errors)
        }
        return try load(text: text, file: path, directory: (path as NSString).deletingLastPathComponent)
    }

    /// Loads a scenario from text; relative CSV paths resolve against `directory`.
    public static func load(text: String, file: String, directory: String) throws(ScenarioError) -> Scenario {
        let root: DocumentNode
        switch DocumentParser.parse(text, file: file) {
        case .failure(let error): throw error
        case .success(nil):
            throw ScenarioError([Diagnostic(.error, SourceLocation(file: file, line: 0), "the scenario file is empty")])
        case .success(let node?): root = node
        }
        var builder = Builder(file: file, directory: directory)
        let scenario = builder.build(root)
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

/// Builds a `Scenario` from the document tree, block by block.
private struct Builder {
    let file: String
    let directory: String
    var reader = DocumentReader()

    init(file: String, directory: String) {
        self.file = file
        self.directory = directory
    }

    mutating func build(_ root: DocumentNode) -> Scenario? {
        guard let pairs = reader.mapping(root, "the scenario", allowed: ScenarioLoader.topLevelKeys) else { return nil }
        let top = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        for key in ScenarioLoader.topLevelKeys where top[key] != nil && ScenarioLoader.notYetSupported.contains(key) {
            reader.log.error(top[key]!.location,
                             "'\(key)' is not supported by this version of fundalloc yet (it arrives with periods, sources and villages)")
        }
        if let format = top["format"] {
            if reader.text(format, "format") != "1" { reader.log.error(format.location, "format must be 1") }
        } else {
            reader.log.error(SourceLocation(file: file, line: 1), "the scenario needs 'format: 1'")
        }
        var scenario = Scenario(file: file)
        scenario.name = top["name"].flatMap { reader.text($0, "name") }
        if let units = top["units"], let pairs = reader.mapping(units, "units", allowed: ["persons_per_household"]) {
            for (_, value) in pairs {
                scenario.personsPerHousehold = reader.nonNegative(value, "units.persons_per_household")
            }
        }
        if let budget = top["budget"] { scenario.budget = readBudget(budget) }
        scenario.regions = top["regions"].map { readGroups($0, "regions", &scenario.rules) } ?? []
        scenario.categories = top["categories"].map { readGroups($0, "categories", &scenario.rules) } ?? []
        let shorthandRules = scenario.rules
        scenario.rules = []
        if let fiveGood = top["five_good"] { scenario.fiveGood = readFiveGood(fiveGood) }
        scenario.projects = readProjects(top["projects"], columns: top["columns"], at: root.location)
        if let rules = top["rules"], let items = reader.sequence(rules, "rules") {
            scenario.rules = items.compactMap { readRule($0) }
        }
        scenario.rules += shorthandRules
        if let objective = top["objective"], let items = reader.sequence(objective, "objective") {
            if items.isEmpty { reader.log.error(objective.location, "objective needs at least one term") }
            scenario.objective = items.compactMap { readTerm($0) }
        } else {
            scenario.objective = Scenario.defaultObjective(hasFiveGood: scenario.fiveGood != nil)
        }
        if let solver = top["solver"], let pairs = reader.mapping(solver, "solver", allowed: ["time_limit", "mip_gap"]) {
            for (key, value) in pairs {
                if key == "time_limit" { scenario.solver.timeLimit = reader.duration(value, "solver.time_limit") }
                if key == "mip_gap", let gap = reader.nonNegative(value, "solver.mip_gap") { scenario.solver.mipGap = gap.doubleValue }
            }
        }
        return scenario
    }

    mutating func readBudget(_ node: DocumentNode) -> Budget {
        var budget = Budget()
        guard let pairs = reader.mapping(node, "budget", allowed: ["total", "unit", "min_use", "by_period", "carry_over"]) else {
            return budget
        }
        for (key, value) in pairs {
            switch key {
            case "total": budget.total = reader.money(value, "budget.total")
            case "unit":
                if let unit = reader.money(value, "budget.unit") {
                    if unit < 1 { reader.log.error(value.location, "budget.unit must be at least 1 yuan") } else { budget.unit = unit }
                }
            case "min_use": budget.minUse = reader.share(value, "budget.min_use")
            default:
                reader.log.error(value.location, "budget.\(key) needs `periods`, which this version of fundalloc does not support yet")
            }
        }
        if budget.minUse != nil && budget.total == nil {
            reader.log.error(node.location, "budget.min_use needs budget.total (min_use is a share of the total)")
        }
        return budget
    }

    /// A region or category table. Keys naming a metric with a map value are bounds (shorthand
    /// for a rule); every other key is an attribute.
    mutating func readGroups(_ node: DocumentNode, _ table: String, _ rules: inout [Rule]) -> [Group] {
        guard let items = reader.sequence(node, table) else { return [] }
        let field = table == "regions" ? "region" : "category"
        var groups: [Group] = []
        for item in items {
            guard let pairs = reader.mapping(item, "a row of \(table)", allowed: nil) else { continue }
            guard let idNode = pairs.first(where: { $0.key == "id" })?.value,
                  let id = reader.text(idNode, "\(field) id")?.normalizedForComparison, !id.isEmpty else {
                reader.log.error(item.location, "every row of \(table) needs an id")
                continue
            }
            if groups.contains(where: { $0.id == id }) {
                reader.log.error(item.location, "duplicate \(field) id '\(id)'")
            }
            var group = Group(id: id, location: item.location)
            if let nameNode = pairs.first(where: { $0.key == "name" })?.value { group.name = reader.text(nameNode, "\(table) '\(id)' name") }
            for (key, value) in pairs where key != "id" {
                if let metric = Metric(name: key), value.mapping != nil {
                    if let bounds = readBounds(value, "\(table) '\(id)' \(key)", metric: metric, groupAttributesAllowed: false) {
                        let filter = Filter([Condition(field: .project(field), anyOf: [Comparison(.equal, FieldValue(id))])])
                        rules.append(Rule(name: "\(group.name ?? id) \(key)", metric: metric, filter: filter, bounds: bounds,
                                          location: value.location))
                    }
                    continue
                }
                guard let text = reader.text(value, "\(table) '\(id)' \(key)") else { continue }
                group.attributes[key] = FieldValue(text)
            }
            groups.append(group)
        }
        return groups
    }

    mutating func readBounds(_ node: DocumentNode, _ what: String, metric: Metric,
                             groupAttributesAllowed: Bool) -> Bounds<BoundValue>? {
        guard let pairs = reader.mapping(node, what, allowed: ["min", "max", "min_share", "max_share"]) else { return nil }
        var bounds = Bounds<BoundValue>()
        for (key, value) in pairs {
            let bound = readBound(value, "\(what).\(key)", metric: metric, share: key.hasSuffix("share"),
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

    mutating func readBound(_ node: DocumentNode, _ what: String, metric: Metric, share: Bool,
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

    mutating func readFiveGood(_ node: DocumentNode) -> FiveGood? {
        guard let pairs = reader.mapping(node, "five_good", allowed: ["weights", "min_each", "min_weighted", "portfolio_min"])
        else { return nil }
        var fiveGood = FiveGood(location: node.location)
        func criteriaMap(_ value: DocumentNode, _ what: String) -> [Criterion: Rational] {
            guard let pairs = reader.mapping(value, what, allowed: Criterion.allCases.map(\.rawValue)) else { return [:] }
            var result: [Criterion: Rational] = [:]
            for (key, v) in pairs { result[Criterion(rawValue: key)!] = reader.number(v, "\(what).\(key)") }
            return result
        }
        for (key, value) in pairs {
            switch key {
            case "weights":
                let weights = criteriaMap(value, "five_good.weights")
                if weights.values.contains(where: \.isNegative) {
                    reader.log.error(value.location, "five_good.weights must not be negative")
                }
                let total = weights.values.sum()
                if total.isZero || total.isNegative {
                    reader.log.error(value.location, "five_good.weights must have a positive sum")
                } else {
                    fiveGood.weights = Dictionary(uniqueKeysWithValues: Criterion.allCases.map { ($0, (weights[$0] ?? .zero) / total) })
                }
            case "min_each":
                if value.mapping != nil {
                    fiveGood.minEach = criteriaMap(value, "five_good.min_each")
                } else if let v = reader.number(value, "five_good.min_each") {
                    fiveGood.minEach = Dictionary(uniqueKeysWithValues: Criterion.allCases.map { ($0, v) })
                }
            case "min_weighted": fiveGood.minWeighted = reader.number(value, "five_good.min_weighted")
            default: fiveGood.portfolioMin = criteriaMap(value, "five_good.portfolio_min")
            }
        }
        return fiveGood
    }

    mutating func readProjects(_ node: DocumentNode?, columns: DocumentNode?, at location: SourceLocation) -> [Project] {
        guard let node else {
            reader.log.error(SourceLocation(file: file, line: 1), "the scenario needs 'projects' (a CSV path or a list)")
            return []
        }
        var records: [ProjectRecord] = []
        if let path = node.scalar {
            var mapping: [(String, String, SourceLocation)] = []
            if let columns, let pairs = reader.mapping(columns, "columns", allowed: nil) {
                for (field, value) in pairs {
                    if let header = reader.text(value, "columns.\(field)") { mapping.append((field, header.trimmingSpaces(), value.location)) }
                }
            }
            let full = path.hasPrefix("/") ? path : (directory.isEmpty ? path : "\(directory)/\(path)")
            records = ProjectRecords.csv(path: full, displayPath: full, columns: mapping, &reader.log, referencedAt: node.location)
        } else if let items = reader.sequence(node, "projects") {
            if let columns { reader.log.warning(columns.location, "columns is ignored: the projects are listed inline") }
            records = ProjectRecords.inline(items, &reader)
        }
        return records.compactMap { ProjectParser.project($0, &reader.log) }
    }

    mutating func readFilter(_ node: DocumentNode, _ what: String) -> Filter {
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

    mutating func readMetric(_ node: DocumentNode, _ what: String) -> Metric? {
        guard let name = reader.text(node, what) else {
            reader.log.error(node.location, "\(what) needs a metric")
            return nil
        }
        guard let metric = Metric(name: name) else {
            let hint = KeySuggestion.nearest(to: name, in: Metric.names).map { " (did you mean '\($0)'?)" } ?? ""
            reader.log.error(node.location, "unknown metric '\(name)'\(hint); metrics: \(Metric.names.joined(separator: ", "))")
            return nil
        }
        return metric
    }

    mutating func readRule(_ node: DocumentNode) -> Rule? {
        guard let pairs = reader.mapping(node, "a rule", allowed: ["name", "metric", "where", "period", "for_each",
                                                                    "min", "max", "min_share", "max_share"]) else { return nil }
        let map = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let metricNode = map["metric"] else {
            reader.log.error(node.location, "a rule needs a metric")
            return nil
        }
        guard let metric = readMetric(metricNode, "rule metric") else { return nil }
        let name = map["name"].flatMap { reader.text($0, "rule name") }
        let forEach = map["for_each"].flatMap { reader.text($0, "for_each") }
        if let period = map["period"] {
            reader.log.error(period.location, "rule period needs `periods`, which this version of fundalloc does not support yet")
        }
        var bounds = Bounds<BoundValue>()
        for key in ["min", "max", "min_share", "max_share"] {
            guard let value = map[key] else { continue }
            let bound = readBound(value, "rule \(key)", metric: metric, share: key.hasSuffix("share"),
                                  groupAttributesAllowed: forEach == "region" || forEach == "category")
            switch key {
            case "min": bounds.min = bound
            case "max": bounds.max = bound
            case "min_share": bounds.minShare = bound
            default: bounds.maxShare = bound
            }
        }
        if bounds.isEmpty { reader.log.error(node.location, "a rule needs min, max, min_share or max_share") }
        if metric == .fundsPerHousehold && (bounds.min != nil || bounds.minShare != nil || bounds.maxShare != nil) {
            reader.log.error(node.location, "funds_per_household is a ratio: only max is allowed")
        }
        let filter = map["where"].map { readFilter($0, "where") } ?? .all
        return Rule(name: name, metric: metric, filter: filter, bounds: bounds, forEach: forEach, location: node.location)
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
        if let period = map["period"] {
            reader.log.error(period.location, "objective period needs `periods`, which this version of fundalloc does not support yet")
        }
        let within = map["within"].flatMap { reader.nonNegative($0, "within") } ?? .zero
        let filter = map["where"].map { readFilter($0, "where") } ?? .all
        return ObjectiveTerm(sense: sense, metric: metric, filter: filter, within: within, location: node.location)
    }
}
