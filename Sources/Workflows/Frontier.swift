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

    /// The budgets of `--budget FROM:TO:STEPS` (or a list), whole yuan, ascending.
    public static func budgets(parsing spec: String) throws(ScenarioError) -> [Int64] {
        let location = SourceLocation(file: "--budget \(spec)", line: 0)
        return try SweepAxis.values(spec, at: location).map { text throws(ScenarioError) in
            guard case .success(let yuan) = NumberSyntax.money(text) else {
                throw ScenarioError([Diagnostic(.error, location, "budgets must be whole yuan ≥ 0, found \(text)")])
            }
            return yuan
        }.sorted()
    }

    /// `base` at each of `budgets`, the whole fund moving (`Scenario.withFund`); nil when the
    /// scenario has no fund to move (neither budget.total nor sources).
    public static func scenarios(_ base: Scenario, budgets: [Int64]) -> [Scenario]? {
        base.totalCap == nil ? nil : budgets.map { base.withFund($0) }
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
