/// Checks that need the whole scenario (the loader checks each value's own syntax).
///
/// Every problem is collected; none stops the others from being found.
public enum ScenarioValidator {
    /// Problems (errors and warnings) of a scenario, in file order per kind of check.
    public static func check(_ scenario: Scenario) -> DiagnosticLog {
        var log = DiagnosticLog()
        checkBudget(scenario, &log)
        checkProjects(scenario, &log)
        checkReference(scenario, &log)
        checkMetricsAndFilters(scenario, &log)
        checkVillagesAndSources(scenario, &log)
        for note in scenario.concreteRules().warnings { log.note(note.location, note.text) }
        for rule in scenario.concreteRules().rules {
            // Contradictory bounds would only make every plan infeasible: say so here.
            if let min = rule.bounds.min, let max = rule.bounds.max, min > max {
                log.error(rule.location, "rule '\(rule.label)': min \(min.decimalString()) is above max \(max.decimalString())")
            }
            if let min = rule.bounds.minShare, let max = rule.bounds.maxShare, min > max {
                log.error(rule.location, "rule '\(rule.label)': min_share \(min.decimalString()) is above max_share \(max.decimalString())")
            }
        }
        return log
    }

    /// The reference plan against the projects (MODEL.md §8), and the uses of `changes` and
    /// `moved`: bounded above or minimised only, never by period, and only with a reference.
    private static func checkReference(_ s: Scenario, _ log: inout DiagnosticLog) {
        for rule in s.rules where rule.metric.isAgainstReference {
            if s.reference == nil { log.error(rule.location, "metric '\(rule.metric)' counts against a reference plan: the scenario needs reference.plan") }
            if rule.bounds.min != nil || rule.bounds.minShare != nil || rule.bounds.maxShare != nil {
                log.error(rule.location, "'\(rule.metric)' can only be bounded above (max): fewer changes are always allowed")
            }
            if rule.period != nil { log.error(rule.location, "'\(rule.metric)' counts the whole plan: it takes no period") }
        }
        for term in s.objective where term.metric.isAgainstReference {
            if s.reference == nil { log.error(term.location, "metric '\(term.metric)' counts against a reference plan: the scenario needs reference.plan") }
            if term.sense == .maximize { log.error(term.location, "'\(term.metric)' can only be minimised") }
            if term.period != nil { log.error(term.location, "'\(term.metric)' counts the whole plan: it takes no period") }
        }
        guard let reference = s.reference, let terms = s.referenceTerms else { return }
        let index = Dictionary(s.projects.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: Set<String> = []
        for entry in reference.entries {
            if !seen.insert(entry.id).inserted { log.error(entry.location, "reference project '\(entry.id)' is listed twice") }
            guard let j = index[entry.id] else {
                let paid = entry.periods.compactMap { s.periodIndex($0) }
                if paid.contains(where: s.isClosed) {
                    log.error(entry.location, "committed reference project '\(entry.id)' is not in the project list: a commitment cannot be kept without its project")
                } else {
                    log.warning(entry.location, "reference project '\(entry.id)' is not in the project list: it counts in neither changes nor moved")
                }
                continue
            }
            let p = s.projects[j]
            if s.window(of: p) != nil && (entry.periods.count != 1 || s.periodIndex(entry.periods[0]) == nil) {
                log.error(entry.location, "reference project '\(p.id)' is paid in one period: the reference must name one of \(s.periods.joined(separator: ", ")), found '\(entry.periods.joined(separator: ";"))'")
                continue
            }
            guard terms[j].committed else { continue }
            if let why = legalProblem(entry, p, s) {
                log.error(entry.location, "committed project '\(p.id)': \(why)")
            }
            if let why = s.ineligibility(of: p, ignoringCommitment: true) {
                log.warning(entry.location, "committed project \(p.id) is ineligible now (\(why.description)): it stays funded, as committed")
            }
        }
    }

    /// Why the committed amount or period is no legal choice of the project now; nil when it is.
    private static func legalProblem(_ entry: ReferencePlan.Entry, _ p: Project, _ s: Scenario) -> Message? {
        if let problem = PlanVerifier.amountProblems(entry.yuan, p, unit: s.budget.unit).first { return problem }
        if let window = s.window(of: p), let t = s.periodIndex(entry.periods[0]), !window.contains(t) {
            return "period \(entry.periods[0]) is outside its window (\(window.map { s.periods[$0] }.joined(separator: ", ")))"
        }
        return nil
    }

    /// The budget against the rest: min_use is a share of a total; carry-over needs every tranche.
    private static func checkBudget(_ s: Scenario, _ log: inout DiagnosticLog) {
        if s.budget.minUse != nil, s.budget.total == nil, s.sources.isEmpty {
            log.error(s.locations["budget.min_use"], "budget.min_use needs budget.total or sources (min_use is a share of the total)")
        }
        if s.budget.carryOver {
            let missing = s.periods.filter { s.budget.byPeriod[$0] == nil }
            if s.budget.byPeriod.isEmpty {
                log.error(s.locations["budget"], "budget.carry_over needs budget.by_period for every period")
            } else if !missing.isEmpty {
                log.error(s.locations["budget"], "budget.carry_over needs budget.by_period for every period; missing: \(missing.joined(separator: ", "))")
            }
        }
    }

    private static func checkProjects(_ s: Scenario, _ log: inout DiagnosticLog) {
        var firstLocation: [String: SourceLocation] = [:]
        for p in s.projects {
            if let first = firstLocation[p.id] {
                log.error(p.location, "duplicate project id '\(p.id)' (first defined at \(first))")
            } else {
                firstLocation[p.id] = p.location
            }
        }
        let byID = Dictionary(s.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for p in s.projects {
            if !s.regions.isEmpty, let r = p.region, s.region(r) == nil {
                log.error(p.location, "project '\(p.id)': unknown region '\(r)' (regions: \(s.regions.map(\.id).joined(separator: ", ")))")
            }
            if !s.categories.isEmpty, let c = p.category, s.category(c) == nil {
                log.error(p.location, "project '\(p.id)': unknown category '\(c)' (categories: \(s.categories.map(\.id).joined(separator: ", ")))")
            }
            for (kind, ids) in [("requires" as Message, p.requires), ("excludes", p.excludes)] {
                for id in ids {
                    if id == p.id { log.error(p.location, "project '\(p.id)' \(kind) itself") }
                    else if firstLocation[id] == nil { log.error(p.location, "project '\(p.id)' \(kind) unknown project '\(id)'") }
                }
            }
            for id in p.requires where p.excludes.contains(id) {
                log.error(p.location, "project '\(p.id)' both requires and excludes '\(id)'")
            }
            if !p.requires.isEmpty, let cycle = requiresCycle(from: p, byID), cycle.first == p.id, cycle.dropFirst().allSatisfy({ $0 > p.id }) {
                log.note(p.location, "projects \((cycle + [p.id]).joined(separator: " → ")) require each other in a cycle: they are funded all together or not at all")
            }
            if s.budget.unit > 1, p.isPartlyFundable, p.cost % s.budget.unit != 0 {
                log.error(p.location, "project '\(p.id)': cost \(p.cost) is not a multiple of budget.unit \(s.budget.unit) (needed when min_share < 1)")
            }
            if s.fiveGood != nil {
                let missing = Criterion.allCases.filter { p.scores[$0] == nil }
                if !missing.isEmpty {
                    log.error(p.location, "project '\(p.id)': five_good needs every score; missing \(missing.map(\.field).joined(separator: ", "))")
                } else if p.pin == .in, let why = s.ineligibility(of: p) {
                    log.error(p.location, "project '\(p.id)' is pinned in but fails the 五个好 gate (\(why))")
                }
            }
        }
    }

    private static func checkVillagesAndSources(_ s: Scenario, _ log: inout DiagnosticLog) {
        let known = Set(s.villages.map(\.id))
        for p in s.projects {
            for id in p.villageIDs ?? [] where !known.contains(id) {
                log.error(p.location, "project '\(p.id)': village '\(id)' is not in the village table")
            }
        }
        for source in s.sources where !s.projects.contains(where: { s.matches($0, source.eligible) }) {
            log.warning(source.location, "source '\(source.id)' may fund no project: its \(source.amount) yuan cannot be used")
        }
        func checkVillageFields(_ filter: Filter, _ metric: Metric, _ location: SourceLocation?) {
            for condition in filter.conditions {
                guard case .village(let attr) = condition.field else { continue }
                if s.villages.isEmpty {
                    log.error(location, "'village.\(attr)' needs a village table")
                } else if ![.households, .persons, .fundsPerHousehold].contains(metric) {
                    log.error(location, "'village.\(attr)' filters villages: only households and persons metrics have them")
                }
            }
        }
        for rule in s.rules { checkVillageFields(rule.filter, rule.metric, rule.location) }
        for term in s.objective { checkVillageFields(term.filter, term.metric, term.location) }
        for source in s.sources { checkVillageFields(source.eligible, .funds, source.location) }
    }

    private static func checkMetricsAndFilters(_ s: Scenario, _ log: inout DiagnosticLog) {
        var checkedSumFields: Set<String> = []
        func checkMetric(_ metric: Metric, _ location: SourceLocation?) {
            switch metric {
            case .persons where s.personsPerHousehold == nil:
                log.error(location, "metric 'persons' needs units.persons_per_household")
            case .sum(let field):
                guard !checkedSumFields.contains(field) else { return }
                checkedSumFields.insert(field)
                var anyNumber = false
                for p in s.projects {
                    guard let v = p.fields[field], !v.isEmpty else { continue }
                    if v.number == nil {
                        log.error(p.location, "project '\(p.id)': sum.\(field) needs a number, found '\(v.text)'")
                    } else {
                        anyNumber = true
                    }
                }
                if !anyNumber {
                    log.warning(location, "no project has a numeric '\(field)': sum.\(field) is 0 for every plan")
                }
            default: break
            }
        }
        func checkFilter(_ filter: Filter, _ location: SourceLocation?) {
            for condition in filter.conditions {
                for comparison in condition.anyOf where comparison.op.isOrdering {
                    if comparison.operand.number == nil {
                        log.error(location, "'\(condition.field)': ordering operator '\(comparison.op.rawValue)' needs a number, found '\(comparison.operand.text)'")
                        continue
                    }
                    for p in s.projects {
                        if let v = s.value(of: condition.field, for: p), !v.isEmpty, v.number == nil {
                            log.error(location, "'\(condition.field)' \(comparison.op.rawValue) \(comparison.operand.text): project '\(p.id)' (\(p.location)) has the text '\(v.text)', which has no order")
                            break
                        }
                    }
                }
            }
        }
        for rule in s.rules {
            checkMetric(rule.metric, rule.location)
            checkFilter(rule.filter, rule.location)
            if rule.metric == .fundsPerHousehold {
                checkMetric(.households, rule.location)
            }
        }
        for term in s.objective {
            checkMetric(term.metric, term.location)
            checkFilter(term.filter, term.location)
        }
    }

    /// A cycle of `requires` through `p` (ids from p back to the last before p), or nil.
    static func requiresCycle(from p: Project, _ byID: [String: Project]) -> [String]? {
        var path: [String] = [p.id], visited: Set<String> = [p.id]
        func walk(_ q: Project) -> [String]? {
            for id in q.requires {
                if id == p.id { return path }
                guard !visited.contains(id), let next = byID[id] else { continue }
                visited.insert(id)
                path.append(id)
                if let found = walk(next) { return found }
                path.removeLast()
            }
            return nil
        }
        return walk(p)
    }
}
