/// Everything a solve reports (MODEL.md §6), computed from a scenario and its plan in exact
/// arithmetic. Renderers only format it.
public struct PlanReport: Sendable {
    /// A funded project.
    public struct FundedProject: Sendable {
        public var id: String
        public var name: String?
        public var region: String?
        public var category: String?
        /// The category's display name (its `name` in the category table), when given.
        public var categoryName: String?
        /// Requested yuan.
        public var cost: Int64
        /// Yuan given.
        public var funds: Int64
        /// funds / cost (1 for a zero-cost project).
        public var share: Rational
        /// Households reached: h_j · share.
        public var households: Rational
        /// Weighted 五个好 score s_j.
        public var score: Rational
        /// With periods: what is paid in each period (a timed project: one entry; a profile:
        /// y·c_t/cost per period, exact).
        public var paid: [(period: String, yuan: Rational)]
        /// With sources: yuan from each source that pays for it.
        public var sources: [(source: String, yuan: Int64)]
    }

    /// Money, projects and households of one period.
    public struct PeriodTotal: Sendable {
        public var period: String
        public var funds: Rational
        /// budget.by_period for it, when given.
        public var cap: Int64?
        public var projects: Int
        public var households: Rational
    }

    /// What one source pays and what it keeps.
    public struct SourceTotal: Sendable {
        public var id: String
        public var name: String?
        public var amount: Int64
        public var used: Int64
        public var projects: Int
        public var left: Int64 { amount - used }
    }

    /// Totals for one region or category.
    public struct GroupTotal: Sendable {
        /// The group id; nil for projects without one.
        public var id: String?
        public var name: String?
        public var projects: Int
        public var funds: Int64
        /// Share of all funds (0 when nothing is funded).
        public var fundsShare: Rational
        public var households: Rational
    }

    /// A rule (or the budget) with its value in the plan.
    public struct RuleStatus: Sendable {
        public var label: String
        public var metric: String
        public var value: Rational
        public var bounds: Bounds<Rational>
        /// The smallest distance to any of its bounds, in the metric's units (shares are turned
        /// into the same units: value − share·total); nil when the rule sets no bound here.
        public var slack: Rational?
        /// True when the slack is within 1e-6·max(1, |bound|) of zero.
        public var binding: Bool
        public var location: SourceLocation?
    }

    /// An eligible project the plan does not fund.
    public struct UnfundedProject: Sendable {
        public var id: String
        public var name: String?
        public var region: String?
        public var cost: Int64
        public var households: Rational
        /// "pinned out", or nil when it simply did not make the cut.
        public var note: String?
    }

    /// A project excluded by the 五个好 gate.
    public struct IneligibleProject: Sendable {
        public var id: String
        public var name: String?
        public var region: String?
        public var why: Ineligibility
    }

    public var scenarioName: String?
    public var scenarioFile: String
    public var status: Plan.Status
    public var stages: [Plan.Stage]
    public var funded: [FundedProject]
    /// Total funds, yuan.
    public var funds: Int64
    public var budgetTotal: Int64?
    public var households: Rational
    /// households × persons_per_household, when that is set.
    public var persons: Rational?
    /// With a village table: what additive counting (every project's villages in full) would claim.
    public var additiveHouseholds: Rational?
    public var regions: [GroupTotal]
    public var categories: [GroupTotal]
    public var periods: [PeriodTotal]
    public var sources: [SourceTotal]
    public var rules: [RuleStatus]
    public var ineligible: [IneligibleProject]
    public var unfunded: [UnfundedProject]
    public var seconds: Double
    public var nodes: Int
    /// The engines that solved (`GLPK`, `CBC`, `GLPK+CBC`); `GLPK` when none said.
    public var engine: String
    public var gap: Double?
    public var warnings: [Diagnostic]
    /// Why there is no plan, when the scenario is infeasible and a diagnosis was asked for.
    public var diagnosis: InfeasibilityDiagnosis?
    /// Plans almost as good, as different as could be found (`solve --alternatives`; nil
    /// when none were asked for, empty when none exist within the tolerance).
    public var alternatives: [AlternativePlan]?
    /// Against the reference plan, when the scenario has one and there is a plan.
    public var reference: ReferenceComparison?

    /// Builds the report. For an infeasible or unsolved plan the allocation parts are empty.
    public init(scenario s: Scenario, plan: Plan) {
        scenarioName = s.name
        scenarioFile = s.file
        status = plan.status
        stages = plan.stages
        seconds = plan.seconds
        nodes = plan.nodes
        engine = plan.engines.isEmpty ? "GLPK" : plan.engines.joined(separator: "+")
        gap = plan.gap
        warnings = s.warnings.filter { $0.severity == .warning }
        budgetTotal = s.budget.total
        let funded = s.projects.indices.filter { plan.funded[$0] }.map { j in
            let p = s.projects[j]
            let share = s.fundedFraction(j, in: plan)
            return FundedProject(id: p.id, name: p.name, region: p.region, category: p.category,
                                 categoryName: s.category(p.category)?.name, cost: p.cost,
                                 funds: plan.amounts[j], share: share,
                                 households: s.villages.isEmpty || p.villageIDs == nil
                                     ? p.households * share
                                     : Set(p.villageIDs!).reduce(Rational.zero) { $0 + s.households(ofVillage: $1) },
                                 score: s.weightedScore(p),
                                 paid: s.periods.indices.compactMap { t in
                                     let w = s.periodWeight(j, .funds, t, choice: plan.periodChoice[j])
                                     return w.isZero ? nil : (s.periods[t], Rational(plan.amounts[j]) * w)
                                 },
                                 sources: plan.sourceAmounts.isEmpty ? [] : s.sources.indices.compactMap { f in
                                     plan.sourceAmounts[j][f] == 0 ? nil : (s.sources[f].id, plan.sourceAmounts[j][f])
                                 })
        }
        self.funded = funded
        funds = funded.reduce(0) { $0 + $1.funds }
        let households = s.evaluate(.households, in: plan)
        self.households = households
        persons = s.personsPerHousehold.map { households * $0 }
        additiveHouseholds = s.villages.isEmpty || !plan.hasAllocation ? nil : s.additiveHouseholds(in: plan)
        periods = !plan.hasAllocation ? [] : s.periods.enumerated().map { t, label in
            PeriodTotal(period: label, funds: s.evaluate(.funds, period: t, in: plan), cap: s.budget.byPeriod[label],
                        projects: s.evaluate(.projects, period: t, in: plan).int64Value.map(Int.init) ?? 0,
                        households: s.evaluate(.households, period: t, in: plan))
        }
        sources = s.sources.enumerated().map { f, source in
            let used = plan.sourceAmounts.reduce(Int64(0)) { $0 + $1[f] }
            return SourceTotal(id: source.id, name: source.name, amount: source.amount, used: used,
                               projects: plan.sourceAmounts.filter { $0[f] > 0 }.count)
        }
        let total = funds
        // Households per group are the metric itself (with villages: each village once, by the
        // village's region), not a sum over the group's projects.
        func totals(_ table: [Group], _ field: String, _ key: (FundedProject) -> String?) -> [GroupTotal] {
            let funded = funded
            var ids: [String?] = table.map(\.id)
            for p in funded where !ids.contains(key(p)) { ids.append(key(p)) }
            return ids.map { id in
                let members = funded.filter { key($0) == id }
                let f = members.reduce(Int64(0)) { $0 + $1.funds }
                let households = id.map { id in
                    s.evaluate(.households, Filter([Condition(field: .project(field), anyOf: [Comparison(.equal, FieldValue(id))])]),
                               in: plan)
                } ?? members.map(\.households).sum()
                return GroupTotal(id: id, name: table.first { $0.id == id }?.name, projects: members.count, funds: f,
                                  fundsShare: total == 0 ? .zero : Rational(f) / Rational(total), households: households)
            }
        }
        regions = totals(s.regions, "region", \.region)
        categories = totals(s.categories, "category", \.category)
        rules = plan.hasAllocation ? PlanReport.ruleStatuses(s, plan) : []
        ineligible = s.projects.compactMap { p in
            s.ineligibility(of: p).map { IneligibleProject(id: p.id, name: p.name, region: p.region, why: $0) }
        }
        reference = plan.hasAllocation ? ReferenceComparison(s, plan) : nil
        unfunded = s.projects.indices.filter { !plan.funded[$0] && s.ineligibility(of: s.projects[$0]) == nil }.map { j in
            let p = s.projects[j]
            return UnfundedProject(id: p.id, name: p.name, region: p.region, cost: p.cost, households: p.households,
                                   note: p.pin == .out ? "pinned out" : nil)
        }
    }

    private static func ruleStatuses(_ s: Scenario, _ plan: Plan) -> [RuleStatus] {
        var result: [RuleStatus] = []
        if let total = s.totalCap {
            let funds = s.evaluate(.funds, in: plan)
            let bounds = Bounds(min: s.budget.minUse.map { $0 * Rational(total) }, max: Rational(total))
            result.append(status("budget.total", "funds", funds, bounds, nil, nil))
        }
        for rule in s.concreteRules().rules {
            let period = s.periodIndex(rule.period)
            if rule.metric == .fundsPerHousehold {
                let value = s.evaluate(.fundsPerHousehold, rule.filter, period: period, in: plan)
                result.append(status(rule.label, rule.metric.description, value, rule.bounds, nil, rule.location))
                continue
            }
            let value = s.evaluate(rule.metric, rule.filter, period: period, in: plan)
            let all = (rule.bounds.minShare ?? rule.bounds.maxShare) != nil
                ? s.evaluate(rule.metric, period: period, in: plan) : nil
            result.append(status(rule.label, rule.metric.description, value, rule.bounds, all, rule.location))
        }
        return result
    }

    private static func status(_ label: String, _ metric: String, _ value: Rational, _ bounds: Bounds<Rational>,
                               _ all: Rational?, _ location: SourceLocation?) -> RuleStatus {
        var slacks: [(Rational, Rational)] = []  // (slack, bound size for the binding test)
        if let min = bounds.min { slacks.append((value - min, min)) }
        if let max = bounds.max { slacks.append((max - value, max)) }
        if let all, let share = bounds.minShare { slacks.append((value - share * all, share * all)) }
        if let all, let share = bounds.maxShare { slacks.append((share * all - value, share * all)) }
        let tightest = slacks.min { $0.0 < $1.0 }
        let slack = tightest?.0
        let size = max(Rational.one, tightest?.1.magnitude ?? .one)
        let binding = slack.map { $0.magnitude <= size * Rational(1, 1_000_000) } ?? false
        return RuleStatus(label: label, metric: metric, value: value, bounds: bounds, slack: slack, binding: binding,
                          location: location)
    }
}
