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
        if let g = model.latticeStep(e), g >= tolerance {
            let steps = (bound - e.constant) / g
            let onLattice = e.constant + g * Rational(maximize ? steps.ceiling : steps.floor)
            let half = g / Rational(2)
            return (AllocationModel.holdRow(name, e, sense: sense, bound: maximize ? onLattice - half : onLattice + half),
                    AllocationModel.holdRow(name, e, sense: sense, bound: bound))
        }
        let loose = AllocationModel.holdRow(name, e, sense: sense, bound: maximize ? bound - tolerance : bound + tolerance)
        return (loose, loose)
    }
}
