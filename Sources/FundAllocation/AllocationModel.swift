/// The optimisation model of a scenario (MODEL.md §2–3) with exact coefficients.
///
/// Columns, all integer-valued at every feasible point:
/// - x_j ∈ {0,1} for every eligible project (ineligible projects have no columns);
/// - a *slot* per period a timed project may be paid in (z_jt ∈ {0,1}, Σ_t z_jt = x_j), or one
///   slot using x_j itself (no periods, a profile, or a one-period window);
/// - k_s ∈ ℤ per slot of a partly fundable project: y = unit·k_s with
///   min_share·cost·ind_s ≤ unit·k_s ≤ cost·ind_s (an all-or-nothing slot pays cost·ind_s);
/// - c_v ∈ [0,1] per village and households filter: c_v ≥ each indicator reaching v,
///   c_v ≤ their sum, so c_v is 1 exactly when a funded project reaches v;
/// - w_fj ≥ 0 (continuous) for each source f that may fund j: Σ_f w_fj = y_j, Σ_j w_fj ≤ amount_f.
public struct AllocationModel: Sendable {
    /// A variable of the model.
    public struct Column: Sendable {
        public enum Kind: Sendable { case binary, integer, continuous }
        public var name: String
        public var kind: Kind
        public var lower: Rational
        public var upper: Rational
        /// True for x, z (binary) columns.
        public var isBinary: Bool { kind == .binary }
    }

    /// A constraint `lower ≤ expression ≤ upper`.
    public struct Row: Sendable {
        public var name: String
        public var expression: LinearExpression
        public var lower: Rational?
        public var upper: Rational?
    }

    /// Where a project may be paid: one period (or none) with its indicator and units column.
    public struct Slot: Sendable {
        /// Period index; nil for projects without a window (no periods, or a profile).
        public var period: Int?
        /// The binary column that says the project is paid here (x_j or z_jt).
        public var indicator: Int
        /// The units column (partly fundable projects only).
        public var units: Int?
    }

    /// Coverage columns of one households filter and period: village index → column.
    struct Coverage: Sendable {
        var projectFilter: Filter
        var period: Int?
        var columns: [Int: Int]
    }

    public let scenario: Scenario
    /// Per project (scenario order): why it is ineligible, or nil.
    public let ineligibility: [Ineligibility?]
    /// Per project: its x column, nil when ineligible.
    public private(set) var xColumn: [Int?] = []
    /// Per project: its slots (empty when ineligible).
    public private(set) var slots: [[Slot]] = []
    /// Per project: (source index, w column) for every source that may fund it.
    public private(set) var flows: [[(source: Int, column: Int)]] = []
    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []
    /// The rules expanded per group, in order.
    public let concreteRules: [ConcreteRule]
    private var coverages: [Coverage] = []
    private let villagesReachedBy: [[Int]]

    /// Builds the model: columns, structural rows, budget, sources, five_good floors, rules,
    /// and the coverage columns every rule and objective term needs.
    public init(_ scenario: Scenario) {
        self.scenario = scenario
        ineligibility = scenario.projects.map { scenario.ineligibility(of: $0) }
        concreteRules = scenario.concreteRules().rules
        let villageIndex = Dictionary(scenario.villages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        villagesReachedBy = scenario.projects.map { p in (p.villageIDs ?? []).compactMap { villageIndex[$0] } }
        for (j, p) in scenario.projects.enumerated() {
            guard ineligibility[j] == nil else { xColumn.append(nil); slots.append([]); continue }
            let xj = addColumn("x_\(p.id)", .binary, lower: p.pin == .in ? .one : .zero, upper: p.pin == .out ? .zero : .one)
            xColumn.append(xj)
            var projectSlots: [Slot] = []
            let window = scenario.window(of: p)
            if let window, window.count > 1 {
                var sum = LinearExpression()
                for t in window {
                    let z = addColumn("z_\(p.id)_\(scenario.periods[t])", .binary, lower: .zero, upper: .one)
                    sum.add(.one, z)
                    projectSlots.append(Slot(period: t, indicator: z, units: unitsColumn(p, "k_\(p.id)_\(scenario.periods[t])")))
                }
                sum.add(-.one, xj)
                rows.append(Row(name: "one_period_\(p.id)", expression: sum, lower: .zero, upper: .zero))
            } else {
                projectSlots.append(Slot(period: window?.first, indicator: xj, units: unitsColumn(p, "k_\(p.id)")))
            }
            slots.append(projectSlots)
        }
        flows = scenario.projects.map { _ in [] }
        buildRows()
    }

    private mutating func addColumn(_ name: String, _ kind: Column.Kind, lower: Rational, upper: Rational) -> Int {
        columns.append(Column(name: name, kind: kind, lower: lower, upper: upper))
        return columns.count - 1
    }

    private mutating func unitsColumn(_ p: Project, _ name: String) -> Int? {
        guard p.isPartlyFundable else { return nil }
        return addColumn(name, .integer, lower: .zero, upper: Rational(p.cost / scenario.budget.unit))
    }

    private mutating func addRow(_ name: String, _ e: LinearExpression, lower: Rational? = nil, upper: Rational? = nil) {
        guard lower != nil || upper != nil else { return }
        rows.append(Row(name: name, expression: e, lower: lower, upper: upper))
    }

    /// The share of a slot's full cost it pays: unit·k/cost, or its indicator (all or nothing).
    func slotFraction(_ j: Int, _ slot: Slot) -> LinearExpression {
        var e = LinearExpression()
        if let k = slot.units {
            e.add(Rational(scenario.budget.unit) / Rational(scenario.projects[j].cost), k)
        } else {
            e.add(.one, slot.indicator)
        }
        return e
    }

    /// y_j / cost_j as an expression; nil when ineligible.
    public func fundedFraction(_ j: Int) -> LinearExpression? {
        guard xColumn[j] != nil else { return nil }
        var e = LinearExpression()
        for slot in slots[j] { e.add(slotFraction(j, slot)) }
        return e
    }

    /// The indicator columns saying project j is funded in `period` (nil: at all).
    func indicators(_ j: Int, period: Int?) -> [Int] {
        guard let x = xColumn[j] else { return [] }
        guard let period else { return [x] }
        let p = scenario.projects[j]
        if !p.profile.isEmpty { return (p.profile[scenario.periods[period]] ?? 0) > 0 ? [x] : [] }
        return slots[j].filter { $0.period == period }.map(\.indicator)
    }

    /// Project j's contribution to `metric` in `period` (nil: over all periods), without villages.
    func projectTerm(_ j: Int, _ metric: Metric, period: Int?) -> LinearExpression {
        var e = LinearExpression()
        let p = scenario.projects[j]
        guard xColumn[j] != nil, let c = scenario.contribution(of: p, to: metric), !c.perFull.isZero else { return e }
        if !c.scalesWithFunding {
            for ind in indicators(j, period: period) { e.add(c.perFull, ind) }
            return e
        }
        if period == nil || !p.profile.isEmpty {
            let weight = scenario.periodWeight(j, metric, period, choice: nil)
            if !weight.isZero { e.add(fundedFraction(j)!, times: c.perFull * weight) }
        } else {
            for slot in slots[j] where slot.period == period { e.add(slotFraction(j, slot), times: c.perFull) }
        }
        return e
    }

    /// The metric over eligible projects matching `filter`, in `period` or over all periods.
    /// Households and persons with a village table count covered villages once; their coverage
    /// columns must have been made by the initialiser (every rule and objective term has them).
    public func expression(_ metric: Metric, _ filter: Filter = .all, period: Int? = nil) -> LinearExpression {
        if !scenario.villages.isEmpty && (metric == .households || metric == .persons) {
            var e = villageExpression(filter, period: period)
            if metric == .persons {
                e = LinearExpression().adding(e, times: scenario.personsPerHousehold ?? .zero)
            }
            return e
        }
        var e = LinearExpression()
        for (j, p) in scenario.projects.enumerated() where xColumn[j] != nil && scenario.matches(p, filter) {
            e.add(projectTerm(j, metric, period: period))
        }
        return e
    }

    private func villageExpression(_ filter: Filter, period: Int?) -> LinearExpression {
        let projectFilter = scenario.projectPart(filter)
        var e = LinearExpression()
        if let coverage = coverages.first(where: { $0.projectFilter == projectFilter && $0.period == period }) {
            for (v, column) in coverage.columns.sorted(by: { $0.key < $1.key })
            where scenario.matches(scenario.villages[v], filter) {
                e.add(scenario.villages[v].households, column)
            }
        } else {
            preconditionFailure("coverage columns for \(filter) were not built")
        }
        for (j, p) in scenario.projects.enumerated()
        where xColumn[j] != nil && p.villageIDs == nil && scenario.matches(p, filter) {
            e.add(projectTerm(j, .households, period: period))
        }
        return e
    }

    /// Makes the coverage columns and rows of one households filter and period, once.
    private mutating func ensureCoverage(_ filter: Filter, period: Int?) {
        let projectFilter = scenario.projectPart(filter)
        guard !coverages.contains(where: { $0.projectFilter == projectFilter && $0.period == period }) else { return }
        var reachers: [Int: [Int]] = [:]   // village → indicator columns
        for (j, p) in scenario.projects.enumerated() where xColumn[j] != nil && scenario.matches(p, projectFilter) {
            let inds = indicators(j, period: period)
            for v in villagesReachedBy[j] { reachers[v, default: []].append(contentsOf: inds) }
        }
        var coverage = Coverage(projectFilter: projectFilter, period: period, columns: [:])
        let tag = coverages.count + 1
        for v in reachers.keys.sorted() {
            let inds = reachers[v]!
            guard !inds.isEmpty else { continue }
            let name = "c\(tag)_\(scenario.villages[v].id)"
            let c = addColumn(name, .continuous, lower: .zero, upper: .one)
            coverage.columns[v] = c
            var atMost = LinearExpression(); atMost.add(.one, c)
            for ind in inds {
                var atLeast = LinearExpression(); atLeast.add(.one, c); atLeast.add(-.one, ind)
                addRow("\(name)_ge_\(columns[ind].name)", atLeast, lower: .zero)
                atMost.add(-.one, ind)
            }
            addRow("\(name)_le", atMost, upper: .zero)
        }
        coverages.append(coverage)
    }

    private mutating func buildRows() {
        let s = scenario
        let unit = Rational(s.budget.unit)
        let index = Dictionary(s.projects.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var excludedPairs: Set<[Int]> = []
        for (j, p) in s.projects.enumerated() {
            guard let x = xColumn[j] else { continue }
            for slot in slots[j] {
                guard let k = slot.units else { continue }
                let suffix = slot.period.map { "_\(s.periods[$0])" } ?? ""
                var upper = LinearExpression(); upper.add(unit, k); upper.add(-Rational(p.cost), slot.indicator)
                addRow("cap_\(p.id)\(suffix)", upper, upper: .zero)
                var lower = LinearExpression(); lower.add(unit, k); lower.add(-(p.minShare * Rational(p.cost)), slot.indicator)
                addRow("floor_\(p.id)\(suffix)", lower, lower: .zero)
            }
            for id in p.requires {
                guard let r = index[id] else { continue }
                var e = LinearExpression(); e.add(.one, x)
                if let xr = xColumn[r] { e.add(-.one, xr) }
                addRow("requires_\(p.id)_\(id)", e, upper: .zero)
            }
            for id in p.excludes {
                guard let r = index[id], let xr = xColumn[r], excludedPairs.insert([min(j, r), max(j, r)]).inserted
                else { continue }
                var e = LinearExpression(); e.add(.one, x); e.add(.one, xr)
                addRow("excludes_\(p.id)_\(id)", e, upper: .one)
            }
        }
        let funds = expression(.funds)
        if let total = s.totalCap {
            addRow("budget_total", funds, lower: s.budget.minUse.map { $0 * Rational(total) }, upper: Rational(total))
        }
        var cumulativeFunds = LinearExpression(), cumulativeCap = Rational.zero
        for (t, label) in s.periods.enumerated() {
            let spent = expression(.funds, period: t)
            cumulativeFunds.add(spent)
            if let cap = s.budget.byPeriod[label] {
                cumulativeCap += Rational(cap)
                if s.budget.carryOver {
                    addRow("budget_until_\(label)", cumulativeFunds, upper: cumulativeCap)
                } else {
                    addRow("budget_\(label)", spent, upper: Rational(cap))
                }
            }
        }
        buildSources()
        if let fiveGood = s.fiveGood {
            for criterion in Criterion.allCases {
                guard let floor = fiveGood.portfolioMin[criterion] else { continue }
                var e = LinearExpression()
                for (j, p) in s.projects.enumerated() where xColumn[j] != nil {
                    let score = p.scores[criterion] ?? .zero
                    e.add(fundedFraction(j)!, times: (score - floor) * Rational(p.cost))
                }
                addRow("portfolio_min_\(criterion.rawValue)", e, lower: .zero)
            }
        }
        for term in s.objective where term.metric == .households || term.metric == .persons {
            if !s.villages.isEmpty { ensureCoverage(term.filter, period: s.periodIndex(term.period)) }
        }
        for (i, rule) in concreteRules.enumerated() {
            let name = "rule\(i + 1)"
            let period = s.periodIndex(rule.period)
            if !s.villages.isEmpty && [.households, .persons, .fundsPerHousehold].contains(rule.metric) {
                ensureCoverage(rule.filter, period: period)
                if rule.bounds.minShare != nil || rule.bounds.maxShare != nil { ensureCoverage(.all, period: period) }
            }
            if rule.metric == .fundsPerHousehold {
                if let k = rule.bounds.max {
                    var e = expression(.funds, rule.filter, period: period)
                    e.add(expression(.households, rule.filter, period: period), times: -k)
                    addRow(name, e, upper: .zero)
                }
                continue
            }
            let e = expression(rule.metric, rule.filter, period: period)
            addRow(name, e, lower: rule.bounds.min, upper: rule.bounds.max)
            if rule.bounds.minShare != nil || rule.bounds.maxShare != nil {
                let all = expression(rule.metric, period: period)
                if let share = rule.bounds.minShare {
                    var d = e; d.add(all, times: -share)
                    addRow("\(name)_min_share", d, lower: .zero)
                }
                if let share = rule.bounds.maxShare {
                    var d = e; d.add(all, times: -share)
                    addRow("\(name)_max_share", d, upper: .zero)
                }
            }
        }
    }

    private mutating func buildSources() {
        let s = scenario
        guard !s.sources.isEmpty else { return }
        var perSource: [LinearExpression] = s.sources.map { _ in LinearExpression() }
        for (j, p) in s.projects.enumerated() where xColumn[j] != nil {
            var split = LinearExpression()
            for (f, source) in s.sources.enumerated() where s.matches(p, source.eligible) {
                let w = addColumn("w_\(source.id)_\(p.id)", .continuous, lower: .zero,
                                  upper: Rational(min(p.cost, source.amount)))
                flows[j].append((f, w))
                split.add(.one, w)
                perSource[f].add(.one, w)
            }
            split.add(projectTerm(j, .funds, period: nil), times: -.one)
            addRow("sources_pay_\(p.id)", split, lower: .zero, upper: .zero)
        }
        for (f, source) in s.sources.enumerated() where !perSource[f].terms.isEmpty {
            addRow("source_\(source.id)", perSource[f], upper: Rational(source.amount))
        }
    }

    /// The model in solver form: coefficients as doubles, each row scaled so that its largest
    /// coefficient is 1 (yuan-sized and score-sized rows then sit side by side safely).
    public func milpModel(extraRows: [Row] = []) -> MILPModel {
        MILPModel(
            columns: columns.map {
                let kind: MILPModel.Column.Kind = $0.kind == .binary ? .binary : $0.kind == .integer ? .integer : .continuous
                return MILPModel.Column(name: $0.name, kind: kind, lower: $0.lower.doubleValue, upper: $0.upper.doubleValue)
            },
            rows: (rows + extraRows).map(AllocationModel.scaled))
    }

    static func scaled(_ row: Row) -> MILPModel.Row {
        let terms = row.expression.sortedTerms
        let largest = terms.map { $0.coefficient.magnitude }.max() ?? .one
        let factor = largest.isZero ? Rational.one : Rational.one / largest
        return MILPModel.Row(
            name: row.name,
            terms: terms.map { ($0.column, ($0.coefficient * factor).doubleValue) },
            lower: row.lower.map { (($0 - row.expression.constant) * factor).doubleValue },
            upper: row.upper.map { (($0 - row.expression.constant) * factor).doubleValue })
    }

    /// A row holding an objective term within its tolerance of a stage optimum.
    static func holdRow(_ name: String, _ e: LinearExpression, sense: Sense, bound: Rational) -> Row {
        Row(name: name, expression: e, lower: sense == .maximize ? bound : nil, upper: sense == .minimize ? bound : nil)
    }

    /// The solver's doubles rounded to a plan in whole yuan (sources split by an exact integral flow).
    public func plan(from values: [Double]) -> Plan {
        let s = scenario
        var amounts = [Int64](repeating: 0, count: s.projects.count)
        var funded = [Bool](repeating: false, count: s.projects.count)
        var choice = [Int?](repeating: nil, count: s.projects.count)
        for (j, p) in s.projects.enumerated() {
            guard let x = xColumn[j], values[x] > 0.5 else { continue }
            funded[j] = true
            // The slot paid: the one whose indicator is set (x itself for a single slot).
            let slot = slots[j].first { values[$0.indicator] > 0.5 } ?? slots[j][0]
            choice[j] = s.window(of: p) == nil ? nil : slot.period
            amounts[j] = slot.units.map { Int64(values[$0].rounded()) * s.budget.unit } ?? p.cost
        }
        var plan = Plan(status: .feasible, amounts: amounts, funded: funded, periodChoice: choice, stages: [])
        if !s.sources.isEmpty { plan.sourceAmounts = SourceSplit.integral(s, amounts: amounts, funded: funded) ?? [] }
        return plan
    }

    /// The exact value every column takes in `plan` (for re-checking rows built on them).
    public func exactValues(of plan: Plan) -> [Rational] {
        var values = [Rational](repeating: .zero, count: columns.count)
        let s = scenario
        for (j, p) in s.projects.enumerated() where plan.funded[j] {
            guard let x = xColumn[j] else { continue }
            values[x] = .one
            let slot = slots[j].count == 1 ? slots[j][0] : slots[j].first { $0.period == plan.periodChoice[j] }
            guard let slot else { continue }
            values[slot.indicator] = .one
            if let k = slot.units { values[k] = Rational(plan.amounts[j] / s.budget.unit) }
            if plan.sourceAmounts.indices.contains(j) {
                for (f, w) in flows[j] { values[w] = Rational(plan.sourceAmounts[j][f]) }
            }
        }
        for coverage in coverages {
            for (v, c) in coverage.columns {
                let reached = s.projects.indices.contains { j in
                    villagesReachedBy[j].contains(v) && s.matches(s.projects[j], coverage.projectFilter)
                        && indicators(j, period: coverage.period).contains { values[$0] == .one }
                }
                values[c] = reached ? .one : .zero
            }
        }
        return values
    }
}

extension LinearExpression {
    /// This expression plus `factor × other`.
    func adding(_ other: LinearExpression, times factor: Rational) -> LinearExpression {
        var e = self
        e.add(other, times: factor)
        return e
    }
}
