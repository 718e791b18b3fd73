/// Ties between equally good plans: which one is reported (docs/scenario-format.md).
extension Planner {
    /// The tie-break stage's search stops after this many nodes with the best plan found: its
    /// objective is a preference among equals, and proving its optimum can take far longer
    /// than the solve itself (4 of the 101 budgets of the Xianyang sweep once took over 10,000
    /// nodes, 5 s each, ending 1 unit of Σ (N − j)·funds_j from the bound). A node count, not
    /// time, so that the plan is the same on every run. The shipped scenarios, all 101 sweep
    /// budgets (since the stages' caps, `cap`; one ended 0.03 % from its bound before) and the
    /// brute-force cases are proven within it.
    public static let tieBreakNodes = 500

    /// The share of the time left after the last objective stage that the tie-break may use:
    /// it orders equally good plans, and a large model's reaches its node limit only after a
    /// long search (province scale, 3,500 projects: 500 nodes in 24 s, after stages that took
    /// 27 s of a 60 s limit), so it leaves time for the re-check and report that follow and
    /// the answer comes earlier. Small models reach the node limit long before (Xianyang: 500
    /// nodes ≈ 0.3 s), so their tie-break does not depend on the clock.
    public static let tieBreakShare = 0.5

    /// The tie-break (docs/scenario-format.md, "Choices"): among plans equally good on every
    /// objective term, the one that maximises Σ (N − j)·funds_j over the projects in scenario
    /// order (j = 0…N−1): the fund goes as early in the project list as the objective allows —
    /// of two otherwise equal projects the earlier one is funded, and money that could go to
    /// either of two partly funded projects goes to the earlier one. Projects without cost
    /// have no term (when no project has a cost, there is no tie-break stage). Where this sum
    /// itself ties, `Planner.orderTies` goes on in scenario order.
    public static func tieBreak(_ model: AllocationModel) -> LinearExpression {
        var e = LinearExpression()
        let n = model.scenario.projects.count
        for j in 0..<n { e.add(model.projectTerm(j, .funds, period: nil), times: Rational(n - j)) }
        return e
    }

    /// The first question of `orderTies`, as columns and rows added to a model that holds only
    /// the tied plans: is there one that funds other projects than `plan`? A project funded in
    /// `plan` differs when x_j = 0, one not funded when x_j = 1; at least one differs (a no-good
    /// row, which cuts exactly `plan`'s funded set). Nil when no project can be funded.
    static func otherProjects(than plan: Plan, model: AllocationModel) -> [MILPModel.Row]? {
        let terms = model.scenario.projects.indices.compactMap { j in
            model.xColumn[j].map { (column: $0, coefficient: plan.funded[j] ? -1.0 : 1.0) }
        }
        guard !terms.isEmpty else { return nil }
        let funded = plan.funded.indices.filter { plan.funded[$0] && model.xColumn[$0] != nil }.count
        return [MILPModel.Row(name: "other_projects", terms: terms, lower: Double(1 - funded), upper: nil)]
    }

    /// The second question of `orderTies`, asked of the tied plans that fund `plan`'s projects
    /// (their x_j fixed): is there one that gives a partly funded project other amounts? Such a
    /// plan gives some project *more*: the tie-break sum is held exactly and weighs every
    /// project's funds positively, so a change that takes from one project gives to another.
    /// So a binary m_j per partly funded project below its most units K, with k units in `plan`
    /// and at least L when funded: m_j = 1 → k_j ≥ k + 1 (k_j − L·x_j − (k + 1 − L)·m_j ≥ 0, tight
    /// at the floor, where most partly funded projects sit), and Σ m ≥ 1. Nil when no partly
    /// funded project can get more (then none can get less either: another would have to get
    /// more).
    static func otherAmounts(than plan: Plan, model: AllocationModel, columnCount n: Int)
        -> (columns: [MILPModel.Column], rows: [MILPModel.Row])? {
        let s = model.scenario
        var columns: [MILPModel.Column] = []
        var rows: [MILPModel.Row] = []
        for (j, p) in s.projects.enumerated() where plan.funded[j] {
            guard let x = model.xColumn[j], let k = model.units[j] else { continue }
            let units = plan.amounts[j] / s.budget.unit, range = model.unitRange(j)
            guard units < range.most else { continue }
            let more = n + columns.count
            columns.append(MILPModel.Column(name: "more_\(p.id)", kind: .binary, lower: 0, upper: 1))
            rows.append(MILPModel.Row(name: "more_\(p.id)", terms: [(k, 1), (x, -Double(range.least)),
                                                                    (more, -Double(units + 1 - range.least))], lower: 0, upper: nil))
        }
        guard !columns.isEmpty else { return nil }
        rows.append(MILPModel.Row(name: "other_amounts", terms: columns.indices.map { (n + $0, 1) }, lower: 1, upper: nil))
        return (columns, rows)
    }

    /// The tie-break for timing (docs/scenario-format.md): among equally good plans, each timed
    /// project (in scenario order) is paid in the earliest period it can be moved to while every
    /// rule and hold still holds and every objective term keeps its exact value. The funded
    /// set and the amounts do not change, so neither does anything the objective sees: the
    /// solver's arbitrary choice among equally good timings becomes a documented one.
    static func earliestTiming(_ plan: Plan, _ s: Scenario, holds: [AllocationModel.Row], model: AllocationModel) -> Plan {
        // Only what depends on the period of payment can change: period budgets, rules and
        // terms with a `period:`, and the holds of those terms. Everything else was re-checked.
        // `changes` counts a period change: its rules and terms depend on timing too.
        let timedTerms = s.objective.indices.filter { s.objective[$0].period != nil || s.objective[$0].metric == .changes }
        let timedRules = model.concreteRules.filter { $0.period != nil || $0.metric == .changes }
        let timedHolds = timedTerms.isEmpty ? [] : holds   // (a skipped stage has no hold: check them all)
        func termValues(_ p: Plan) -> [Rational] {
            timedTerms.map { s.evaluate(s.objective[$0].metric, s.objective[$0].filter, period: s.periodIndex(s.objective[$0].period), in: p) }
        }
        var plan = plan
        let values = termValues(plan)
        let committed = s.committedIDSet
        func keepsEverything(_ trial: Plan) -> Bool {
            timedRules.allSatisfy({ PlanVerifier.violations(of: $0, trial, s).isEmpty }) && termValues(trial) == values
                && (timedHolds.isEmpty || satisfies(trial, timedHolds, model))
        }
        // First the timing built afresh from the funded set and amounts alone, so that it does
        // not depend on the timing the engine happened to find (GLPK and CBC found different
        // equally good timings): in scenario order, each movable project in the earliest open
        // period of its window that the period budgets still allow. Taken when the whole
        // timing keeps every rule, hold and timing-dependent term; else the engine's stays.
        let movable = s.projects.indices.compactMap { j -> (j: Int, window: [Int])? in
            guard plan.funded[j], !committed.contains(s.projects[j].id), plan.periodChoice[j] != nil,
                  let window = s.window(of: s.projects[j]) else { return nil }
            return (j, window)
        }
        if !movable.isEmpty {
            var fresh = plan
            for (j, _) in movable { fresh.funded[j] = false }
            var paid = s.periods.indices.map { s.evaluate(.funds, period: $0, in: fresh) }
            var placed = true
            for (j, window) in movable {
                let amount = Rational(plan.amounts[j])
                guard let t = window.first(where: { t in
                    guard !s.isClosed(t) else { return false }
                    var trialPaid = paid
                    trialPaid[t] += amount
                    return PlanVerifier.budgetViolations(paid: trialPaid, in: s).isEmpty
                }) else { placed = false; break }
                paid[t] += amount
                fresh.funded[j] = true
                fresh.periodChoice[j] = t
            }
            if placed && fresh.periodChoice != plan.periodChoice && PlanVerifier.budgetViolations(paid: paid, in: s).isEmpty
                && keepsEverything(fresh) {
                plan = fresh
            }
        }
        // Funds paid per period, kept up to date as projects move (a timed project is paid
        // whole in its period): re-evaluating them for every trial was quadratic (≈ 3 s at
        // 3,500 projects).
        var paid = s.periods.indices.map { s.evaluate(.funds, period: $0, in: plan) }
        for (j, p) in s.projects.enumerated() where plan.funded[j] && !committed.contains(p.id) {
            guard let chosen = plan.periodChoice[j], let window = s.window(of: p) else { continue }
            let amount = Rational(plan.amounts[j])
            // A commitment keeps its period; no other project may move into a closed one.
            for earlier in window where earlier < chosen && !s.isClosed(earlier) {
                var trialPaid = paid
                trialPaid[chosen] -= amount
                trialPaid[earlier] += amount
                guard PlanVerifier.budgetViolations(paid: trialPaid, in: s).isEmpty else { continue }
                var trial = plan
                trial.periodChoice[j] = earlier
                if keepsEverything(trial) {
                    plan = trial
                    paid = trialPaid
                    break
                }
            }
        }
        return plan
    }
}
