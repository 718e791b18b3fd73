import FundAllocation
import Foundation

/// Builds a `Scenario` from the document tree, block by block.
struct ScenarioBuilder {
    let file: String
    var reader = DocumentReader()
    /// The scenario's periods, once read (rules and terms refer to them).
    var periods: [String] = []
    /// `--set projects.<id>.<field>` and `villages.<id>.<field>`.
    let cells: [CellOverride]
    /// The fields that `sum.<field>` metrics in rules and terms add up.
    var summedFields: Set<String> = []

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
        summedFields = Set([top["rules"], top["objective"]].compactMap { $0 }.flatMap(\.scalars).compactMap { text in
            text.hasPrefix("sum.") ? String(text.dropFirst(4)) : nil
        })
        if let villages = top["villages"] { scenario.villages = readVillages(villages, regions: scenario.regions) }
        scenario.projects = readProjects(top["projects"], columns: top["columns"],
                                         context: ProjectParser.Context(periods: scenario.periods,
                                                                        hasVillages: top["villages"] != nil))
        if top["villages"] == nil {
            for cell in cells where cell.table == "villages" { reader.log.error(cell.location, "the scenario has no villages table") }
        }
        if let sources = top["sources"] { scenario.sources = readSources(sources, regions: scenario.regions) }
        if let budget = top["budget"] {
            scenario.locations["budget"] = budget.location
            scenario.locations["budget.min_use"] = budget["min_use"]?.location
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
        if let uncertainty = top["uncertainty"] { scenario.uncertainty = readUncertainty(uncertainty) }
        if let reference = top["reference"] { scenario.reference = readReference(reference, periods: scenario.periods) }
        if let solver = top["solver"], let pairs = reader.mapping(solver, "solver", allowed: ["time_limit", "mip_gap", "backend"]) {
            for (key, value) in pairs {
                if key == "backend", let text = reader.text(value, "solver.backend") {
                    scenario.solver.backend = SolverBackend(rawValue: text.trimmingSpaces().lowercased())
                    if scenario.solver.backend == nil {
                        reader.log.error(value.location, "solver.backend must be glpk, cbc or auto, found '\(text)'")
                    }
                }
                if key == "time_limit" { scenario.solver.timeLimit = reader.duration(value, "solver.time_limit") }
                if key == "mip_gap", let gap = reader.nonNegative(value, "solver.mip_gap") { scenario.solver.mipGap = gap.doubleValue }
            }
        }
        return scenario
    }

    /// `uncertainty:` (MODEL.md §9): samples, seed, `scores` (± points) and `households` (a
    /// relative spread, `15%` or 0.15).
    mutating func readUncertainty(_ node: DocumentNode) -> Uncertainty? {
        guard let pairs = reader.mapping(node, "uncertainty", allowed: ["samples", "seed", "scores", "households"]) else { return nil }
        var u = Uncertainty(location: node.location)
        for (key, value) in pairs {
            switch key {
            case "samples", "seed":
                guard let text = reader.text(value, "uncertainty.\(key)") else { continue }
                guard let n = Int(text.trimmingSpaces()), n >= (key == "samples" ? 1 : 0) else {
                    reader.log.error(value.location, "uncertainty.\(key) must be a whole number\(key == "samples" ? " ≥ 1" : " ≥ 0"), found '\(text)'")
                    continue
                }
                if key == "samples" { u.samples = n } else { u.seed = UInt64(n) }
            default:
                guard var text = reader.text(value, "uncertainty.\(key)")?.trimmingSpaces() else { continue }
                let percent = text.hasSuffix("%") || text.hasSuffix("％")
                if percent { text = String(text.dropLast()) }
                guard case .success(var v) = NumberSyntax.number(text) else {
                    reader.log.error(value.location, "uncertainty.\(key): '\(text)' is not a number")
                    continue
                }
                if percent { v = v / Rational(100) }
                if v.isNegative {
                    reader.log.error(value.location, "uncertainty.\(key) is a spread: it must not be negative, found \(v.decimalString())")
                } else if key == "households" && v > .one {
                    reader.log.error(value.location, "uncertainty.households is a relative spread of at most 100%, found \(v.decimalString())")
                } else if key == "scores" {
                    u.scores = v
                } else {
                    u.households = v
                }
            }
        }
        return u
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
        return budget
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
        if node.sequence == nil {
            guard let table = readTableFile(node, "projects") else { return [] }
            var mapping: [(String, String, SourceLocation)] = []
            if let columns, let pairs = reader.mapping(columns, "columns", allowed: nil) {
                for (field, value) in pairs {
                    if let header = reader.text(value, "columns.\(field)") { mapping.append((field, header.trimmingSpaces(), value.location)) }
                }
            }
            records = Records.table(table, columns: mapping, numeric: isNumericField, &reader.log, referencedAt: node.location)
            listLocation = SourceLocation(file: table.path, line: 1)
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

    /// A table's file: a path (a CSV, or a workbook's first sheet) or `{file, sheet}`.
    mutating func readTableFile(_ node: DocumentNode, _ what: String) -> TableFile? {
        if let path = node.scalar { return TableFile(path: resolve(path, from: node)) }
        guard let pairs = reader.mapping(node, "\(what) (a CSV or .xlsx path, {file, sheet}, or a list)", allowed: ["file", "sheet"]) else {
            return nil
        }
        let map = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let fileNode = map["file"], let path = reader.text(fileNode, "\(what).file") else {
            if map["file"] == nil { reader.log.error(node.location, "\(what) needs file (a CSV or .xlsx path)") }
            return nil
        }
        let table = TableFile(path: resolve(path, from: fileNode), sheet: map["sheet"].flatMap { reader.text($0, "\(what).sheet") })
        if table.sheet != nil && !table.isWorkbook {
            reader.log.error(map["sheet"]!.location, "sheet is for a workbook (.xlsx); \(path) is read as CSV")
        }
        return table
    }

    /// The fields a workbook must give as numbers (MODEL.md §10): a date or a merged cell there
    /// is an error. `sum.<field>` metrics make their field numeric too.
    func isNumericField(_ name: String) -> Bool {
        var field = name
        for suffix in ["_low", "_high"] where field.hasSuffix(suffix) { field = String(field.dropLast(suffix.count)) }
        return ["cost", "min_share", "households", "value", "poor_households"].contains(field) || field.hasPrefix("cost.")
            || field.hasPrefix("score_") || summedFields.contains(field)
    }
}
