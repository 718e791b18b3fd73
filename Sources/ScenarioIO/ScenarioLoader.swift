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

    /// Loads and validates the scenario at `path` (with its `extends` chain), with `overrides`
    /// (`--set`) laid on it.
    public static func load(path: String, overrides: [Override] = []) throws(ScenarioError) -> Scenario {
        try build(resolvedDocument(path: path, overrides: overrides), file: path, cells: overrides.compactMap(\.cell))
    }

    /// Builds and validates a scenario from a resolved document (`resolvedDocument(path:)`), with
    /// `overrides` laid on it: a sweep reads the file once and builds each point from it.
    public static func load(document: DocumentNode, file: String, overrides: [Override] = []) throws(ScenarioError) -> Scenario {
        try build(Override.apply(overrides, to: document), file: file, cells: overrides.compactMap(\.cell))
    }

    /// Loads a scenario from text written as `file` (relative paths and `extends` resolve
    /// against the folder of `file`).
    public static func load(text: String, file: String) throws(ScenarioError) -> Scenario {
        try build(resolved(parse(text, file: file), file: file, chain: [canonical(file)]), file: file)
    }

    /// The scenario document at `path` with its `extends` chain merged in: maps merge key by
    /// key, lists and scalars replace, `null` deletes. Every value keeps the file it came from.
    /// Document-level `overrides` are laid on it too (`--set` on a table cell is not shown).
    public static func resolvedDocument(path: String, overrides: [Override] = []) throws(ScenarioError) -> DocumentNode {
        try Override.apply(overrides, to: resolved(read(path: path, referencedAt: nil), file: path, chain: [canonical(path)]))
    }

    private static func read(path: String, referencedAt: SourceLocation?) throws(ScenarioError) -> DocumentNode {
        var log = DiagnosticLog()
        guard let text = TextFile.read(path: path, displayPath: path, log: &log, referencedAt: referencedAt) else {
            throw ScenarioError(log.errors)
        }
        return try parse(text, file: path)
    }

    private static func parse(_ text: String, file: String) throws(ScenarioError) -> DocumentNode {
        switch DocumentParser.parse(text, file: file) {
        case .failure(let error): throw error
        case .success(nil):
            throw ScenarioError([Diagnostic(.error, SourceLocation(file: file, line: 0), "the scenario file is empty")])
        case .success(let node?): return node
        }
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func resolved(_ root: DocumentNode, file: String, chain: [String]) throws(ScenarioError) -> DocumentNode {
        guard let pairs = root.mapping, let parentNode = root["extends"], !parentNode.isNull else { return root }
        guard let relative = parentNode.scalar else {
            throw ScenarioError([Diagnostic(.error, parentNode.location, "extends must be a file path")])
        }
        let folder = (file as NSString).deletingLastPathComponent
        let parentPath = relative.hasPrefix("/") || folder.isEmpty ? relative : "\(folder)/\(relative)"
        let key = canonical(parentPath)
        if chain.contains(key) {
            let cycle = (chain + [key]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
            throw ScenarioError([Diagnostic(.error, parentNode.location, "extends makes a cycle: \(cycle)")])
        }
        let parent = try resolved(read(path: parentPath, referencedAt: parentNode.location), file: parentPath,
                                  chain: chain + [key])
        let child = DocumentNode(.mapping(pairs.filter { $0.key != "extends" }), root.location)
        return merge(parent, child)
    }

    /// `over` laid on `base`: maps merge recursively, anything else replaces, null deletes.
    static func merge(_ base: DocumentNode, _ over: DocumentNode) -> DocumentNode {
        guard let basePairs = base.mapping, let overPairs = over.mapping else { return over }
        var result: [(key: String, keyLocation: SourceLocation, value: DocumentNode)] = []
        for pair in basePairs {
            if let replacement = overPairs.first(where: { $0.key == pair.key }) {
                if replacement.value.isNull { continue }
                result.append((pair.key, replacement.keyLocation, merge(pair.value, replacement.value)))
            } else {
                result.append(pair)
            }
        }
        for pair in overPairs where !pair.value.isNull && !basePairs.contains(where: { $0.key == pair.key }) {
            result.append(pair)
        }
        return DocumentNode(.mapping(result), over.location)
    }

    private static func build(_ root: DocumentNode, file: String, cells: [CellOverride] = []) throws(ScenarioError) -> Scenario {
        var builder = Builder(file: file, cells: cells)
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
    var reader = DocumentReader()
    /// The scenario's periods, once read (rules and terms refer to them).
    var periods: [String] = []
    /// `--set projects.<id>.<field>` and `villages.<id>.<field>`.
    let cells: [CellOverride]

    init(file: String, cells: [CellOverride]) {
        self.file = file
        self.cells = cells
    }

    mutating func build(_ root: DocumentNode) -> Scenario? {
        guard let pairs = reader.mapping(root, "the scenario", allowed: ScenarioLoader.topLevelKeys) else { return nil }
        let top = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
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
        if let periods = top["periods"] { scenario.periods = readPeriods(periods) }
        periods = scenario.periods
        if let budget = top["budget"] { scenario.budget = readBudget(budget, periods: scenario.periods) }
        scenario.regions = top["regions"].map { readGroups($0, "regions", &scenario.rules) } ?? []
        scenario.categories = top["categories"].map { readGroups($0, "categories", &scenario.rules) } ?? []
        let shorthandRules = scenario.rules
        scenario.rules = []
        if let fiveGood = top["five_good"] { scenario.fiveGood = readFiveGood(fiveGood) }
        if let villages = top["villages"] { scenario.villages = readVillages(villages, regions: scenario.regions) }
        scenario.projects = readProjects(top["projects"], columns: top["columns"],
                                         context: ProjectParser.Context(periods: scenario.periods,
                                                                        hasVillages: top["villages"] != nil))
        if top["villages"] == nil {
            for cell in cells where cell.table == "villages" { reader.log.error(cell.location, "the scenario has no villages table") }
        }
        if let sources = top["sources"] { scenario.sources = readSources(sources, regions: scenario.regions) }
        if let minUse = top["budget"]?["min_use"], scenario.budget.minUse != nil, scenario.budget.total == nil,
           scenario.sources.isEmpty {
            reader.log.error(minUse.location, "budget.min_use needs budget.total or sources (min_use is a share of the total)")
        }
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

    mutating func readPeriods(_ node: DocumentNode) -> [String] {
        guard let items = reader.sequence(node, "periods") else { return [] }
        var labels: [String] = []
        for item in items {
            guard let label = reader.text(item, "a period")?.normalizedForComparison, !label.isEmpty else { continue }
            if labels.contains(label) { reader.log.error(item.location, "period '\(label)' is listed twice") }
            else { labels.append(label) }
        }
        if labels.isEmpty { reader.log.error(node.location, "periods needs at least one period") }
        return labels
    }

    mutating func readSources(_ node: DocumentNode, regions: [Group]) -> [Source] {
        guard let items = reader.sequence(node, "sources") else { return [] }
        var sources: [Source] = []
        for item in items {
            guard let pairs = reader.mapping(item, "a source", allowed: ["id", "name", "amount", "eligible"]) else { continue }
            let map = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            guard let id = map["id"].flatMap({ reader.text($0, "source id") })?.normalizedForComparison, !id.isEmpty else {
                reader.log.error(item.location, "a source needs an id")
                continue
            }
            if sources.contains(where: { $0.id == id }) { reader.log.error(item.location, "duplicate source id '\(id)'") }
            guard let amountNode = map["amount"], let amount = reader.money(amountNode, "source '\(id)' amount") else {
                if map["amount"] == nil { reader.log.error(item.location, "source '\(id)' needs an amount") }
                continue
            }
            let eligible = map["eligible"].map { readFilter($0, "source '\(id)' eligible") } ?? .all
            checkRegionsNamed(eligible, regions: regions, at: map["eligible"]?.location)
            sources.append(Source(id: id, name: map["name"].flatMap { reader.text($0, "source name") }, amount: amount,
                                  eligible: eligible, location: item.location))
        }
        return sources
    }

    /// A filter comparing `region` with a value must name a region of the table.
    mutating func checkRegionsNamed(_ filter: Filter, regions: [Group], at location: SourceLocation?) {
        guard !regions.isEmpty else { return }
        for condition in filter.conditions where condition.field == .project("region") {
            for comparison in condition.anyOf where comparison.op == .equal && !regions.contains(where: { $0.id == comparison.operand.text }) {
                reader.log.error(location, "unknown region '\(comparison.operand.text)' (regions: \(regions.map(\.id).joined(separator: ", ")))")
            }
        }
    }

    mutating func readVillages(_ node: DocumentNode, regions: [Group]) -> [Village] {
        var records: [Record] = []
        if let path = node.scalar {
            let full = resolve(path, from: node)
            records = Records.csv(path: full, displayPath: full, columns: [], &reader.log, referencedAt: node.location)
            if let first = records.first, !first.fields.contains(where: { $0.name == "poor_households" }) {
                reader.log.error(SourceLocation(file: full, line: 1), "the village table needs a poor_households column")
                return []
            }
        } else if let items = reader.sequence(node, "villages") {
            records = Records.inline(items, &reader, what: "a village")
        }
        CellOverride.apply(cells, table: "villages", to: &records, &reader.log)
        var villages: [Village] = []
        var seen = Set<String>()
        let regionIDs = Set(regions.map(\.id))
        for record in records {
            var raw: [String: (String, SourceLocation)] = [:]
            for (name, value, location) in record.fields { raw[name] = (value.trimmingSpaces(), location) }
            guard let id = raw["id"]?.0.normalizedForComparison, !id.isEmpty else {
                reader.log.error(record.location, "a village needs an id")
                continue
            }
            if !seen.insert(id).inserted { reader.log.error(record.location, "duplicate village id '\(id)'") }
            var households = Rational.zero
            if let (text, location) = raw["poor_households"], !text.isEmpty {
                switch NumberSyntax.number(text) {
                case .success(let v) where !v.isNegative: households = v
                case .success: reader.log.error(location, "village '\(id)': poor_households must not be negative")
                case .failure(let f): reader.log.error(location, "village '\(id)': poor_households: \(f.message)")
                }
            } else if raw["poor_households"] == nil && node.scalar == nil {
                reader.log.error(record.location, "village '\(id)' needs poor_households")
            }
            let region = raw["region"].map { $0.0.normalizedForComparison }.flatMap { $0.isEmpty ? nil : $0 }
            if let region, !regions.isEmpty, !regionIDs.contains(region) {
                reader.log.error(record.location, "village '\(id)': unknown region '\(region)'")
            }
            var attributes: [String: FieldValue] = [:]
            for (name, (text, _)) in raw where !["id", "region", "poor_households"].contains(name) && !text.isEmpty {
                attributes[name] = FieldValue(text)
            }
            villages.append(Village(id: id, region: region, households: households, attributes: attributes, location: record.location))
        }
        return villages
    }

    /// A path written in a file, relative to that file's folder.
    func resolve(_ path: String, from node: DocumentNode) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (node.location.file as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : "\(folder)/\(path)"
    }

    mutating func readBudget(_ node: DocumentNode, periods: [String]) -> Budget {
        var budget = Budget()
        guard let pairs = reader.mapping(node, "budget", allowed: ["total", "unit", "min_use", "by_period", "carry_over"]) else {
            return budget
        }
        for (key, value) in pairs {
            switch key {
            case "by_period":
                guard !periods.isEmpty else {
                    reader.log.error(value.location, "budget.by_period needs `periods` in the scenario")
                    continue
                }
                guard let caps = reader.mapping(value, "budget.by_period", allowed: periods) else { continue }
                for (label, amount) in caps { budget.byPeriod[label] = reader.money(amount, "budget.by_period.\(label)") }
            case "carry_over": budget.carryOver = reader.boolean(value, "budget.carry_over") ?? false
            case "total": budget.total = reader.money(value, "budget.total")
            case "unit":
                if let unit = reader.money(value, "budget.unit") {
                    if unit < 1 { reader.log.error(value.location, "budget.unit must be at least 1 yuan") } else { budget.unit = unit }
                }
            default: budget.minUse = reader.share(value, "budget.min_use")
            }
        }
        if budget.carryOver {
            if pairs.first(where: { $0.key == "by_period" }) == nil {
                reader.log.error(node.location, "budget.carry_over needs budget.by_period for every period")
            } else {
                let missing = periods.filter { budget.byPeriod[$0] == nil }
                if !missing.isEmpty {
                    reader.log.error(node.location, "budget.carry_over needs budget.by_period for every period; missing: \(missing.joined(separator: ", "))")
                }
            }
        }
        return budget
    }

    /// A region or category table. Keys naming a metric with a map value are bounds (shorthand
    /// for a rule); every other key is an attribute.
    mutating func readGroups(_ node: DocumentNode, _ table: String, _ rules: inout [Rule]) -> [Group] {
        guard let items = reader.sequence(node, .verbatim(table)) else { return [] }
        let field = table == "regions" ? "region" : "category"
        let fieldWord: Message = table == "regions" ? "region" : "category"
        var groups: [Group] = []
        for item in items {
            guard let pairs = reader.mapping(item, "a row of \(table)", allowed: nil) else { continue }
            guard let idNode = pairs.first(where: { $0.key == "id" })?.value,
                  let id = reader.text(idNode, "\(fieldWord) id")?.normalizedForComparison, !id.isEmpty else {
                reader.log.error(item.location, "every row of \(table) needs an id")
                continue
            }
            if groups.contains(where: { $0.id == id }) {
                reader.log.error(item.location, "duplicate \(fieldWord) id '\(id)'")
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

    mutating func readBounds(_ node: DocumentNode, _ what: Message, metric: Metric,
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

    mutating func readFiveGood(_ node: DocumentNode) -> FiveGood? {
        guard let pairs = reader.mapping(node, "five_good", allowed: ["weights", "min_each", "min_weighted", "portfolio_min"])
        else { return nil }
        var fiveGood = FiveGood(location: node.location)
        func criteriaMap(_ value: DocumentNode, _ what: Message) -> [Criterion: Rational] {
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

    mutating func readProjects(_ node: DocumentNode?, columns: DocumentNode?, context: ProjectParser.Context) -> [Project] {
        guard let node else {
            reader.log.error(SourceLocation(file: file, line: 1), "the scenario needs 'projects' (a CSV path or a list)")
            return []
        }
        var records: [Record] = []
        let errorsBefore = reader.log.errors.count
        var listLocation = node.location
        if let path = node.scalar {
            var mapping: [(String, String, SourceLocation)] = []
            if let columns, let pairs = reader.mapping(columns, "columns", allowed: nil) {
                for (field, value) in pairs {
                    if let header = reader.text(value, "columns.\(field)") { mapping.append((field, header.trimmingSpaces(), value.location)) }
                }
            }
            let full = resolve(path, from: node)
            records = Records.csv(path: full, displayPath: full, columns: mapping, &reader.log, referencedAt: node.location)
            listLocation = SourceLocation(file: full, line: 1)
        } else if let items = reader.sequence(node, "projects") {
            if let columns { reader.log.warning(columns.location, "columns is ignored: the projects are listed inline") }
            records = Records.inline(items, &reader, what: "a project")
        }
        // Nothing to allocate is never what a planner meant (a CSV saved with its header only).
        if records.isEmpty && reader.log.errors.count == errorsBefore {
            reader.log.error(listLocation, "the project list is empty: a scenario needs at least one project")
        }
        CellOverride.apply(cells, table: "projects", to: &records, &reader.log)
        return records.compactMap { ProjectParser.project($0, context, &reader.log) }
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
        let period = map["period"].flatMap { readPeriodReference($0, "rule period") }
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
