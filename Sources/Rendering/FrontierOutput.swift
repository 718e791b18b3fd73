import Foundation
import FundAllocation
import ScenarioIO
import Workflows

/// A frontier as a table (zh/en), CSV or JSON; the same frontier gives the same bytes.
public enum FrontierOutput {
    public static func table(_ steps: [Frontier.Step], scenario: String, term: String?, language: Language) -> String {
        let L = Labels(language: language)
        var rows: [[String]] = [[L("预算(元)", "budget (yuan)"), L("状态", "status"), term ?? L("目标", "objective"),
                                 L("户数", "households"), L("资金(元)", "funds"), L("项目数", "projects"),
                                 L("有效", "efficient"), L("新增项目", "entered"), L("退出项目", "left")]]
        for step in steps {
            let s = step.summary
            rows.append([Format.yuan(step.budget) + (step.current ? " ◀" : ""), statusLabel(s, L),
                         s.hasPlan ? s.terms.first?.value.map { Format.number($0) } ?? "-" : "-",
                         s.hasPlan ? Format.households(s.households) : "-", s.hasPlan ? Format.yuan(s.funds) : "-",
                         s.hasPlan ? String(s.projects) : "-", step.efficient ? L("是", "yes") : "",
                         step.entered.map { "+" + $0 }.joined(separator: " "), step.left.map { "−" + $0 }.joined(separator: " ")])
        }
        return "\(L("方案", "Scenario")): \(scenario)\n"
            + L("资金规模前沿（分期预算与各资金来源按比例缩放；◀ 为当前预算）\n",
                "Budget frontier (tranches and source amounts scale with the budget; ◀ marks the current budget)\n")
            + TableRenderer.table(rows, rightAligned: [0, 2, 3, 4, 5])
    }

    static func statusLabel(_ s: PointSummary, _ L: Labels) -> String {
        L.status(s.status)
    }

    /// Columns as `SweepOutput.header`: safe identifiers, `term1`…`termN` for the objective
    /// terms in objective order, the same for every scenario.
    public static func csv(_ steps: [Frontier.Step], terms: [String]) -> String {
        var rows = [["budget_yuan", "status", "gap"] + terms.indices.map { "term\($0 + 1)" }
            + ["funds_yuan", "households", "persons", "score", "projects", "efficient", "current", "entered", "left", "funded"]]
        for step in steps {
            let s = step.summary
            var row = [String(step.budget), s.status.description, s.gap.map(SweepOutput.gapText) ?? ""]
            row += terms.map { label in s.terms.first { $0.label == label }?.value?.decimalString(places: 6) ?? "" }
            row += [String(s.funds), s.households.decimalString(places: 6), s.persons?.decimalString(places: 6) ?? "",
                    s.score.decimalString(places: 6), String(s.projects), String(step.efficient), String(step.current)]
            row += [step.entered.joined(separator: ";"), step.left.joined(separator: ";"), s.funded.joined(separator: ";")]
            rows.append(row)
        }
        return CSVText.lines(rows) + "\r\n"
    }

    public static func json(_ steps: [Frontier.Step], scenario: String, current: Int64?) -> String {
        let document = Document(scenario: scenario, current_budget: current, steps: steps.map { step in
            let s = step.summary
            return Step(budget: step.budget, status: s.status.description, gap: s.gap.map(SweepOutput.gapNumber),
                        objective: s.terms.map {
                            SweepOutput.Term(term: $0.label, stage_optimum: $0.optimum.map(JSONRenderer.number),
                                             plan_value: $0.value.map(JSONRenderer.number))
                        },
                        funds: s.funds, households: JSONRenderer.number(s.households), projects: s.projects,
                        efficient: step.efficient, entered: step.entered, left: step.left, funded: s.funded)
        })
        return JSONRenderer.encode(document, pretty: true) + "\n"
    }

    struct Document: Encodable { var scenario: String; var current_budget: Int64?; var steps: [Step] }
    struct Step: Encodable {
        var budget: Int64; var status: String; var gap: Decimal?; var objective: [SweepOutput.Term]
        var funds: Int64; var households: Decimal; var projects: Int; var efficient: Bool
        var entered: [String]; var left: [String]; var funded: [String]
    }
}
