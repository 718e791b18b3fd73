import Foundation
import FundAllocation
import ScenarioIO
import Workflows

/// Renders a plan report as terminal text, aligned by display width (a CJK character takes two
/// columns). Pure: the same report gives the same text.
public enum TableRenderer {
    public static func render(_ r: PlanReport, language: Language, timing: Bool = false) -> String {
        let L = Labels(language: language)
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        line("\(L("方案", "Scenario")): \(r.scenarioName ?? r.scenarioFile)")
        line("\(L("状态", "Status")): \(L.status(r.status))"
             + (r.gap.map { "  \(L("相对间隙", "gap")) \(Format.percent($0))" } ?? ""))
        line()
        line(L("目标（按字典序逐项优化）", "Objective (lexicographic, term by term)"))
        var rows: [[String]] = [["#", L("目标项", "term"), L("阶段最优", "stage optimum"), L("方案值", "plan value")]]
        for (i, stage) in r.stages.enumerated() {
            rows.append(["\(i + 1)", L.term(stage.term),
                         stage.optimum.map { Format.number($0) + (stage.proven ? "" : "*") } ?? "-",
                         stage.value.map { Format.number($0) } ?? "-"])
        }
        out += table(rows, rightAligned: [2, 3])
        if r.stages.contains(where: { $0.optimum != nil && !$0.proven }) {
            line(L("* 未证明最优", "* not proven optimal"))
        }
        if let diagnosis = r.diagnosis {
            line()
            line(L("无可行方案的原因", "Why there is no plan"))
            for text in DiagnosisRenderer.lines(diagnosis, language: language) { line("  " + text) }
        }
        if r.status == .optimal || r.status == .feasible {
            line()
            let budget = r.budgetTotal.map { " / \(Format.yuan($0)) (\(Format.percent(Rational($0 == 0 ? 0 : r.funds) / Rational(max(1, $0)))))" } ?? ""
            line("\(L("资金", "Funds")): \(Format.yuan(r.funds)) \(L("元", "yuan"))\(budget)")
            line("\(L("带贫户数", "Households")): \(Format.households(r.households))"
                 + (r.persons.map { "  \(L("人数", "persons")): \(Format.households($0))" } ?? ""))
            if let additive = r.additiveHouseholds {
                line(L("按项目简单相加将报 \(Format.households(additive)) 户，按村去重避免重复计算 \(Format.households(additive - r.households)) 户",
                       "Additive counting would claim \(Format.households(additive)) households; counting each village once avoids \(Format.households(additive - r.households)) double-counted"))
            }
            line("\(L("资助项目", "Funded projects")): \(r.funded.count)")
            line()
            let withPeriods = !r.periods.isEmpty, withSources = !r.sources.isEmpty
            var header = [L("编号", "id"), L("名称", "name"), L("县", "region"), L("类别", "category"),
                          L("申请(元)", "cost"), L("资助(元)", "funds"), L("比例", "share"),
                          L("户数", "households"), L("五个好", "score")]
            if withPeriods { header.append(L("期次", "period")) }
            if withSources { header.append(L("资金来源(元)", "sources (yuan)")) }
            var projects: [[String]] = [header]
            for p in r.funded {
                let category = language == .zh ? (p.categoryName ?? p.category) : p.category
                var row = [p.id, TextWidth.truncate(p.name ?? "", 36), p.region ?? "", category ?? "",
                           Format.yuan(p.cost), Format.yuan(p.funds), Format.percent(p.share),
                           Format.households(p.households), Format.number(p.score)]
                if withPeriods { row.append(TableRenderer.paid(p)) }
                if withSources {
                    // People read the source's name (泰兴市); the id stays in CSV and JSON.
                    let name = { (id: String) in language == .zh ? r.sources.first { $0.id == id }?.name ?? id : id }
                    row.append(p.sources.map { "\(name($0.source)) \(Format.yuan($0.yuan))" }.joined(separator: "; "))
                }
                projects.append(row)
            }
            out += table(projects, rightAligned: [4, 5, 6, 7, 8])
            if r.funded.contains(where: { !$0.households.isInteger }) {
                line(L("户数按整户显示；部分资助的项目按资助比例计入其带贫户数（JSON 中为精确值）。",
                       "Households are shown whole; a partly funded project reaches that share of its households (exact values in JSON)."))
            }
            if withPeriods {
                line()
                line(L("按期次汇总", "By period"))
                var g: [[String]] = [[L("期次", "period"), L("资金(元)", "funds"), L("预算(元)", "budget"),
                                      L("项目数", "projects"), L("户数", "households")]]
                for t in r.periods {
                    g.append([t.period, Format.number(t.funds, places: 0), t.cap.map(Format.yuan) ?? "-", "\(t.projects)",
                              Format.households(t.households)])
                }
                out += table(g, rightAligned: [1, 2, 3, 4])
            }
            if withSources {
                line()
                line(L("按资金来源汇总", "By source"))
                var g: [[String]] = [[L("来源", "source"), L("名称", "name"), L("金额(元)", "amount"), L("已用(元)", "used"),
                                      L("结余(元)", "left"), L("项目数", "projects")]]
                for f in r.sources {
                    g.append([f.id, f.name ?? "", Format.yuan(f.amount), Format.yuan(f.used), Format.yuan(f.left), "\(f.projects)"])
                }
                out += table(g, rightAligned: [2, 3, 4, 5])
            }
            for (title, groups) in [(L("按县汇总", "By region"), r.regions), (L("按类别汇总", "By category"), r.categories)]
            where groups.contains(where: { $0.id != nil }) {
                line()
                line(title)
                var g: [[String]] = [[L("编号", "id"), L("项目数", "projects"), L("资助(元)", "funds"), L("占比", "share"),
                                      L("户数", "households")]]
                for group in groups {
                    let id = language == .zh ? (group.name ?? group.id) : group.id
                    g.append([id ?? L("（未指定）", "(none)"), "\(group.projects)", Format.yuan(group.funds),
                              Format.percent(group.fundsShare), Format.households(group.households)])
                }
                out += table(g, rightAligned: [1, 2, 3, 4])
            }
            if !r.rules.isEmpty {
                line()
                line(L("规则", "Rules"))
                var g: [[String]] = [[L("规则", "rule"), L("值", "value"), L("界限", "bounds"), L("松弛", "slack"), L("紧", "binds")]]
                for rule in r.rules {
                    g.append([TextWidth.truncate(L.bound(rule.label, sources: r.sources), 48), Format.number(rule.value), bounds(rule.bounds),
                              rule.slack.map { Format.number($0) } ?? "-", rule.binding ? L("是", "yes") : ""])
                }
                out += table(g, rightAligned: [1, 3])
            }
        }
        if r.status == .infeasible && r.diagnosis == nil {
            line()
            line(L("没有方案能同时满足全部规则和界限：请放宽某个目标或规则，或增加预算。",
                   "No plan satisfies every rule and bound: relax a target or rule, or raise the budget."))
        } else if r.status == .noSolution {
            line()
            line(L("时限内未找到方案：请延长 --time-limit。", "No plan was found within the time limit: raise --time-limit."))
        }
        if !r.ineligible.isEmpty {
            line()
            line(L("不符合五个好条件的项目", "Ineligible projects (五个好 gate)"))
            var g: [[String]] = [[L("编号", "id"), L("名称", "name"), L("原因", "reason")]]
            for p in r.ineligible { g.append([p.id, TextWidth.truncate(p.name ?? "", 36), L.ineligibility(p.why)]) }
            out += table(g, rightAligned: [])
        }
        if r.status == .optimal || r.status == .feasible, !r.unfunded.isEmpty {
            line()
            line(L("未资助的合格项目", "Eligible projects not funded"))
            var g: [[String]] = [[L("编号", "id"), L("名称", "name"), L("县", "region"), L("申请(元)", "cost"),
                                  L("户数", "households"), L("备注", "note")]]
            for p in r.unfunded {
                g.append([p.id, TextWidth.truncate(p.name ?? "", 36), p.region ?? "", Format.yuan(p.cost),
                          Format.households(p.households), L.unfundedNote(p.note)])
            }
            out += table(g, rightAligned: [3, 4])
        }
        if let reference = r.reference {
            line()
            out += referenceSection(reference, language: language)
        }
        if let found = r.alternatives, r.status == .optimal || r.status == .feasible {
            line()
            out += found.isEmpty ? L("备选方案：在允许范围内没有其他方案。", "Alternative plans: no other plan is within the tolerance.") + "\n"
                                 : alternatives(r, found, language: language)
        }
        line()
        var solver = "\(L("求解", "Solver")): \(r.engine), \(r.nodes) \(L("个节点", "nodes"))"
        if timing { solver += ", \(r.seconds.fixed(3)) s" }
        line(solver)
        return out
    }

    /// The project changes from one plan to another as a table.
    public static func changes(_ changes: [PlanChange], before: String, after: String, language: Language) -> String {
        let L = Labels(language: language)
        var rows = [[L("变化", "change"), L("编号", "id"), L("名称", "name"), before, after]]
        for ch in changes {
            rows.append([kindLabel(ch.kind, L), ch.id, TextWidth.truncate(ch.name ?? "", 30),
                         cell(ch.fundsBefore, ch.periodBefore), cell(ch.fundsAfter, ch.periodAfter)])
        }
        return table(rows, rightAligned: [3, 4])
    }

    public static func cell(_ funds: Int64, _ period: String?) -> String {
        funds == 0 && period == nil ? "-" : Format.yuan(funds) + (period.map { " (\($0))" } ?? "")
    }

    public static func kindLabel(_ kind: PlanChange.Kind, _ L: Labels) -> String {
        switch kind {
        case .added: return L("新增", "added")
        case .dropped: return L("取消", "dropped")
        case .funds: return L("资金变化", "funds changed")
        case .period: return L("期次变化", "period changed")
        }
    }

    /// The plan against its reference (MODEL.md §8): the totals, what is committed, and every
    /// change with the yuan and period before and after.
    public static func referenceSection(_ c: ReferenceComparison, language: Language) -> String {
        let L = Labels(language: language)
        var out = L("与参照方案相比（\(c.file)）：变更 \(c.changeCount) 个项目，变动资金 \(Format.yuan(c.moved)) 元",
                    "Against the reference plan (\(c.file)): \(c.changeCount) change\(c.changeCount == 1 ? "" : "s"), \(Format.yuan(c.moved)) yuan moved") + "\n"
        if let through = c.committedThrough {
            let ids = c.committed.isEmpty ? L("无", "none") : c.committed.joined(separator: ", ")
            out += L("已承诺（截至 \(through) 年拨付，保持不变）：\(ids)", "Committed (paid through \(through), kept as they are): \(ids)") + "\n"
        }
        if !c.changes.isEmpty {
            out += changes(c.changes, before: L("参照方案", "reference"), after: L("本方案", "this plan"), language: language)
        }
        return out
    }

    /// The alternative plans: a summary line each, then each one's changes against the best.
    static func alternatives(_ r: PlanReport, _ found: [AlternativePlan], language: Language) -> String {
        let L = Labels(language: language)
        guard let best = r.stages.first?.optimum, let term = r.stages.first?.term else { return "" }
        var out = L("备选方案（第一目标项与最优值 \(Format.number(best)) 相差在允许范围内，且与之尽量不同）",
                    "Alternative plans (first term within the tolerance of its best value \(Format.number(best)), as different as could be found)") + "\n"
        var rows = [[L("#", "#"), L.term(term), L("占最优", "of best"), L("资金(元)", "funds"), L("项目数", "projects"),
                     L("不同的项目选择", "choices differing")]]
        for (i, a) in found.enumerated() {
            let value = a.report.stages.first?.value ?? .zero
            rows.append(["\(i + 1)", Format.number(value), best.isZero ? "-" : Format.percent(value / best), Format.yuan(a.report.funds),
                         "\(a.report.funded.count)", "\(a.differs)"])
        }
        out += table(rows, rightAligned: [1, 2, 3, 4, 5])
        for (i, a) in found.enumerated() {
            out += "\n" + L("备选方案 \(i + 1) 对比最优方案", "Alternative \(i + 1) against the best plan") + "\n"
            out += changes(r.changes(to: a.report), before: L("最优", "best"), after: L("备选 \(i + 1)", "alternative \(i + 1)"),
                           language: language)
        }
        return out
    }

    /// `2018`, or a profile `2017: 1,000,000; 2018: 500,000` (prorated yuan, rounded for display).
    static func paid(_ p: PlanReport.FundedProject) -> String {
        if p.paid.count == 1 { return p.paid[0].period }
        return p.paid.map { "\($0.period): \(Format.number($0.yuan, places: 0))" }.joined(separator: "; ")
    }

    static func bounds(_ b: Bounds<Rational>) -> String {
        var parts: [String] = []
        if let v = b.min { parts.append("≥ \(Format.number(v))") }
        if let v = b.max { parts.append("≤ \(Format.number(v))") }
        if let v = b.minShare { parts.append("≥ \(Format.percent(v))") }
        if let v = b.maxShare { parts.append("≤ \(Format.percent(v))") }
        return parts.joined(separator: ", ")
    }

    /// Columns separated by two spaces, padded by display width; the first row is the header.
    public static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        guard let header = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextWidth.of(cell)) } }
        var out = ""
        for (n, row) in rows.enumerated() {
            let cells = row.enumerated().map { i, cell in TextWidth.pad(cell, widths[i], right: rightAligned.contains(i)) }
            out += "  " + cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            if n == 0 { out += "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
