/// Variants of a scenario's model that `explain`, the infeasibility diagnosis and the
/// alternative plans solve: the same columns and rows, plus a few columns that relax or
/// measure something. New columns come after the model's own, so `plan(from:)` still reads a
/// solution of a variant.
extension AllocationModel {
    /// Moves one side of a row that has both into a row of its own, so that it can change
    /// alone; `targetRows` and `moneyCaps` follow the side they name.
    mutating func isolate(_ row: Int, keepLower: Bool) {
        guard rows[row].lower != nil && rows[row].upper != nil else { return }
        var moved = rows[row]
        if keepLower {
            moved.lower = nil
            rows[row].upper = nil
        } else {
            moved.upper = nil
            rows[row].lower = nil
        }
        moved.name += keepLower ? "_max" : "_min"
        rows.append(moved)
        let new = rows.count - 1
        for (target, r) in targetRows where r == row && target.isLower == !keepLower { targetRows[target] = new }
        if keepLower { for k in moneyCaps.indices where moneyCaps[k].row == row { moneyCaps[k].row = new } }
    }

    /// The largest |value| a row's expression can take (every column is bounded).
    func range(of row: Row) -> Rational {
        row.expression.terms.reduce(Rational.zero) { sum, term in
            let c = columns[term.key]
            return sum + term.value.magnitude * max(c.lower.magnitude, c.upper.magnitude)
        }
    }

    /// The model with each of `targets` elastic: a slack column (≥ 0, in its row's own units)
    /// by which the row may miss its bound, and the objective that minimises their sum, each
    /// relative to its bound (to the row's range when the bound is 0, as for shares).
    public func elastic(_ targets: [Target]) -> (model: AllocationModel, objective: LinearExpression) {
        var m = self
        var objective = LinearExpression()
        for target in targets {
            guard let row = m.targetRows[target] else { continue }
            m.isolate(row, keepLower: target.isLower)
            let bound = (target.isLower ? m.rows[row].lower : m.rows[row].upper) ?? .zero
            let size = m.range(of: m.rows[row]) + bound.magnitude
            let slack = m.addColumn("slack_\(m.rows[row].name)", .continuous, lower: .zero, upper: max(.one, size))
            m.rows[row].expression.add(target.isLower ? .one : -.one, slack)
            let scale = bound.isZero ? size : bound.magnitude
            objective.add(.one / max(.one, scale), slack)
        }
        return (m, objective)
    }

    /// The model with every money cap (budget.total, the tranches, the sources) and the
    /// min_use floor scaled by (1 + g), g a new column ≥ 0: the whole fund grows in proportion,
    /// as `frontier` grows it. Nil when nothing caps money.
    public func withFundGrowth() -> (model: AllocationModel, growth: Int)? {
        guard !moneyCaps.isEmpty else { return nil }
        var m = self
        let growth = m.addColumn("fund_growth", .continuous, lower: .zero, upper: Rational(1000))
        for (row, cap) in moneyCaps {
            m.isolate(row, keepLower: false)
            m.rows[row].expression.add(-cap, growth)
        }
        if let row = m.targetRows[Target(.minUse)], let floor = m.rows[row].lower {
            m.rows[row].expression.add(-floor, growth)
        }
        return (m, growth)
    }

    /// The model with a column d (≥ 0) no larger than the number of project choices on which
    /// the plan differs from each of `plans`, each difference at least one (a no-good cut):
    /// maximising d gives the plan most unlike all of them.
    public func diverse(from plans: [Plan]) -> (model: AllocationModel, distance: Int) {
        var m = self
        let eligible = scenario.projects.indices.filter { xColumn[$0] != nil }
        let distance = m.addColumn("distance", .continuous, lower: .zero, upper: Rational(eligible.count))
        for (k, plan) in plans.enumerated() {
            // Σ_{funded} (1 − x_j) + Σ_{unfunded} x_j, as Σ ±x_j + |funded|.
            var e = LinearExpression()
            var funded = 0
            for j in eligible {
                if plan.funded[j] {
                    e.add(-.one, xColumn[j]!)
                    funded += 1
                } else {
                    e.add(.one, xColumn[j]!)
                }
            }
            m.addRow("differs_\(k + 1)", e, lower: Rational(1 - funded))
            var d = e
            d.add(-.one, distance)
            m.addRow("distance_\(k + 1)", d, lower: Rational(-funded))
        }
        return (m, distance)
    }
}
