import FundAllocation

/// Scenarios side by side, and how each one's plan differs from the first one's.
public struct ScenarioComparison: Sendable {
    /// How a project's funding differs from the first scenario's plan.
    public typealias Change = PlanChange

    public var reports: [PlanReport]
    /// Labels of the columns: the scenario's name, or its file.
    public var names: [String]
    /// For each scenario after the first, its changes against the first (in the first
    /// scenario's project order, then new ids).
    public var changes: [[Change]]

    public init(_ reports: [PlanReport]) {
        self.reports = reports
        names = reports.map { $0.scenarioName ?? $0.scenarioFile }
        let base = reports[0]
        changes = reports.dropFirst().map { base.changes(to: $0) }
    }

}
