/// The model as the solver sees it: doubles, scaled rows, bounds on their lattice.
extension AllocationModel {
    /// The model in solver form: coefficients as doubles, each row scaled so that its largest
    /// coefficient is 1 (yuan-sized and score-sized rows then sit side by side safely). Every
    /// row of the scenario's model is first moved onto its lattice (`onLattice`); `extraRows`
    /// are taken as they are.
    public func milpModel(extraRows: [Row] = []) -> MILPModel { solverForm(extraRows: extraRows).model }

    /// `milpModel`, with the rows `onLattice` moved: their names and bounds before and after
    /// (for the solver log).
    public func solverForm(extraRows: [Row] = []) -> (model: MILPModel, moved: [(name: String, before: Row, after: Row)]) {
        var moved: [(name: String, before: Row, after: Row)] = []
        let onLatticeRows = rows.map { row in
            let after = onLattice(row)
            if after.lower != row.lower || after.upper != row.upper { moved.append((row.name, row, after)) }
            return after
        }
        let model = MILPModel(
            columns: columns.map {
                let kind: MILPModel.Column.Kind = $0.kind == .binary ? .binary : $0.kind == .integer ? .integer : .continuous
                return MILPModel.Column(name: $0.name, kind: kind, lower: $0.lower.doubleValue, upper: $0.upper.doubleValue)
            },
            rows: (onLatticeRows + extraRows).map(AllocationModel.scaled))
        return (model, moved)
    }

    /// The step g of the values `e` can take — c + g·ℤ, g the gcd of its coefficients — when
    /// every column in it is integer; nil when a continuous column appears or `e` is constant.
    public func latticeStep(_ e: LinearExpression) -> Rational? {
        guard !e.terms.isEmpty, e.terms.keys.allSatisfy({ columns[$0].kind != .continuous }) else { return nil }
        let g = e.terms.values.reduce(Rational.zero) { Rational.gcd($0, $1) }
        return g.isZero ? nil : g
    }

    /// `row` with its bounds moved inwards onto the values its expression can take: an upper
    /// bound down to the lattice point at or below it, a lower bound up. The same integer
    /// plans satisfy it, and the LP relaxation is tighter: a budget of 102,105,263 yuan over
    /// costs in whole 万 is 102,100,000 to the solver, which otherwise spent minutes proving
    /// that the last 5,263 yuan buy nothing (`sweep … --vary budget.total=1亿:1.2亿:20`).
    /// Budget, tranche and rule rows over integer columns are moved; rows with a continuous
    /// column are not (source rows: their split columns are continuous; tranches of partly
    /// funded projects with a window; the fund-growth model of the diagnosis).
    public func onLattice(_ row: Row) -> Row {
        guard let g = latticeStep(row.expression) else { return row }
        let c = row.expression.constant
        var moved = row
        moved.upper = row.upper.map { c + g * Rational((($0 - c) / g).floor) }
        moved.lower = row.lower.map { c + g * Rational((($0 - c) / g).ceiling) }
        return moved
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
    public static func holdRow(_ name: String, _ e: LinearExpression, sense: Sense, bound: Rational) -> Row {
        Row(name: name, expression: e, lower: sense == .maximize ? bound : nil, upper: sense == .minimize ? bound : nil)
    }
}
