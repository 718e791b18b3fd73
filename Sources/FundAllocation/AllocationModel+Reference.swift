/// Re-planning against a reference plan (MODEL.md §8): commitments, closed periods, and the
/// columns of `changes` and `moved`.
///
/// - A committed project is funded with its reference yuan in its reference period (x_j = 1,
///   k_j fixed, its slot's indicator 1; a profile project pays its profile). A committed project
///   pinned out, or whose commitment breaks a rule, a budget or a source, leaves the model
///   infeasible; the diagnosis names the commitment.
/// - Any other project may not be paid in a closed period (one up to `committed_through`):
///   those slots are fixed at 0, and a profile project that pays in one cannot be funded.
/// - `changes` = Σ d_j + (reference projects that have no column: ineligible now, so dropped),
///   d_j ∈ {0,1}: d_j ≥ x_j for a project the reference does not fund; for one it funds,
///   d_j ≥ 1 − x_j, and when its amount may differ, unit·k_j − r_j ≤ M·d_j and
///   r_j − unit·k_j ≤ M·d_j (M = cost_j: any other amount is at least one unit away, so d_j is
///   1; `integralityTolerance` keeps the solver from taking d_j = unit/M for 0), and when its
///   period may differ, d_j ≥ x_j − z_{j,t_ref}. Only `max` rules and minimised terms use it:
///   a plan can always take each d_j at its least, so the count is exact.
/// - `moved` = Σ u_j + Σ y_j (projects the reference does not fund) + Σ r_j (reference
///   projects without a column), u_j ≥ ±(y_j − r_j), exact for the same reason.
extension AllocationModel {
    /// Which metrics against the reference the rules and objective use.
    var usesChanges: Bool { scenario.reference != nil && (concreteRules.contains { $0.metric == .changes } || scenario.objective.contains { $0.metric == .changes }) }
    var usesMoved: Bool { scenario.reference != nil && (concreteRules.contains { $0.metric == .moved } || scenario.objective.contains { $0.metric == .moved }) }

    /// Fixes commitments and closes the periods up to `committed_through`.
    mutating func applyCommitments() {
        guard let terms = scenario.referenceTerms else { return }
        let s = scenario
        for (j, p) in s.projects.enumerated() {
            guard let x = xColumn[j] else { continue }
            if terms[j].committed {
                columns[x].lower = .one
                if let k = units[j] {
                    let fixed = Rational(terms[j].yuan / s.budget.unit)
                    columns[k].lower = fixed
                    columns[k].upper = fixed
                }
                if slots[j].count > 1, let slot = slots[j].first(where: { $0.period == terms[j].period }) {
                    columns[slot.indicator].lower = .one
                }
                continue
            }
            if !p.profile.isEmpty {
                if s.periods.indices.contains(where: { s.isClosed($0) && (p.profile[s.periods[$0]] ?? 0) > 0 }) {
                    columns[x].upper = .zero
                }
                continue
            }
            for slot in slots[j] {
                guard let t = slot.period, s.isClosed(t) else { continue }
                columns[slot.indicator].upper = .zero
            }
        }
    }

    /// The d_j and u_j columns and their rows, for the metrics the scenario uses.
    mutating func buildReferenceColumns() {
        guard let terms = scenario.referenceTerms else { return }
        let s = scenario
        let unit = Rational(s.budget.unit)
        changeColumns = s.projects.map { _ in nil }
        movedColumns = s.projects.map { _ in nil }
        let (changes, moved) = (usesChanges, usesMoved)   // each a walk over the rules and terms
        for (j, p) in s.projects.enumerated() {
            guard let x = xColumn[j] else { continue }
            let r = terms[j]
            if changes {
                let d = addColumn("d_\(p.id)", .binary, lower: .zero, upper: .one)
                changeColumns[j] = d
                func atLeast(_ name: String, _ e: LinearExpression, _ lower: Rational) {
                    var row = e
                    row.add(.one, d)
                    addRow("changed_\(p.id)_\(name)", row, lower: lower)
                }
                var minusX = LinearExpression(); minusX.add(-.one, x)
                var plusX = LinearExpression(); plusX.add(.one, x)
                if !r.funded {
                    atLeast("added", minusX, .zero)                   // d ≥ x
                } else {
                    atLeast("dropped", plusX, .one)                   // d ≥ 1 − x
                    if let k = units[j] {
                        let m = Rational(max(p.cost, r.yuan, 1))
                        var up = LinearExpression(); up.add(unit, k); up.add(-m, d)
                        addRow("changed_\(p.id)_more", up, upper: Rational(r.yuan))        // unit·k − M·d ≤ r
                        var down = LinearExpression(); down.add(-unit, k); down.add(-m, d)
                        addRow("changed_\(p.id)_less", down, upper: -Rational(r.yuan))     // r − unit·k ≤ M·d
                    } else if r.yuan != p.cost {
                        atLeast("amount", minusX, .zero)              // funded at all: another amount
                    }
                    if s.window(of: p) != nil {
                        if let slot = slots[j].first(where: { $0.period == r.period }) {
                            if slots[j].count > 1 {
                                var e = minusX; e.add(.one, slot.indicator)
                                atLeast("period", e, .zero)           // d ≥ x − z_ref
                            }
                        } else {
                            atLeast("period", minusX, .zero)          // its period cannot be taken
                        }
                    }
                }
            }
            if moved && r.funded {
                let u = addColumn("u_\(p.id)", .continuous, lower: .zero, upper: Rational(max(p.cost, r.yuan)))
                movedColumns[j] = u
                var y = fundedFraction(j)!
                y = LinearExpression().adding(y, times: Rational(p.cost))
                var over = LinearExpression(); over.add(.one, u); over.add(y, times: -.one)
                addRow("moved_\(p.id)_over", over, lower: -Rational(r.yuan))       // u ≥ y − r
                var under = LinearExpression(); under.add(.one, u); under.add(y)
                addRow("moved_\(p.id)_under", under, lower: Rational(r.yuan))     // u ≥ r − y
            }
        }
    }

    /// `changes` or `moved` over the projects matching `filter`.
    func referenceExpression(_ metric: Metric, _ filter: Filter) -> LinearExpression {
        var e = LinearExpression()
        guard let terms = scenario.referenceTerms else { return e }
        for (j, p) in scenario.projects.enumerated() where scenario.matches(p, filter) {
            let r = terms[j]
            guard xColumn[j] != nil else {
                // No column (ineligible now, not committed): the reference's funding is dropped.
                if r.funded { e.constant += metric == .changes ? .one : Rational(r.yuan) }
                continue
            }
            if metric == .changes, let d = changeColumns[j] { e.add(.one, d) }
            if metric == .moved {
                if let u = movedColumns[j] { e.add(.one, u) } else { e.add(fundedFraction(j)!, times: Rational(scenario.projects[j].cost)) }
            }
        }
        return e
    }

    /// The least integrality tolerance the `changes` rows need: a d_j of unit/M must not pass
    /// for 0, so a tenth of the smallest unit/cost ratio (nil: the solver's default does).
    public var integralityTolerance: Double? {
        guard usesChanges else { return nil }
        let unit = Double(scenario.budget.unit)
        let ratios = scenario.projects.indices.compactMap { j in
            changeColumns[j] != nil && units[j] != nil ? unit / Double(max(scenario.projects[j].cost, 1)) : nil
        }
        guard let least = ratios.min(), least * 0.1 < 1e-5 else { return nil }
        return least * 0.1
    }

    /// The exact values of the d_j and u_j columns in `plan`.
    func fillReferenceValues(_ values: inout [Rational], _ plan: Plan) {
        guard let terms = scenario.referenceTerms else { return }
        for j in scenario.projects.indices {
            if let d = changeColumns.indices.contains(j) ? changeColumns[j] : nil {
                values[d] = scenario.differs(j, terms[j], plan) ? .one : .zero
            }
            if let u = movedColumns.indices.contains(j) ? movedColumns[j] : nil {
                values[u] = Rational(abs((plan.funded[j] ? plan.amounts[j] : 0) - terms[j].yuan))
            }
        }
    }
}
