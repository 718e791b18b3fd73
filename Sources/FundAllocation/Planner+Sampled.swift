/// A first stage measured over samples of the data: the robust plan of `robust --plan`
/// (MODEL.md §9).
public struct SampledTerm: Sendable {
    /// What is made best over the samples: the worst sample's value of the first term, or its mean.
    public enum Aggregate: String, Sendable, CaseIterable { case worst, mean }

    public var aggregate: Aggregate
    /// The scenario's samples (`Scenario.sample`): the same projects and villages with drawn numbers.
    public var samples: [Scenario]

    public init(_ aggregate: Aggregate, over samples: [Scenario]) {
        self.aggregate = aggregate
        self.samples = samples
    }

    /// The aggregate of `term` in `plan`, each sample's value measured on its own data, exactly.
    public func value(_ term: ObjectiveTerm, in plan: Plan) -> Rational {
        let values = samples.map { $0.evaluate(term.metric, term.filter, period: $0.periodIndex(term.period), in: plan) }
        switch aggregate {
        case .worst: return term.sense == .maximize ? values.min()! : values.max()!
        case .mean: return values.reduce(.zero, +) / Rational(values.count)
        }
    }
}

extension Planner {
    /// What one stage optimises and holds.
    struct StageObjective {
        /// The solver's objective.
        var expression: LinearExpression
        /// Rows the stage's own solve adds (the worst case's t ≤ value_k).
        var rows: [AllocationModel.Row]
        /// Whether the objective moves in whole steps of its coefficients' gcd (it does not
        /// through a continuous column such as the worst case's t).
        var stepped: Bool
        /// The expressions that hold the stage once solved, each at the stage's bound: the term
        /// itself; for a worst case, every sample's value; for a mean, the mean.
        var held: [LinearExpression]
        /// How much of its optimum the stage may give up for later terms: the term's own
        /// window; none for a worst case or mean, which the robust plan makes best.
        var within: Rational
        /// The stage's exact value in a plan.
        var value: (Plan) -> Rational
    }

    /// A sampled first stage over a model: the term's expression on each sample's data, built
    /// once, and the worst case's column t when it asks for one.
    struct SampledStage {
        var term: SampledTerm
        var values: [LinearExpression]
        var worstColumn: Int?

        /// Adds t to `model` for a worst case: free within the largest value any sample's
        /// term can take. Nil without a sampled term or a first term.
        init?(_ model: inout AllocationModel, _ sampled: SampledTerm?) {
            guard let sampled, let term = model.scenario.objective.first else { return nil }
            let period = model.scenario.periodIndex(term.period)
            self.term = sampled
            values = sampled.samples.map { [model] in model.expression(term.metric, term.filter, period: period, data: $0) }
            worstColumn = sampled.aggregate == .worst
                ? model.addContinuousColumn("robust_worst", bound: (values.map(model.magnitudeBound).max() ?? .zero) + .one)
                : nil
        }
    }

    /// Stage `k`'s objective: `term` over `model`, or with `sampled` the first term's worst
    /// case or mean over the samples, held at its optimum (the robust plan is the best in the
    /// worst case; the later terms choose among the plans that are). The worst case is t, kept
    /// at or below every sample's value (maximised; at or above when minimised).
    static func stageObjective(_ k: Int, _ term: ObjectiveTerm, model: AllocationModel, sampled: SampledStage?) -> StageObjective {
        guard k == 0, let sampled else {
            let scenario = model.scenario
            let period = scenario.periodIndex(term.period)
            let e = model.expression(term.metric, term.filter, period: period)
            return StageObjective(expression: e, rows: [], stepped: true, held: [e], within: term.within) {
                scenario.evaluate(term.metric, term.filter, period: period, in: $0)
            }
        }
        let values = sampled.values
        let measure = { (plan: Plan) in sampled.term.value(term, in: plan) }
        guard let t = sampled.worstColumn else {
            var mean = LinearExpression()
            for e in values { mean.add(e, times: Rational(1, values.count)) }
            return StageObjective(expression: mean, rows: [], stepped: true, held: [mean], within: .zero, value: measure)
        }
        let rows = values.enumerated().map { k, e in
            var row = e
            row.add(-.one, t)   // value_k − t ≥ 0 (maximised), ≤ 0 (minimised)
            return AllocationModel.holdRow("worst_\(k)", row, sense: term.sense, bound: .zero)
        }
        var worst = LinearExpression()
        worst.add(.one, t)
        return StageObjective(expression: worst, rows: rows, stepped: false, held: values, within: .zero, value: measure)
    }
}
