import FundAllocation
import ScenarioIO

/// The efficient frontier of the fund's size against the objective: the scenario solved at a
/// range of budgets, with the projects that enter or leave from one budget to the next.
public enum Frontier {
    /// One budget of the frontier.
    public struct Step: Sendable {
        public var budget: Int64
        public var summary: PointSummary
        /// Funded here, not at the previous (smaller) budget that has a plan.
        public var entered: [String]
        /// Funded at that previous budget, not here.
        public var left: [String]
        /// No smaller budget of the frontier reaches a first objective term at least as good.
        public var efficient: Bool
        /// The budget the scenario has now.
        public var current: Bool
    }

    /// Overrides that make the whole fund `budget`: budget.total, with the by_period tranches and
    /// the source amounts scaled in proportion, so that every cap on money moves together. The
    /// scaled parts are whole yuan that add up to their scaled sum, rounded (largest remainders
    /// get the odd yuan): tranches that made up the total still do. Nil when the scenario has no
    /// budget to scale.
    public static func overrides(budget: Int64, base: Scenario) -> [Override]? {
        guard let size = base.totalCap else { return nil }
        let ratio = size == 0 ? Rational.one : Rational(budget) / Rational(size)
        var overrides: [Override] = []
        if base.budget.total != nil { overrides.append(Override(path: ["budget", "total"], text: String(budget))) }
        let periods = base.periods.filter { base.budget.byPeriod[$0] != nil }
        for (period, cap) in zip(periods, Apportion.parts(periods.map { base.budget.byPeriod[$0]! }, ratio)) {
            overrides.append(Override(path: ["budget", "by_period", period], text: String(cap)))
        }
        for (source, amount) in zip(base.sources, Apportion.parts(base.sources.map(\.amount), ratio)) {
            overrides.append(Override(path: ["sources", source.id, "amount"], text: String(amount)))
        }
        return overrides
    }

    /// The steps for `budgets` (ascending) and their solves.
    public static func steps(budgets: [Int64], summaries: [PointSummary], current: Int64?, sense: Sense?) -> [Step] {
        var steps: [Step] = []
        var best: Rational?
        var previous: [String]?
        for (budget, summary) in zip(budgets, summaries) {
            let value = summary.terms.first?.value
            var efficient = false
            if let value, summary.hasPlan {
                efficient = best.map { sense == .minimize ? value < $0 : $0 < value } ?? true
                if efficient { best = value }
            }
            let before = summary.hasPlan ? previous : nil
            steps.append(Step(budget: budget, summary: summary,
                              entered: before.map { b in summary.funded.filter { !b.contains($0) } } ?? [],
                              left: before.map { b in b.filter { !summary.funded.contains($0) } } ?? [],
                              efficient: efficient, current: budget == current))
            if summary.hasPlan { previous = summary.funded }
        }
        return steps
    }
}
