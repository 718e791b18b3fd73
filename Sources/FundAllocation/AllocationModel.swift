/// The optimisation model of a scenario (MODEL.md §2–3) with exact coefficients.
///
/// Variables: x_j ∈ {0,1} for every eligible project; for a partly fundable project also
/// k_j ∈ ℤ, y_j = unit·k_j with `min_share·cost·x_j ≤ y_j ≤ cost·x_j`. An all-or-nothing
/// project has y_j = cost_j·x_j and no k_j. Ineligible projects have no variables.
public struct AllocationModel: Sendable {
    /// A variable of the model.
    public struct Column: Sendable {
        public var name: String
        public var isBinary: Bool
        public var lower: Rational
        public var upper: Rational
    }

    /// A constraint `lower ≤ expression ≤ upper`.
    public struct Row: Sendable {
        public var name: String
        public var expression: LinearExpression
        public var lower: Rational?
        public var upper: Rational?
    }

    public let scenario: Scenario
    /// Per project (scenario order): why it is ineligible, or nil.
    public let ineligibility: [Ineligibility?]
    /// Per project: its x column, nil when ineligible.
    public let xColumn: [Int?]
    /// Per project: its k column (partly fundable only).
    public let kColumn: [Int?]
    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []
    /// The rules expanded per group, in order.
    public let concreteRules: [ConcreteRule]

    /// Builds the model: columns, structural rows, budget, five_good portfolio floors, rules.
    public init(_ scenario: Scenario) {
        self.scenario = scenario
        ineligibility = scenario.projects.map { scenario.ineligibility(of: $0) }
        concreteRules = scenario.concreteRules().rules
        var x: [Int?] = [], k: [Int?] = []
        var columns: [Column] = []
        for (j, p) in scenario.projects.enumerated() {
            guard ineligibility[j] == nil else { x.append(nil); k.append(nil); continue }
            x.append(columns.count)
            let pinned: Rational = p.pin == .in ? .one : .zero
            columns.append(Column(name: "x_\(p.id)", isBinary: true, lower: pinned, upper: p.pin == .out ? .zero : .one))
            if p.isPartlyFundable {
                k.append(columns.count)
                let units = Rational(p.cost / scenario.budget.unit)
                columns.append(Column(name: "k_\(p.id)", isBinary: false, lower: .zero, upper: units))
            } else {
                k.append(nil)
            }
        }
        xColumn = x
        kColumn = k
        self.columns = columns
        buildRows()
    }

    /// y_j / cost_j as an expression (x_j for all-or-nothing and zero-cost projects); nil when ineligible.
    public func fundedFraction(_ j: Int) -> LinearExpression? {
        guard let x = xColumn[j] else { return nil }
        var e = LinearExpression()
        if let k = kColumn[j] {
            let p = scenario.projects[j]
            e.add(Rational(scenario.budget.unit) / Rational(p.cost), k)
        } else {
            e.add(.one, x)
        }
        return e
    }

    /// The metric summed over eligible projects matching `filter`.
    public func expression(_ metric: Metric, _ filter: Filter = .all) -> LinearExpression {
        var e = LinearExpression()
        for (j, p) in scenario.projects.enumerated() where xColumn[j] != nil && scenario.matches(p, filter) {
            guard let c = scenario.contribution(of: p, to: metric), !c.perFull.isZero else { continue }
            if c.scalesWithFunding { e.add(fundedFraction(j)!, times: c.perFull) } else { e.add(c.perFull, xColumn[j]!) }
        }
        return e
    }

    private mutating func addRow(_ name: String, _ e: LinearExpression, lower: Rational? = nil, upper: Rational? = nil) {
        guard lower != nil || upper != nil else { return }
        rows.append(Row(name: name, expression: e, lower: lower, upper: upper))
    }

    private mutating func buildRows() {
        let s = scenario
        let unit = Rational(s.budget.unit)
        let index = Dictionary(s.projects.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var excludedPairs: Set<[Int]> = []
        for (j, p) in s.projects.enumerated() {
            guard let x = xColumn[j] else { continue }
            if let k = kColumn[j] {
                var upper = LinearExpression(); upper.add(unit, k); upper.add(-Rational(p.cost), x)
                addRow("cap_\(p.id)", upper, upper: .zero)
                var lower = LinearExpression(); lower.add(unit, k); lower.add(-(p.minShare * Rational(p.cost)), x)
                addRow("floor_\(p.id)", lower, lower: .zero)
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
        if let total = s.budget.total {
            addRow("budget_total", funds, lower: s.budget.minUse.map { $0 * Rational(total) }, upper: Rational(total))
        }
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
        for (i, rule) in concreteRules.enumerated() {
            let name = "rule\(i + 1)"
            if rule.metric == .fundsPerHousehold {
                if let k = rule.bounds.max {
                    var e = expression(.funds, rule.filter)
                    e.add(expression(.households, rule.filter), times: -k)
                    addRow(name, e, upper: .zero)
                }
                continue
            }
            let e = expression(rule.metric, rule.filter)
            addRow(name, e, lower: rule.bounds.min, upper: rule.bounds.max)
            if rule.bounds.minShare != nil || rule.bounds.maxShare != nil {
                let all = expression(rule.metric)
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

    /// The model in solver form: coefficients as doubles, each row scaled so that its largest
    /// coefficient is 1 (yuan-sized and score-sized rows then sit side by side safely).
    public func milpModel(extraRows: [Row] = []) -> MILPModel {
        MILPModel(
            columns: columns.map {
                MILPModel.Column(name: $0.name, kind: $0.isBinary ? .binary : .integer,
                                 lower: $0.lower.doubleValue, upper: $0.upper.doubleValue)
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
}
