import Foundation
import FundAllocation
import ScenarioIO
import Workflows

/// A comparison as a table (zh/en), CSV (wide: one column per scenario) or JSON.
public enum ComparisonOutput {
    public static func table(_ c: ScenarioComparison, language: Language) -> String {
        let L = Labels(language: language)
        var out = ""
        var section: String?
        var rows: [[String]] = []
        func flush() {
            if rows.count > 1 { out += TableRenderer.table(rows, rightAligned: Set(1..<rows[0].count)) + "\n" }
        }
        for row in c.rows(language: language, csv: false) {
            if row.section != section {
                flush()
                section = row.section
                out += sectionTitle(row.section, L) + "\n"
                rows = [[""] + c.names]
            }
            rows.append([row.item] + row.cells)
        }
        flush()
        out += L("* 约束起作用（无松弛）\n\n", "* the rule binds (no slack)\n\n")
        for (name, changes) in zip(c.names.dropFirst(), c.changes) {
            out += L("项目变化：\(name) 对比 \(c.names[0])", "Project changes: \(name) against \(c.names[0])") + "\n"
            if changes.isEmpty { out += L("  无\n\n", "  none\n\n"); continue }
            out += TableRenderer.changes(changes, before: c.names[0], after: name, language: language) + "\n"
        }
        return out
    }

    static func sectionTitle(_ section: String, _ L: Labels) -> String {
        switch section {
        case "headline": return L("总体", "Headline")
        case "objective": return L("目标项（方案值）", "Objective terms (plan value)")
        case "region": return L("按县", "By region")
        case "category": return L("按类别", "By category")
        default: return L("起作用的约束", "Binding rules")
        }
    }

    /// Wide CSV: `section,item,scenario1,scenario2,…` (safe identifiers; the first rows give
    /// each scenario's name and file); project changes as section `change:<kind>` with
    /// `funds (period)` cells, the first scenario's value first.
    public static func csv(_ c: ScenarioComparison) -> String {
        var rows = [["section", "item"] + c.names.indices.map { "scenario\($0 + 1)" }]
        rows.append(["scenario", "name"] + c.names)
        rows.append(["scenario", "file"] + c.reports.map(\.scenarioFile))
        rows += c.rows(language: .en, csv: true).map { [$0.section, $0.item] + $0.cells }
        let ids = c.changes.flatMap { $0.map(\.id) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for id in ids {
            let first = c.changes.lazy.flatMap { $0 }.first { $0.id == id }!
            var cells = [csvCell(first.fundsBefore, first.periodBefore)]
            for changes in c.changes {
                let ch = changes.first { $0.id == id }
                cells.append(ch.map { "\($0.kind.rawValue): " + csvCell($0.fundsAfter, $0.periodAfter) } ?? "unchanged")
            }
            rows.append(["project", id] + cells)
        }
        return CSVText.lines(rows) + "\r\n"
    }

    static func csvCell(_ funds: Int64, _ period: String?) -> String { String(funds) + (period.map { "@\($0)" } ?? "") }

    public static func json(_ c: ScenarioComparison) -> String {
        let document = Document(
            scenarios: c.reports.map { r in
                Scenario(name: r.scenarioName, file: r.scenarioFile, status: r.status.rawValue, gap: r.gap.map(SweepOutput.gapNumber),
                         objective: r.stages.map {
                             SweepOutput.Term(term: $0.term.description, stage_optimum: $0.optimum.map(JSONRenderer.number),
                                              plan_value: $0.value.map(JSONRenderer.number))
                         },
                         funds: r.funds, households: JSONRenderer.number(r.households), projects: r.funded.count,
                         regions: r.regions.map(JSONRenderer.group), categories: r.categories.map(JSONRenderer.group),
                         binding_rules: r.rules.filter(\.binding).map(\.label))
            },
            changes: zip(c.names.dropFirst(), c.changes).map { name, changes in
                Changes(scenario: name, against: c.names[0], changes: changes.map {
                    Change(change: $0.kind.rawValue, id: $0.id, name: $0.name, funds_before: $0.fundsBefore,
                           funds_after: $0.fundsAfter, period_before: $0.periodBefore, period_after: $0.periodAfter)
                })
            })
        return JSONRenderer.encode(document, pretty: true) + "\n"
    }

    struct Document: Encodable { var scenarios: [Scenario]; var changes: [Changes] }
    struct Scenario: Encodable {
        var name: String?; var file: String; var status: String; var gap: Decimal?; var objective: [SweepOutput.Term]
        var funds: Int64; var households: Decimal; var projects: Int
        var regions: [JSONRenderer.Group]; var categories: [JSONRenderer.Group]; var binding_rules: [String]
    }
    struct Changes: Encodable { var scenario: String; var against: String; var changes: [Change] }
    struct Change: Encodable {
        var change: String; var id: String; var name: String?; var funds_before: Int64; var funds_after: Int64
        var period_before: String?; var period_after: String?
    }
}

extension ScenarioComparison {
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
