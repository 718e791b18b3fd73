/// Re-checks a plan against every bound and rule of its scenario in exact arithmetic,
/// independently of how the model was built: from the allocations alone.
public enum PlanVerifier {
    /// Every violated condition, as a sentence; empty when the plan is valid.
    public static func violations(of plan: Plan, in s: Scenario) -> [String] {
        var found: [String] = []
        let unit = s.budget.unit
        let fundedIds = Set(s.projects.indices.filter { plan.funded[$0] }.map { s.projects[$0].id })
        for (j, p) in s.projects.enumerated() {
            let y = plan.amounts[j]
            guard plan.funded[j] else {
                if y != 0 { found.append("\(p.id): unfunded but given \(y) yuan") }
                if p.pin == .in { found.append("\(p.id): pinned in but not funded") }
                continue
            }
            if let why = s.ineligibility(of: p) { found.append("\(p.id): funded but ineligible (\(why))") }
            if p.pin == .out { found.append("\(p.id): pinned out but funded") }
            for problem in amountProblems(y, p, unit: unit) { found.append("\(p.id): \(problem)") }
            if let window = s.window(of: p) {
                if let t = plan.periodChoice[j], window.contains(t) {} else {
                    found.append("\(p.id): paid in no period of its window \(window.map { s.periods[$0] })")
                }
            }
            for id in p.requires where !fundedIds.contains(id) { found.append("\(p.id) requires \(id), which is not funded") }
            for id in p.excludes where fundedIds.contains(id) { found.append("\(p.id) excludes \(id), but both are funded") }
        }
        found.append(contentsOf: referenceViolations(plan, s))
        let funds = s.evaluate(.funds, in: plan)
        found.append(contentsOf: periodViolations(of: plan, in: s, rules: []))
        found.append(contentsOf: sourceViolations(plan, s))
        if let total = s.totalCap {
            if funds > Rational(total) { found.append("funds \(funds) exceed budget.total \(total)") }
            if let minUse = s.budget.minUse, funds < minUse * Rational(total) {
                found.append("funds \(funds) are below budget.min_use \(minUse) of \(total)")
            }
        }
        if let fiveGood = s.fiveGood {
            for (criterion, floor) in fiveGood.portfolioMin.sorted(by: { $0.key < $1.key }) {
                var sum = Rational.zero
                for (j, p) in s.projects.enumerated() where plan.funded[j] {
                    sum += ((p.scores[criterion] ?? .zero) - floor) * Rational(plan.amounts[j])
                }
                if sum.isNegative { found.append("five_good.portfolio_min.\(criterion.rawValue) \(floor) is not met") }
            }
        }
        for rule in s.concreteRules().rules {
            found.append(contentsOf: violations(of: rule, plan, s).map { "rule '\(rule.label)': \($0)" })
        }
        return found
    }

    /// Commitments not kept as they are, and projects paid in a closed period (MODEL.md §8).
    static func referenceViolations(_ plan: Plan, _ s: Scenario) -> [String] {
        guard let terms = s.referenceTerms else { return [] }
        var found: [String] = []
        for (j, p) in s.projects.enumerated() {
            if terms[j].committed {
                if !plan.funded[j] || plan.amounts[j] != terms[j].yuan {
                    found.append("\(p.id): committed at \(terms[j].yuan) yuan, but given \(plan.funded[j] ? plan.amounts[j] : 0)")
                } else if s.window(of: p) != nil && plan.periodChoice[j] != terms[j].period {
                    found.append("\(p.id): committed in period \(terms[j].period.map { s.periods[$0] } ?? "?"), but paid in another")
                }
                continue
            }
            guard plan.funded[j] else { continue }
            let paid = p.profile.isEmpty ? [plan.periodChoice[j]].compactMap { $0 }
                : s.periods.indices.filter { (p.profile[s.periods[$0]] ?? 0) > 0 }
            if let t = paid.first(where: s.isClosed) {
                found.append("\(p.id): paid in \(s.periods[t]), a period closed by committed_through")
            }
        }
        return found
    }

    /// Why `y` yuan is no amount project `p` can be given (empty when it is one): over its cost,
    /// below its min_share or off the unit (partly fundable), or not its cost (all or nothing).
    /// The exact re-check and the check of a committed reference amount (MODEL.md §8) share it.
    public static func amountProblems(_ y: Int64, _ p: Project, unit: Int64) -> [Message] {
        var found: [Message] = []
        if y > p.cost { found.append("\(y) yuan exceeds its cost \(p.cost)") }
        if p.isPartlyFundable {
            if Rational(y) < p.minShare * Rational(p.cost) { found.append("\(y) yuan is below min_share \(p.minShare) of \(p.cost)") }
            if y % unit != 0 { found.append("\(y) yuan is not a multiple of the unit \(unit)") }
        } else if y != p.cost {
            found.append("all or nothing, but given \(y) of \(p.cost) yuan")
        }
        return found
    }

    /// The period budgets the plan breaks, and the bounds of `rules` it breaks: what can change
    /// when only the period a project is paid in changes (pass the rules with a `period:`).
    public static func periodViolations(of plan: Plan, in s: Scenario, rules: [ConcreteRule]) -> [String] {
        var found = budgetViolations(paid: s.periods.indices.map { s.evaluate(.funds, period: $0, in: plan) }, in: s)
        for rule in rules {
            found.append(contentsOf: violations(of: rule, plan, s).map { "rule '\(rule.label)': \($0)" })
        }
        return found
    }

    /// The period budgets (`by_period`, with or without carry-over) that funds paid per period
    /// (`paid[t]`, in the scenario's period order) break.
    public static func budgetViolations(paid: [Rational], in s: Scenario) -> [String] {
        var found: [String] = []
        var spent = Rational.zero, cap = Rational.zero
        for (t, label) in s.periods.enumerated() {
            let inPeriod = paid[t]
            spent += inPeriod
            guard let limit = s.budget.byPeriod[label] else { continue }
            cap += Rational(limit)
            if s.budget.carryOver && spent > cap { found.append("funds up to \(label) (\(spent)) exceed the budget up to it (\(cap))") }
            if !s.budget.carryOver && inPeriod > Rational(limit) { found.append("funds in \(label) (\(inPeriod)) exceed budget.by_period \(limit)") }
        }
        return found
    }

    /// The bounds of one rule that the plan breaks.
    public static func violations(of rule: ConcreteRule, _ plan: Plan, _ s: Scenario) -> [String] {
        var found: [String] = []
        if rule.metric == .fundsPerHousehold {
            if let k = rule.bounds.max {
                let period = s.periodIndex(rule.period)
                let funds = s.evaluate(.funds, rule.filter, period: period, in: plan)
                let households = s.evaluate(.households, rule.filter, period: period, in: plan)
                if funds > k * households { found.append("funds \(funds) > \(k) × households \(households)") }
            }
            return found
        }
        let period = s.periodIndex(rule.period)
        let value = s.evaluate(rule.metric, rule.filter, period: period, in: plan)
        if let min = rule.bounds.min, value < min { found.append("\(value) < min \(min)") }
        if let max = rule.bounds.max, value > max { found.append("\(value) > max \(max)") }
        if rule.bounds.minShare != nil || rule.bounds.maxShare != nil {
            let all = s.evaluate(rule.metric, period: period, in: plan)
            if let share = rule.bounds.minShare, value < share * all { found.append("\(value) < min_share \(share) of \(all)") }
            if let share = rule.bounds.maxShare, value > share * all { found.append("\(value) > max_share \(share) of \(all)") }
        }
        return found
    }

    /// Each funded project paid in full by sources that may fund it; no source over its amount.
    static func sourceViolations(_ plan: Plan, _ s: Scenario) -> [String] {
        guard !s.sources.isEmpty else { return [] }
        guard plan.sourceAmounts.count == s.projects.count else { return ["the sources cannot pay for the plan"] }
        var found: [String] = []
        var used = [Int64](repeating: 0, count: s.sources.count)
        for (j, p) in s.projects.enumerated() {
            let split = plan.sourceAmounts[j]
            if split.reduce(0, +) != plan.amounts[j] { found.append("\(p.id): sources pay \(split.reduce(0, +)) of \(plan.amounts[j]) yuan") }
            for (f, source) in s.sources.enumerated() where split[f] != 0 {
                if split[f] < 0 || !s.matches(p, source.eligible) { found.append("\(p.id): source \(source.id) may not fund it") }
                used[f] += split[f]
            }
        }
        for (f, source) in s.sources.enumerated() where used[f] > source.amount {
            found.append("source \(source.id) pays \(used[f]) of its \(source.amount) yuan")
        }
        return found
    }
}
