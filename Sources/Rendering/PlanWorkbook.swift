import FundAllocation
import ScenarioIO

/// The plan as a workbook (`solve --format xlsx`, docs/output.md): a cover, the funded projects
/// (yuan and 万元, one column per source, totals), by county, by category, by period, by
/// source, the rules, the changes against a reference plan, and the projects not funded with
/// the reason. Headers and sheet names in the language; nothing that varies between runs.
public enum PlanWorkbook {
    public static func make(_ r: PlanReport, overrides: [String] = [], language: Language) -> Workbook {
        let L = Labels(language: language)
        var sheets = [cover(r, overrides: overrides, L)]
        if r.status.hasAllocation {
            sheets.append(funded(r, L))
            sheets.append(groups(r.regions, L("按县", "By county"), L("县", "County"), L))
            sheets.append(groups(r.categories, L("按类别", "By category"), L("类别", "Category"), L))
            if !r.periods.isEmpty { sheets.append(periods(r, L)) }
            if !r.sources.isEmpty { sheets.append(sources(r, L)) }
            if !r.rules.isEmpty { sheets.append(rules(r, L)) }
            if let reference = r.reference { sheets.append(changes(reference, L)) }
        }
        sheets.append(notFunded(r, L))
        return Workbook(title: r.scenarioName ?? r.scenarioFile, sheets: sheets)
    }

    static func cover(_ r: PlanReport, overrides: [String], _ L: Labels) -> Workbook.Sheet {
        var pairs: [(String, Workbook.Cell)] = [
            (L("方案", "Scenario"), .of(r.scenarioName ?? r.scenarioFile)),
            (L("方案文件", "Scenario file"), .text(r.scenarioFile)),
            (L("状态", "Status"), .text(L.status(r.status))),
        ]
        if r.status != .optimal, let gap = r.gap { pairs.append((L("相对差距", "Gap"), .text(Format.percent(gap)))) }
        for (i, stage) in r.stages.enumerated() {
            pairs.append(("\(L("目标", "Objective")) \(i + 1): \(L.term(stage.term))", stage.value.map(Workbook.Cell.of) ?? .empty))
        }
        if r.status.hasAllocation {
            pairs.append((L("资助项目数", "Projects funded"), .of(Int64(r.funded.count))))
            pairs.append((L("安排资金（元）", "Funds (yuan)"), .of(r.funds)))
            if let total = r.budgetTotal { pairs.append((L("资金总额（元）", "Budget (yuan)"), .of(total))) }
            pairs.append((L("带贫户数", "Households"), .of(r.households)))
            if let persons = r.persons { pairs.append((L("带贫人数", "Persons"), .of(persons))) }
        }
        if !overrides.isEmpty { pairs.append((L("调整（--set）", "Changes (--set)"), .text(overrides.joined(separator: "; ")))) }
        for warning in r.warnings { pairs.append((L("警告", "Warning"), .text(warning.text(in: L.language)))) }
        return Workbook.cover(L("概况", "Summary"), pairs, headers: (L("项目", "Item"), L("数值", "Value")))
    }

    static func funded(_ r: PlanReport, _ L: Labels) -> Workbook.Sheet {
        let timed = r.funded.contains { !$0.paid.isEmpty }
        let sourceIDs = r.sources.map(\.id)
        var columns = [Workbook.Column(PlanWorkbookHeaders.id.text(L.language)), Workbook.Column(L("名称", "Name")),
                       Workbook.Column(L("县", "County")), Workbook.Column(L("类别", "Category")),
                       Workbook.Column(L("申请资金（元）", "Cost (yuan)"), .yuan, summed: true),
                       Workbook.Column(PlanWorkbookHeaders.funds.text(L.language), .yuan, summed: true),
                       Workbook.Column(L("安排资金（万元）", "Funds (10k yuan)"), .tenThousandYuan, summed: true),
                       Workbook.Column(L("资助比例", "Share"), .percent),
                       Workbook.Column(L("带贫户数", "Households"), .number(places: 2), summed: true),
                       Workbook.Column(L("五个好得分", "Score"), .number(places: 2))]
        if timed { columns.append(Workbook.Column(PlanWorkbookHeaders.period.text(L.language))) }
        for source in r.sources {
            columns.append(Workbook.Column("\(source.name ?? source.id)\(L("（元）", " (yuan)"))", .yuan, summed: true))
        }
        let rows = r.funded.map { p -> [Workbook.Cell] in
            var row: [Workbook.Cell] = [.text(p.id), .of(p.name), .of(p.region), .of(p.categoryName ?? p.category), .of(p.cost),
                                        .of(p.funds), .number(Double(p.funds) / 10_000), .of(p.share), .of(p.households), .of(p.score)]
            if timed {
                row.append(.text(p.paid.count == 1 ? p.paid[0].period
                                 : p.paid.map { "\($0.period):\($0.yuan.decimalString(places: 2))" }.joined(separator: ";")))
            }
            for id in sourceIDs { row.append(.of(p.sources.first { $0.source == id }?.yuan ?? 0)) }
            return row
        }
        return Workbook.Sheet(name: PlanWorkbookHeaders.fundedSheet.text(L.language), columns: columns, rows: rows,
                              totalsLabel: PlanWorkbookHeaders.total.text(L.language))
    }

    /// The funds columns of the group and period sheets: yuan and 万元, each summed.
    static func money(_ L: Labels) -> [Workbook.Column] {
        [Workbook.Column(L("资金（元）", "Funds (yuan)"), .yuan, summed: true),
         Workbook.Column(L("资金（万元）", "Funds (10k yuan)"), .tenThousandYuan, summed: true)]
    }

    static func groups(_ groups: [PlanReport.GroupTotal], _ name: String, _ header: String, _ L: Labels) -> Workbook.Sheet {
        let rows = groups.map { g -> [Workbook.Cell] in
            [.text(g.name ?? g.id ?? L("（未填）", "(none)")), .of(Int64(g.projects)), .of(g.funds), .number(Double(g.funds) / 10_000),
             .of(g.fundsShare), .of(g.households)]
        }
        return Workbook.Sheet(name: name, columns: [Workbook.Column(header), Workbook.Column(L("项目数", "Projects"), .number(places: 0), summed: true)]
                                + money(L) + [Workbook.Column(L("资金占比", "Share of funds"), .percent, summed: true),
                                              Workbook.Column(L("带贫户数", "Households"), .number(places: 2), summed: true)],
                              rows: rows, totalsLabel: PlanWorkbookHeaders.total.text(L.language))
    }

    static func periods(_ r: PlanReport, _ L: Labels) -> Workbook.Sheet {
        let rows = r.periods.map { p -> [Workbook.Cell] in
            [.text(p.period), .of(p.funds), .number(p.funds.doubleValue / 10_000), p.cap.map(Workbook.Cell.of) ?? .empty,
             .of(Int64(p.projects)), .of(p.households)]
        }
        return Workbook.Sheet(name: L("按期次", "By period"),
                              columns: [Workbook.Column(L("期次", "Period"))] + money(L)
                                + [Workbook.Column(L("年度上限（元）", "Tranche (yuan)"), .yuan),
                                   Workbook.Column(L("项目数", "Projects"), .number(places: 0)),
                                   Workbook.Column(L("带贫户数", "Households"), .number(places: 2))],
                              rows: rows, totalsLabel: PlanWorkbookHeaders.total.text(L.language))
    }

    static func sources(_ r: PlanReport, _ L: Labels) -> Workbook.Sheet {
        let rows = r.sources.map { s -> [Workbook.Cell] in
            [.text(s.id), .of(s.name), .of(s.amount), .of(s.used), .of(s.left), .of(Int64(s.projects))]
        }
        return Workbook.Sheet(name: L("按资金来源", "By source"),
                              columns: [Workbook.Column(L("来源", "Source")), Workbook.Column(L("名称", "Name")),
                                        Workbook.Column(L("金额（元）", "Amount (yuan)"), .yuan, summed: true),
                                        Workbook.Column(L("已用（元）", "Used (yuan)"), .yuan, summed: true),
                                        Workbook.Column(L("结余（元）", "Left (yuan)"), .yuan, summed: true),
                                        Workbook.Column(L("项目数", "Projects"), .number(places: 0))],
                              rows: rows, totalsLabel: PlanWorkbookHeaders.total.text(L.language))
    }

    static func rules(_ r: PlanReport, _ L: Labels) -> Workbook.Sheet {
        let rows = r.rules.map { rule -> [Workbook.Cell] in
            let bound: (Rational?, Rational?) -> Workbook.Cell = { value, share in
                if let value { return .of(value) }
                return share.map { .text(Format.percent($0)) } ?? .empty
            }
            return [.text(L.bound(rule.label, sources: r.sources)), .text(L.metricText(rule.metric)), .of(rule.value),
                    bound(rule.bounds.min, rule.bounds.minShare), bound(rule.bounds.max, rule.bounds.maxShare),
                    rule.slack.map(Workbook.Cell.of) ?? .empty, .text(rule.binding ? L("是", "yes") : "")]
        }
        return Workbook.Sheet(name: L("规则", "Rules"),
                              columns: [Workbook.Column(L("规则", "Rule")), Workbook.Column(L("指标", "Metric")),
                                        Workbook.Column(L("取值", "Value"), .number(places: 2)),
                                        Workbook.Column(L("下限", "Min"), .number(places: 2)),
                                        Workbook.Column(L("上限", "Max"), .number(places: 2)),
                                        Workbook.Column(L("余量", "Slack"), .number(places: 2)),
                                        Workbook.Column(L("是否起作用", "Binding"))],
                              rows: rows)
    }

    static func changes(_ c: ReferenceComparison, _ L: Labels) -> Workbook.Sheet {
        let kinds: [PlanChange.Kind: String] = [.added: L("新增", "added"), .dropped: L("取消", "dropped"),
                                                .funds: L("资金调整", "funds changed"), .period: L("期次调整", "period changed")]
        let rows = c.changes.map { change -> [Workbook.Cell] in
            [.text(change.id), .of(change.name), .text(kinds[change.kind]!), .of(change.fundsBefore), .of(change.fundsAfter),
             .of(change.periodBefore), .of(change.periodAfter)]
        }
        return Workbook.Sheet(name: L("变更", "Changes"),
                              columns: [Workbook.Column(PlanWorkbookHeaders.id.text(L.language)), Workbook.Column(L("名称", "Name")),
                                        Workbook.Column(L("变更", "Change")),
                                        Workbook.Column(L("原资金（元）", "Yuan before"), .yuan),
                                        Workbook.Column(L("现资金（元）", "Yuan after"), .yuan),
                                        Workbook.Column(L("原期次", "Period before")), Workbook.Column(L("现期次", "Period after"))],
                              rows: rows)
    }

    static func notFunded(_ r: PlanReport, _ L: Labels) -> Workbook.Sheet {
        var rows = r.unfunded.map { p -> [Workbook.Cell] in
            [.text(p.id), .of(p.name), .of(p.region), .of(p.cost), .of(p.households),
             .text(p.note == nil ? L("未入选", "not selected") : L.unfundedNote(p.note))]
        }
        rows += r.ineligible.map { p -> [Workbook.Cell] in
            [.text(p.id), .of(p.name), .of(p.region), .empty, .empty, .text(L("不合格：", "ineligible: ") + L.ineligibility(p.why))]
        }
        return Workbook.Sheet(name: L("未资助", "Not funded"),
                              columns: [Workbook.Column(PlanWorkbookHeaders.id.text(L.language)), Workbook.Column(L("名称", "Name")),
                                        Workbook.Column(L("县", "County")), Workbook.Column(L("申请资金（元）", "Cost (yuan)"), .yuan),
                                        Workbook.Column(L("带贫户数", "Households"), .number(places: 2)),
                                        Workbook.Column(L("原因", "Reason"))],
                              rows: rows)
    }
}
