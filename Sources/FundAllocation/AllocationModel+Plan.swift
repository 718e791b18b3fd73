/// Between plans and column values.
extension AllocationModel {
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
            amounts[j] = units[j].map { Int64(values[$0].rounded()) * s.budget.unit } ?? p.cost
        }
        var plan = Plan(status: .feasible, amounts: amounts, funded: funded, periodChoice: choice, stages: [])
        if !s.sources.isEmpty { plan.sourceAmounts = SourceSplit.integral(s, amounts: amounts, funded: funded) ?? [] }
        return plan
    }

    /// The exact value every column takes in `plan` (for re-checking rows built on them).
    public func exactValues(of plan: Plan) -> [Rational] {
        var values = [Rational](repeating: .zero, count: columns.count)
        let s = scenario
        for j in s.projects.indices where plan.funded[j] {
            guard let x = xColumn[j] else { continue }
            values[x] = .one
            let slot = slots[j].count == 1 ? slots[j][0] : slots[j].first { $0.period == plan.periodChoice[j] }
            guard let slot else { continue }
            values[slot.indicator] = .one
            if let k = units[j] { values[k] = Rational(plan.amounts[j] / s.budget.unit) }
            if let y = slot.amount { values[y] = Rational(plan.amounts[j]) }
            if plan.sourceAmounts.indices.contains(j) {
                for (f, w) in flows[j] { values[w] = Rational(plan.sourceAmounts[j][f]) }
            }
        }
        fillReferenceValues(&values, plan)
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
