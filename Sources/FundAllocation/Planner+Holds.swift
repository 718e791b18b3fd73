/// How an objective term is held while later terms are optimised.
extension Planner {
    /// The most a held term may give up beyond its bound, relative (τ·max(1, |bound|)), where
    /// the term's values are too finely spaced to be held exactly (see `hold`). 10⁻⁷: below
    /// GLPK's own feasibility tolerance it could not be kept; it was 10⁻⁶, and a `within: 0`
    /// term of 2,224 households then gave up 0.002 of them to gain on the next term.
    public static let holdSlack = Rational(1, 10_000_000)

    /// A held objective term: the row the solver sees, and the row every reported plan is
    /// re-checked against in exact arithmetic.
    ///
    /// A term Σ a_i·v_i + c over integer columns only takes values on the lattice c + g·ℤ,
    /// g = gcd(a_i) (`AllocationModel.latticeStep`; a term with a continuous column — the
    /// per-period amounts of a partly funded project with a window — has no lattice). When
    /// g ≥ `holdSlack`·max(1, |bound|) (households of all-or-nothing projects, scores,
    /// projects, funds in whole yuan, and households of partly funded projects whose unit and
    /// cost keep g coarse) the hold is **exact**: the bound is
    /// moved onto the lattice and the solver's row loosened by g/2, so any plan it accepts is
    /// at or beyond the contract's bound; the re-check allows nothing. Otherwise the term is
    /// held to within `holdSlack`·max(1, |bound|) (solver and re-check alike).
    public static func hold(_ name: String, _ e: LinearExpression, sense: Sense, bound: Rational,
                            in model: AllocationModel) -> (solver: AllocationModel.Row, checked: AllocationModel.Row) {
        let tolerance = holdSlack * max(.one, bound.magnitude)
        let maximize = sense == .maximize
        if let g = exactStep(e, near: bound, in: model) {
            let steps = (bound - e.constant) / g
            let onLattice = e.constant + g * Rational(maximize ? steps.ceiling : steps.floor)
            let half = g / Rational(2)
            return (AllocationModel.holdRow(name, e, sense: sense, bound: maximize ? onLattice - half : onLattice + half),
                    AllocationModel.holdRow(name, e, sense: sense, bound: bound))
        }
        let loose = AllocationModel.holdRow(name, e, sense: sense, bound: maximize ? bound - tolerance : bound + tolerance)
        return (loose, loose)
    }

    /// The step g of `e`'s lattice when it is coarse enough for `e` to be held exactly near
    /// `value` (g ≥ `holdSlack`·max(1, |value|), `hold`); nil when its values are finer or on
    /// no lattice.
    static func exactStep(_ e: LinearExpression, near value: Rational, in model: AllocationModel) -> Rational? {
        guard let g = model.latticeStep(e), g >= holdSlack * max(.one, value.magnitude) else { return nil }
        return g
    }

    /// A solved stage's term can be no better than the stage proved: a row `term ≤ bound` (a
    /// maximised term; `≥` for a minimised one) cuts nothing from any later stage's plans — each
    /// later stage and the tie-break solve the same model with more rows — but it cuts the LP
    /// relaxations that would otherwise go past the bound, so later searches prove their optima
    /// sooner. The bound: the stage's optimum when proven by an empty search tree, else the
    /// best bound the search reported, never below the plan's own value; loosened by
    /// `capSlack`·max(1, |bound|) (the solver prunes within 10⁻⁷ of its objective, so a
    /// proven optimum is exact only to that). Handed to the backend as an implied row
    /// (`MILPOptions.impliedRows`): not a rule, and no reported plan is checked against it.
    /// Nil when the stage has no bound (stopped before one), optimises through a continuous
    /// column (a worst case), or its term is not held exactly (values finer than `holdSlack`,
    /// `hold`): there the hold and the cap leave a slab 1.1·10⁻⁶ wide, and a search went on in
    /// it — `robust` on scenarios/xianyang-uncertain.yaml, sample 99 (drawn scores), stage 3:
    /// 29,541 nodes in 5 s, unproven, against 9 nodes without the cap; the 200 samples 61.7 s
    /// against 3.2 s.
    ///
    /// Measured over the 101-point budget sweep of the Xianyang baseline (`solve -v`, stages
    /// 1/2/3/tie-break): 7,141 / 6,543 / 4,205 / 6,989 nodes without caps, 7,141 / 6,543 /
    /// 3,727 / 5,099 with them (its households are on no lattice: no cap), and the one
    /// tie-break that reached its node limit proven.
    static func cap(_ name: String, _ objective: StageObjective, sense: Sense, value: Rational,
                    solution: MILPSolution, in model: AllocationModel) -> AllocationModel.Row? {
        guard objective.stepped, objective.held == [objective.expression],
              exactStep(objective.expression, near: value, in: model) != nil else { return nil }
        let maximize = sense == .maximize
        var bound = value
        if solution.status != .optimal {
            guard let reported = solution.bestBound, reported.isFinite else { return nil }
            let factor = Planner.objective(objective.expression, sense: sense).factor
            // A decimal of the reported bound, rounded outwards (the slack below covers far more).
            let scaled = (reported * 1e6).rounded(maximize ? .up : .down)
            guard scaled.magnitude < 9e15 else { return nil }
            let converted = Rational(Int(scaled), 1_000_000) / factor + objective.expression.constant
            bound = maximize ? max(value, converted) : min(value, converted)
        }
        let slack = capSlack * max(.one, bound.magnitude)
        return AllocationModel.Row(name: name, expression: objective.expression,
                                   lower: maximize ? nil : bound - slack, upper: maximize ? bound + slack : nil)
    }

    /// A stage's root basis laid out for the next solve. A stage's rows are the model's, the
    /// holds so far, the stage's own rows (a worst case's), then the caps
    /// (`MILPOptions.impliedRows`); the next solve's are the model's, the holds with this
    /// stage's `added`, then the caps with this stage's: the new holds start basic, the stage's
    /// own rows are `dropped`, and the caps keep their statuses (the new cap, past the end,
    /// starts basic).
    public static func nextBasis(_ basis: MILPBasis, kept: Int, added: Int, dropped: Int) -> MILPBasis {
        guard basis.rows.count >= kept + dropped else { return basis }
        let rows = basis.rows[..<kept] + repeatElement(.basic, count: added) + basis.rows[(kept + dropped)...]
        return MILPBasis(rows: Array(rows), columns: basis.columns)
    }

    /// How far past a stage's bound its cap lies, relative (`cap`): ten times the solver's
    /// tolerance for pruning (10⁻⁷).
    public static let capSlack = Rational(1, 1_000_000)
}
