/// A bound the planner chose and may relax: one side of a rule for one group, `budget.min_use`,
/// or a 五个好 portfolio floor. The infeasibility diagnosis relaxes these; the money caps,
/// pins, `requires`/`excludes` and eligibility are the hard structure of a scenario.
public struct Target: Hashable, Sendable {
    public enum Side: String, Hashable, Sendable {
        case min, max, minShare = "min_share", maxShare = "max_share"

        /// True for the sides that ask for at least something.
        public var isLower: Bool { self == .min || self == .minShare }
        public var isShare: Bool { self == .minShare || self == .maxShare }
    }

    public enum Kind: Hashable, Sendable {
        /// A side of the concrete rule with this index (into `Scenario.concreteRules()`).
        case rule(Int, Side)
        /// `budget.min_use`: funds ≥ min_use × the fund.
        case minUse
        /// `five_good.portfolio_min.<criterion>`: the funds-weighted score is at least the floor.
        case portfolioMin(Criterion)
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    /// True when the bound is a share (min_share, max_share, min_use) rather than an amount.
    public var isShare: Bool {
        switch kind {
        case .rule(_, let side): return side.isShare
        case .minUse: return true
        case .portfolioMin: return false
        }
    }

    /// True when the target asks for at least its bound (relaxing it means lowering the bound).
    public var isLower: Bool {
        if case .rule(_, let side) = kind { return side.isLower }
        return true
    }
}

extension Scenario {
    /// Every target of the scenario, in order: the rules' bounds (concrete rules in order, then
    /// min, max, min_share, max_share), min_use, the portfolio floors.
    public func targets() -> [Target] {
        var result: [Target] = []
        for (i, rule) in concreteRules().rules.enumerated() {
            if rule.bounds.min != nil { result.append(Target(.rule(i, .min))) }
            if rule.bounds.max != nil { result.append(Target(.rule(i, .max))) }
            if rule.bounds.minShare != nil { result.append(Target(.rule(i, .minShare))) }
            if rule.bounds.maxShare != nil { result.append(Target(.rule(i, .maxShare))) }
        }
        if budget.minUse != nil && totalCap != nil { result.append(Target(.minUse)) }
        for criterion in Criterion.allCases where fiveGood?.portfolioMin[criterion] != nil {
            result.append(Target(.portfolioMin(criterion)))
        }
        return result
    }

    /// The target's bound as written: a number of the metric's units, a share (0…1) for
    /// min_share/max_share and min_use, a score for a portfolio floor.
    public func bound(of target: Target) -> Rational? {
        switch target.kind {
        case .rule(let i, let side):
            let rules = concreteRules().rules
            guard rules.indices.contains(i) else { return nil }
            let b = rules[i].bounds
            switch side {
            case .min: return b.min
            case .max: return b.max
            case .minShare: return b.minShare
            case .maxShare: return b.maxShare
            }
        case .minUse: return budget.minUse
        case .portfolioMin(let c): return fiveGood?.portfolioMin[c]
        }
    }

    /// The scenario with `target`'s bound replaced by `value` (nil: dropped).
    public func setting(_ target: Target, to value: Rational?) -> Scenario {
        var s = self
        switch target.kind {
        case .rule(let i, let side):
            var b = concreteRules().rules[i].bounds
            switch side {
            case .min: b.min = value
            case .max: b.max = value
            case .minShare: b.minShare = value
            case .maxShare: b.maxShare = value
            }
            s.ruleBoundOverrides[i] = b
        case .minUse: s.budget.minUse = value
        case .portfolioMin(let c): s.fiveGood?.portfolioMin[c] = value
        }
        return s
    }

    /// The scenario without `targets`.
    public func dropping(_ targets: some Sequence<Target>) -> Scenario {
        targets.reduce(self) { $0.setting($1, to: nil) }
    }

    /// What the target measures in `plan`, in the units of its bound (shares as shares).
    public func measure(_ target: Target, in plan: Plan) -> Rational {
        switch target.kind {
        case .rule(let i, let side):
            let rule = concreteRules().rules[i]
            let period = periodIndex(rule.period)
            let value = evaluate(rule.metric, rule.filter, period: period, in: plan)
            guard side.isShare else { return value }
            let all = evaluate(rule.metric, period: period, in: plan)
            return all.isZero ? .zero : value / all
        case .minUse:
            guard let total = totalCap, total > 0 else { return .zero }
            return evaluate(.funds, in: plan) / Rational(total)
        case .portfolioMin(let c):
            var weighted = Rational.zero, funds = Rational.zero
            for (j, p) in projects.enumerated() where plan.funded[j] {
                weighted += (p.scores[c] ?? .zero) * Rational(plan.amounts[j])
                funds += Rational(plan.amounts[j])
            }
            return funds.isZero ? .zero : weighted / funds
        }
    }

    /// How a target reads: its rule's label (or the key), the metric, the comparison and bound.
    public func describe(_ target: Target) -> (label: String, metric: String, relation: String, location: SourceLocation?) {
        switch target.kind {
        case .rule(let i, let side):
            let rule = concreteRules().rules[i]
            let relation: String
            switch side {
            case .min: relation = "≥"
            case .max: relation = "≤"
            case .minShare: relation = "share ≥"
            case .maxShare: relation = "share ≤"
            }
            return (rule.label, rule.metric.description, relation, rule.location)
        case .minUse:
            return ("budget.min_use", "funds", "share of the fund ≥", nil)
        case .portfolioMin(let c):
            return ("five_good.portfolio_min.\(c.rawValue)", "score_\(c.rawValue)", "funds-weighted ≥", fiveGood?.location)
        }
    }

    /// The scenario with the whole fund made `size`: `budget.total`, the `by_period` tranches
    /// and the source amounts scaled in proportion, in whole yuan (`Apportion.parts`).
    public func withFund(_ size: Int64) -> Scenario {
        guard let base = totalCap else { return self }
        let ratio = base == 0 ? Rational.one : Rational(size) / Rational(base)
        var s = self
        if s.budget.total != nil { s.budget.total = size }
        let periods = self.periods.filter { budget.byPeriod[$0] != nil }
        for (period, cap) in zip(periods, Apportion.parts(periods.map { budget.byPeriod[$0]! }, ratio)) {
            s.budget.byPeriod[period] = cap
        }
        for (f, amount) in Apportion.parts(sources.map(\.amount), ratio).enumerated() { s.sources[f].amount = amount }
        return s
    }
}

/// Whole-number shares of a scaled list.
public enum Apportion {
    /// `values` × `ratio` in whole numbers that add up to round(Σ values × ratio): each rounded
    /// down, then one more to the largest remainders (earlier first on ties).
    public static func parts(_ values: [Int64], _ ratio: Rational) -> [Int64] {
        let exact = values.map { Rational($0) * ratio }
        var parts = exact.map { Int64($0.floor) }
        let target = Int64(exact.sum().rounded)
        let order = exact.indices.sorted { a, b in
            let ra = exact[a] - Rational(parts[a]), rb = exact[b] - Rational(parts[b])
            return ra == rb ? a < b : rb < ra
        }
        for i in order.prefix(Int(max(0, target - parts.reduce(0, +)))) { parts[i] += 1 }
        return parts
    }
}
