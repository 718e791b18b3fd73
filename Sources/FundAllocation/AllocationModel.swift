/// The optimisation model of a scenario (MODEL.md §2–3) with exact coefficients.
///
/// Columns, all integer-valued at every feasible point:
/// - x_j ∈ {0,1} for every eligible project (ineligible projects have no columns);
/// - k_j ∈ ℤ for a partly fundable project: y_j = unit·k_j with
///   min_share·cost·x_j ≤ unit·k_j ≤ cost·x_j (an all-or-nothing project pays cost·x_j);
/// - a *slot* per period a timed project may be paid in (z_jt ∈ {0,1}, Σ_t z_jt = x_j), or one
///   slot using x_j itself (no periods, a profile, or a one-period window); a partly fundable
///   project with several slots pays y_jt ∈ [0, cost·z_jt] in each, Σ_t y_jt = unit·k_j
///   (one integer amount and continuous per-period parts: far fewer integers to branch on
///   than a k per slot, and y_jt is whole yuan at every feasible point since one z_jt is 1);
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
        /// The continuous y_jt column of a partly fundable project with several slots.
        public var amount: Int?
    }

    /// Coverage columns of one households filter and period: village index → column.
    struct Coverage: Sendable {
        var projectFilter: Filter
        var period: Int?
        var columns: [Int: Int]
        /// Whether c_v ≥ each indicator is imposed. Every use that only ever wants households
        /// larger (a maximised term, a `min` bound, a funds-per-household cap) needs just
        /// c_v ≤ Σ indicators: making c_v smaller could only hurt it. Any use that may want
        /// them smaller (minimised, `max`, the total of a share) makes the link two-sided.
        var twoSided: Bool
    }

    public let scenario: Scenario
    /// Per project (scenario order): why it is ineligible, or nil.
    public let ineligibility: [Ineligibility?]
    /// Per project: its x column, nil when ineligible.
    public private(set) var xColumn: [Int?] = []
    /// Per project: its slots (empty when ineligible).
    public private(set) var slots: [[Slot]] = []
    /// Per project: its k_j column (partly fundable, eligible projects only).
    public private(set) var units: [Int?] = []
    /// Per project: (source index, w column) for every source that may fund it.
    public private(set) var flows: [[(source: Int, column: Int)]] = []
    public internal(set) var columns: [Column] = []
    public internal(set) var rows: [Row] = []
    /// The row of each target (`Scenario.targets()`): its lower side for a target asking for
    /// at least, its upper side otherwise.
    public internal(set) var targetRows: [Target: Int] = [:]
    /// The rows capping money (budget.total, the tranches, the sources) with the cap each sets
    /// on its upper side, and the row holding min_use on its lower side.
    public internal(set) var moneyCaps: [(row: Int, cap: Rational)] = []
    /// The rules expanded per group, in order.
    public let concreteRules: [ConcreteRule]
    /// Per project: its d_j column of `changes` (nil when unused or ineligible).
    var changeColumns: [Int?] = []
    /// Per project: its u_j column of `moved` (nil when unused, ineligible or not in the reference).
    var movedColumns: [Int?] = []
    private(set) var coverages: [Coverage] = []
    private var coverageReachers: [[Int: [Int]]] = []
    let villagesReachedBy: [[Int]]

    /// Builds the model: columns, structural rows, budget, sources, five_good floors, rules,
    /// and the coverage columns every rule and objective term needs.
    public init(_ scenario: Scenario) {
        self.scenario = scenario
        ineligibility = scenario.projects.map { scenario.ineligibility(of: $0) }
        concreteRules = scenario.concreteRules().rules
        villagesReachedBy = scenario.villagesReached
        for (j, p) in scenario.projects.enumerated() {
            guard ineligibility[j] == nil else { xColumn.append(nil); slots.append([]); units.append(nil); continue }
            let xj = addColumn("x_\(p.id)", .binary, lower: p.pin == .in ? .one : .zero, upper: p.pin == .out ? .zero : .one)
            xColumn.append(xj)
            units.append(p.isPartlyFundable
                ? addColumn("k_\(p.id)", .integer, lower: .zero, upper: Rational(p.cost / scenario.budget.unit)) : nil)
            var projectSlots: [Slot] = []
            let window = scenario.window(of: p)
            if let window, window.count > 1 {
                var sum = LinearExpression()
                for t in window {
                    let z = addColumn("z_\(p.id)_\(scenario.periods[t])", .binary, lower: .zero, upper: .one)
                    sum.add(.one, z)
                    let amount = p.isPartlyFundable
                        ? addColumn("y_\(p.id)_\(scenario.periods[t])", .continuous, lower: .zero, upper: Rational(p.cost)) : nil
                    projectSlots.append(Slot(period: t, indicator: z, amount: amount))
                }
                sum.add(-.one, xj)
                rows.append(Row(name: "one_period_\(p.id)", expression: sum, lower: .zero, upper: .zero))
            } else {
                projectSlots.append(Slot(period: window?.first, indicator: xj, amount: nil))
            }
            slots.append(projectSlots)
        }
        flows = scenario.projects.map { _ in [] }
        applyCommitments()
        buildReferenceColumns()
        buildRows()
    }

    /// A continuous column in [−bound, bound] for a caller's own rows (the robust plan's
    /// worst case).
    public mutating func addContinuousColumn(_ name: String, bound: Rational) -> Int {
        addColumn(name, .continuous, lower: -bound, upper: bound)
    }

    /// The largest value |expression| can take within the columns' bounds.
    public func magnitudeBound(_ e: LinearExpression) -> Rational {
        e.terms.reduce(e.constant.magnitude) { sum, term in
            sum + term.value.magnitude * max(columns[term.key].upper.magnitude, columns[term.key].lower.magnitude)
        }
    }

    mutating func addColumn(_ name: String, _ kind: Column.Kind, lower: Rational, upper: Rational) -> Int {
        columns.append(Column(name: name, kind: kind, lower: lower, upper: upper))
        return columns.count - 1
    }

    @discardableResult
    mutating func addRow(_ name: String, _ e: LinearExpression, lower: Rational? = nil, upper: Rational? = nil) -> Int? {
        guard lower != nil || upper != nil else { return nil }
        rows.append(Row(name: name, expression: e, lower: lower, upper: upper))
        return rows.count - 1
    }

    /// The share of project j's full cost a slot pays: y_jt/cost, or for a single slot the
    /// project's own fraction.
    func slotFraction(_ j: Int, _ slot: Slot) -> LinearExpression {
        if slots[j].count == 1 { return fundedFraction(j)! }
        var e = LinearExpression()
        if let y = slot.amount { e.add(Rational(1) / Rational(scenario.projects[j].cost), y) } else { e.add(.one, slot.indicator) }
        return e
    }

    /// The whole units of `budget.unit` a partly fundable project j gets when funded: at least
    /// ⌈min_share·cost/unit⌉ and at most ⌊cost/unit⌋ (its floor and cap rows).
    func unitRange(_ j: Int) -> (least: Int64, most: Int64) {
        let p = scenario.projects[j], unit = Rational(scenario.budget.unit)
        return (Int64((p.minShare * Rational(p.cost) / unit).ceiling), Int64((Rational(p.cost) / unit).floor))
    }

    /// y_j / cost_j as an expression (unit·k_j/cost_j, or x_j all or nothing); nil when ineligible.
    public func fundedFraction(_ j: Int) -> LinearExpression? {
        guard let x = xColumn[j] else { return nil }
        var e = LinearExpression()
        if let k = units[j] { e.add(Rational(scenario.budget.unit) / Rational(scenario.projects[j].cost), k) } else { e.add(.one, x) }
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
    /// `data`: a scenario with the same projects whose numbers (households, scores) to use —
    /// a robustness sample; nil: this model's own.
    func projectTerm(_ j: Int, _ metric: Metric, period: Int?, data: Scenario? = nil) -> LinearExpression {
        var e = LinearExpression()
        let source = data ?? scenario
        let p = source.projects[j]
        guard xColumn[j] != nil, let c = source.contribution(of: p, to: metric), !c.perFull.isZero else { return e }
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
        if metric.isAgainstReference { return referenceExpression(metric, filter) }
        return expression(metric, filter, period: period, data: scenario)
    }

    /// `metric` over this model's columns with the numbers of `data`: a robustness sample of the
    /// same projects and villages (MODEL.md §9), whose households and scores are drawn; who
    /// reaches which village, and so the coverage columns, are the model's own.
    public func expression(_ metric: Metric, _ filter: Filter = .all, period: Int? = nil, data: Scenario) -> LinearExpression {
        if !scenario.villages.isEmpty && (metric == .households || metric == .persons) {
            let e = villageExpression(filter, period: period, data: data)
            return metric == .persons ? LinearExpression().adding(e, times: data.personsPerHousehold ?? .zero) : e
        }
        var e = LinearExpression()
        for (j, p) in data.projects.enumerated() where xColumn[j] != nil && data.matches(p, filter) {
            e.add(projectTerm(j, metric, period: period, data: data))
        }
        return e
    }

    private func villageExpression(_ filter: Filter, period: Int?, data: Scenario) -> LinearExpression {
        let projectFilter = scenario.projectPart(filter)
        guard let coverage = coverages.first(where: { $0.projectFilter == projectFilter && $0.period == period }) else {
            preconditionFailure("coverage columns for \(filter) were not built")
        }
        var e = LinearExpression()
        for (v, column) in coverage.columns.sorted(by: { $0.key < $1.key }) where scenario.matches(scenario.villages[v], filter) {
            e.add(data.villages[v].households, column)
        }
        for (j, p) in scenario.projects.enumerated()
        where xColumn[j] != nil && p.villageIDs == nil && scenario.matches(p, filter) {
            e.add(projectTerm(j, .households, period: period, data: data))
        }
        return e
    }

    /// Makes the coverage columns and rows of one households filter and period, once.
    /// `twoSided`: this use may want households smaller (see `Coverage.twoSided`).
    private mutating func ensureCoverage(_ filter: Filter, period: Int?, twoSided: Bool) {
        let projectFilter = scenario.projectPart(filter)
        if let existing = coverages.firstIndex(where: { $0.projectFilter == projectFilter && $0.period == period }) {
            if twoSided && !coverages[existing].twoSided { addLowerLinks(existing) }
            return
        }
        var reachers: [Int: [Int]] = [:]   // village → indicator columns
        for (j, p) in scenario.projects.enumerated() where xColumn[j] != nil && scenario.matches(p, projectFilter) {
            let inds = indicators(j, period: period)
            for v in villagesReachedBy[j] { reachers[v, default: []].append(contentsOf: inds) }
        }
        var coverage = Coverage(projectFilter: projectFilter, period: period, columns: [:], twoSided: false)
        let tag = coverages.count + 1
        for v in reachers.keys.sorted() {
            let inds = reachers[v]!
            guard !inds.isEmpty else { continue }
            let name = "c\(tag)_\(scenario.villages[v].id)"
            let c = addColumn(name, .continuous, lower: .zero, upper: .one)
            coverage.columns[v] = c
            var atMost = LinearExpression(); atMost.add(.one, c)
            for ind in inds { atMost.add(-.one, ind) }
            addRow("\(name)_le", atMost, upper: .zero)
        }
        coverages.append(coverage)
        coverageReachers.append(reachers)
        if twoSided { addLowerLinks(coverages.count - 1) }
    }

    /// c_v ≥ each indicator reaching v, for one coverage.
    private mutating func addLowerLinks(_ index: Int) {
        coverages[index].twoSided = true
        for (v, c) in coverages[index].columns.sorted(by: { $0.key < $1.key }) {
            for ind in coverageReachers[index][v] ?? [] {
                var atLeast = LinearExpression(); atLeast.add(.one, c); atLeast.add(-.one, ind)
                addRow("\(columns[c].name)_ge_\(columns[ind].name)", atLeast, lower: .zero)
            }
        }
    }

    private mutating func buildRows() {
        let s = scenario
        let unit = Rational(s.budget.unit)
        let index = Dictionary(s.projects.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var excludedPairs: Set<[Int]> = []
        for (j, p) in s.projects.enumerated() {
            guard let x = xColumn[j] else { continue }
            if let k = units[j] {
                // k_j ≤ ⌊cost/unit⌋·x_j and k_j ≥ ⌈min_share·cost/unit⌉·x_j: the same whole
                // numbers of units as unit·k_j ≤ cost·x_j and unit·k_j ≥ min_share·cost·x_j, with
                // the coefficients rounded as k_j's integrality allows, which the relaxation
                // does not know. Measured on the province scale (3,500 projects, stage 2):
                // its LP bound 9,163.99 → 9,151.30, against plans found of 9,150.65.
                let range = unitRange(j)
                var upper = LinearExpression(); upper.add(.one, k); upper.add(-Rational(range.most), x)
                addRow("cap_\(p.id)", upper, upper: .zero)
                var lower = LinearExpression(); lower.add(.one, k); lower.add(-Rational(range.least), x)
                addRow("floor_\(p.id)", lower, lower: .zero)
                if slots[j].count > 1 {
                    var split = LinearExpression(); split.add(-unit, k)
                    for slot in slots[j] {
                        guard let y = slot.amount else { continue }
                        split.add(.one, y)
                        var cap = LinearExpression(); cap.add(.one, y); cap.add(-Rational(p.cost), slot.indicator)
                        addRow("cap_\(p.id)_\(s.periods[slot.period!])", cap, upper: .zero)
                    }
                    addRow("split_\(p.id)", split, lower: .zero, upper: .zero)
                }
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
            let row = addRow("budget_total", funds, lower: s.budget.minUse.map { $0 * Rational(total) }, upper: Rational(total))!
            moneyCaps.append((row, Rational(total)))
            if s.budget.minUse != nil { targetRows[Target(.minUse)] = row }
        }
        var cumulativeFunds = LinearExpression(), cumulativeCap = Rational.zero
        for (t, label) in s.periods.enumerated() {
            let spent = expression(.funds, period: t)
            cumulativeFunds.add(spent)
            if let cap = s.budget.byPeriod[label] {
                cumulativeCap += Rational(cap)
                if s.budget.carryOver {
                    moneyCaps.append((addRow("budget_until_\(label)", cumulativeFunds, upper: cumulativeCap)!, cumulativeCap))
                } else {
                    moneyCaps.append((addRow("budget_\(label)", spent, upper: Rational(cap))!, Rational(cap)))
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
                targetRows[Target(.portfolioMin(criterion))] = addRow("portfolio_min_\(criterion.rawValue)", e, lower: .zero)
            }
        }
        for term in s.objective where term.metric == .households || term.metric == .persons {
            if !s.villages.isEmpty {
                ensureCoverage(term.filter, period: s.periodIndex(term.period), twoSided: term.sense == .minimize)
            }
        }
        for (i, rule) in concreteRules.enumerated() {
            let name = "rule\(i + 1)"
            let period = s.periodIndex(rule.period)
            if !s.villages.isEmpty && [.households, .persons, .fundsPerHousehold].contains(rule.metric) {
                let mayWantLess = rule.metric != .fundsPerHousehold && (rule.bounds.max != nil || rule.bounds.maxShare != nil)
                ensureCoverage(rule.filter, period: period, twoSided: mayWantLess)
                if rule.bounds.minShare != nil || rule.bounds.maxShare != nil {
                    // The total: subtracted by min_share (wants it smaller), added by max_share.
                    ensureCoverage(.all, period: period, twoSided: rule.bounds.minShare != nil)
                }
            }
            if rule.metric == .fundsPerHousehold {
                if let k = rule.bounds.max {
                    var e = expression(.funds, rule.filter, period: period)
                    e.add(expression(.households, rule.filter, period: period), times: -k)
                    targetRows[Target(.rule(i, .max))] = addRow(name, e, upper: .zero)
                }
                continue
            }
            let e = expression(rule.metric, rule.filter, period: period)
            if let row = addRow(name, e, lower: rule.bounds.min, upper: rule.bounds.max) {
                if rule.bounds.min != nil { targetRows[Target(.rule(i, .min))] = row }
                if rule.bounds.max != nil { targetRows[Target(.rule(i, .max))] = row }
            }
            if rule.bounds.minShare != nil || rule.bounds.maxShare != nil {
                let all = expression(rule.metric, period: period)
                if let share = rule.bounds.minShare {
                    var d = e; d.add(all, times: -share)
                    targetRows[Target(.rule(i, .minShare))] = addRow("\(name)_min_share", d, lower: .zero)
                }
                if let share = rule.bounds.maxShare {
                    var d = e; d.add(all, times: -share)
                    targetRows[Target(.rule(i, .maxShare))] = addRow("\(name)_max_share", d, upper: .zero)
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
            moneyCaps.append((addRow("source_\(source.id)", perSource[f], upper: Rational(source.amount))!, Rational(source.amount)))
        }
    }
}
