import FundAllocation
import ScenarioIO

/// Scenarios side by side, and how each one's plan differs from the first one's.
public struct Comparison: Sendable {
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
        changes = reports.dropFirst().map { Comparison.changes(from: base, to: $0) }
    }

    static func changes(from a: PlanReport, to b: PlanReport) -> [Change] { a.changes(to: b) }

    /// Region or category ids present in any scenario, in first-seen order.
    func groupIDs(_ groups: (PlanReport) -> [PlanReport.GroupTotal]) -> [String?] {
        var ids: [String?] = []
        for r in reports { for g in groups(r) where !ids.contains(g.id) { ids.append(g.id) } }
        return ids
    }

    /// Objective term labels of all scenarios, in first-seen order.
    var termLabels: [String] {
        var labels: [String] = []
        for r in reports { for s in r.stages where !labels.contains(s.term.description) { labels.append(s.term.description) } }
        return labels
    }

    /// Labels of rules that bind in at least one scenario.
    var bindingRules: [String] {
        var labels: [String] = []
        for r in reports { for rule in r.rules where rule.binding && !labels.contains(rule.label) { labels.append(rule.label) } }
        return labels
    }

    /// The rows every format shows: (section, item, one cell per scenario).
    func rows(language: Language, csv: Bool) -> [(section: String, item: String, cells: [String])] {
        let L = Labels(language: language)
        func money(_ v: Int64) -> String { csv ? String(v) : Format.yuan(v) }
        func number(_ v: Rational) -> String { csv ? v.decimalString(places: 6) : Format.number(v) }
        func households(_ v: Rational) -> String { csv ? v.decimalString(places: 6) : Format.households(v) }
        let hasPlan = reports.map { $0.status == .optimal || $0.status == .feasible }
        var rows: [(String, String, [String])] = []
        rows.append(("headline", L("状态", "status"), reports.map { csv ? $0.status.rawValue : L.status($0.status) }))
        rows.append(("headline", L("资金(元)", "funds (yuan)"), reports.indices.map { hasPlan[$0] ? money(reports[$0].funds) : "" }))
        rows.append(("headline", L("户数", "households"), reports.indices.map { hasPlan[$0] ? households(reports[$0].households) : "" }))
        rows.append(("headline", L("项目数", "projects"), reports.indices.map { hasPlan[$0] ? String(reports[$0].funded.count) : "" }))
        for label in termLabels {
            // The planner's language in the table; the stable English label in CSV.
            let term = reports.lazy.flatMap(\.stages).first { $0.term.description == label }?.term
            let shown = csv ? label : term.map(L.term) ?? label
            rows.append(("objective", shown, reports.indices.map { i in
                reports[i].stages.first { $0.term.description == label }?.value.map(number) ?? "" }))
        }
        for (section, groups) in [("region", { (r: PlanReport) in r.regions }), ("category", { (r: PlanReport) in r.categories })] {
            for id in groupIDs(groups) {
                // Category names (果品冷链仓储) in the Chinese table; ids in CSV and English.
                let name = csv || language != .zh ? nil : reports.lazy.flatMap(groups).first { $0.id == id }?.name
                let group = name ?? id ?? L("（无）", "(none)")
                rows.append((section, group + L(" 资金", " funds"), reports.map { r in
                    groups(r).first { $0.id == id }.map { money($0.funds) } ?? "" }))
                rows.append((section, group + L(" 户数", " households"), reports.map { r in
                    groups(r).first { $0.id == id }.map { households($0.households) } ?? "" }))
            }
        }
        for label in bindingRules {
            rows.append(("binding rule", label, reports.map { r in
                r.rules.first { $0.label == label }.map { number($0.value) + ($0.binding ? " *" : "") } ?? "" }))
        }
        return rows
    }
}
