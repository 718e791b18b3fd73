import Foundation
import FundAllocation
import ScenarioIO
import Workflows

/// `fundalloc report`: one self-contained HTML page (no scripts, no fonts, no network; charts
/// as inline SVG) for the approval meeting, printable on A4. Pure: the same inputs give the
/// same bytes.
public enum HTMLReport {
    /// One solved scenario with what the report shows of it.
    public struct Item: Sendable {
        public var scenario: Scenario
        public var report: PlanReport
        /// The gain from relaxing each bound one step (`--explain`), by label and relation.
        public var worth: [Explanation.Bound]

        public init(scenario: Scenario, report: PlanReport, worth: [Explanation.Bound] = []) {
            self.scenario = scenario
            self.report = report
            self.worth = worth
        }
    }

    /// The headline figures of one plan.
    public struct Headline: Sendable {
        public var funds: Int64
        public var budget: Int64?
        public var households: Rational
        public var persons: Rational?
        /// Share of funds to regions with `national_poverty: true` (nil when no region says).
        public var nationalPovertyShare: Rational?
        /// Share of funds to projects with `is_industry: true` (nil when no project says).
        public var industryShare: Rational?
        /// Funds-weighted average 五个好 score of the funded projects.
        public var averageScore: Rational?
        public var projects: Int

        public init(_ item: Item) {
            let s = item.scenario, r = item.report
            funds = r.funds
            budget = r.budgetTotal
            households = r.households
            persons = r.persons
            projects = r.funded.count
            nationalPovertyShare = Headline.share(of: Headline.nationalPovertyCounties, s, r)
            industryShare = Headline.share(of: Headline.industryProjects, s, r)
            averageScore = r.funds > 0
                ? r.funded.reduce(Rational.zero) { $0 + $1.score * Rational($1.funds) } / Rational(r.funds) : nil
        }

        /// `where: {region.national_poverty: true}`: the seed case's 四个国家级贫困县 rule.
        public static let nationalPovertyCounties = Filter([Condition(field: FieldPath("region.national_poverty"),
                                                                      anyOf: [Comparison(.equal, FieldValue("true"))])])
        /// `where: {is_industry: true}`: the seed case's 产业项目资金占比 rule.
        public static let industryProjects = Filter([Condition(field: FieldPath("is_industry"),
                                                               anyOf: [Comparison(.equal, FieldValue("true"))])])

        /// The share of the plan's funds that goes to projects matching `filter`, as a rule
        /// with that `where` measures it; nil when no funds are used or no project has a value
        /// for the field the filter reads (the scenario does not say).
        static func share(of filter: Filter, _ s: Scenario, _ r: PlanReport) -> Rational? {
            guard r.funds > 0, let field = filter.conditions.first?.field,
                  s.projects.contains(where: { s.value(of: field, for: $0).map { !$0.isEmpty } ?? false }) else { return nil }
            let funds = Dictionary(uniqueKeysWithValues: r.funded.map { ($0.id, $0.funds) })
            let matching = s.projects.filter { s.matches($0, filter) }.reduce(Int64(0)) { $0 + (funds[$1.id] ?? 0) }
            return Rational(matching) / Rational(r.funds)
        }
    }

    /// The page. `overrides`: the `--set PATH=VALUE` changes the scenarios were solved with,
    /// as written; the title block lists them, so a printed page says what it shows.
    public static func render(_ items: [Item], frontier: (steps: [Frontier.Step], term: String)? = nil,
                              robustness: Robustness.Summary? = nil,
                              overrides: [String] = [], language: Language) -> String {
        let L = Labels(language: language)
        var out = ""
        let title = items.count == 1 ? (items[0].report.scenarioName ?? items[0].report.scenarioFile)
                                     : items.map { $0.report.scenarioName ?? $0.report.scenarioFile }.joined(separator: " · ")
        out += "<!DOCTYPE html>\n<html lang=\"\(language == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>\(escape(L("资金分配方案：", "Allocation plan: ") + title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        out += "<header><h1>\(escape(L("东西部扶贫协作资金分配方案", "East–West cooperation fund: allocation plan")))</h1>"
        out += "<p class=\"sub\">\(escape(title))</p>"
        if !overrides.isEmpty {
            out += "<p class=\"sub\">\(escape(L("按以下调整求解（--set）：", "Solved with these changes (--set): ") + overrides.joined(separator: "; ")))</p>"
        }
        out += "<p class=\"note\">\(escape(L("金额单位：万元（悬停或见 CSV 可得精确到元的数值）", "Money in 万元 (10,000 yuan); hover for exact yuan")))</p></header>\n"
        if items.count > 1 { out += sideBySide(items, L) }
        for item in items { out += plan(item, L, several: items.count > 1) }
        if let frontier { out += frontierSection(frontier.steps, term: frontier.term, L) }
        if let robustness { out += robustnessSection(robustness, L) }
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: sections

    /// The header cells of a table (`numeric`: right-aligned) and the start of its body; the
    /// `<table><thead><tr>` before it is the caller's.
    static func headRow(_ columns: [(head: String, numeric: Bool)]) -> String {
        columns.map { "<th\($0.numeric ? " class=\"n\"" : "")>\(escape($0.head))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
    }

    /// `report --robust` (MODEL.md §9): projects by core index, coloured by class; the regret
    /// and optimum distributions; the robust plan against the nominal one.
    static func robustnessSection(_ r: Robustness.Summary, _ L: Labels) -> String {
        var out = "<section class=\"robust\">\n<h2>\(escape(L("稳健性（\(r.samples) 个样本，种子 \(r.seed)）", "Robustness (\(r.samples) samples, seed \(r.seed))")))</h2>\n"
        out += "<p>" + escape(L("名义方案在 \(r.nominalFeasible)/\(r.samples) 个样本中仍满足全部规则。", "The nominal plan keeps every rule in \(r.nominalFeasible) of \(r.samples) samples.")) + "</p>\n"
        out += "<table>\n<thead><tr>" + headRow([("", false)] + [L("最小", "min"), "P5", "P50", "P95", L("最大", "max")].map { ($0, true) })
        for (label, d) in [(L("第一目标项最优值", "first term's optimum"), r.optimum), (L("名义方案的遗憾值", "nominal plan's regret"), r.regret)] {
            out += "<tr><td>\(escape(label))</td>"
            if let d { for v in [d.min, d.p5, d.p50, d.p95, d.max] { out += "<td class=\"n\">\(Format.number(v))</td>" } }
            else { out += "<td colspan=\"5\">-</td>" }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if let p = r.robustPlan {
            out += "<p>" + escape(p.kind == .worst
                ? L("稳健方案（最坏样本最好）：按原数据 \(Format.number(p.nominalValue))，最坏 \(Format.number(p.worst))，平均 \(Format.number(p.mean))；名义方案：\(Format.number(p.nominalPlanValue))、\(Format.number(p.nominalPlanWorst))、\(Format.number(p.nominalPlanMean))。",
                    "Robust plan (worst sample made best): \(Format.number(p.nominalValue)) as written, \(Format.number(p.worst)) worst, \(Format.number(p.mean)) mean; the nominal plan: \(Format.number(p.nominalPlanValue)), \(Format.number(p.nominalPlanWorst)), \(Format.number(p.nominalPlanMean)).")
                : L("稳健方案（样本平均最好）：按原数据 \(Format.number(p.nominalValue))，最坏 \(Format.number(p.worst))，平均 \(Format.number(p.mean))；名义方案：\(Format.number(p.nominalPlanValue))、\(Format.number(p.nominalPlanWorst))、\(Format.number(p.nominalPlanMean))。",
                    "Robust plan (mean made best): \(Format.number(p.nominalValue)) as written, \(Format.number(p.worst)) worst, \(Format.number(p.mean)) mean; the nominal plan: \(Format.number(p.nominalPlanValue)), \(Format.number(p.nominalPlanWorst)), \(Format.number(p.nominalPlanMean)).")) + "</p>\n"
        }
        out += "<table>\n<thead><tr>"
        out += headRow([(L("编号", "id"), false), (L("名称", "name"), false), (L("县", "county"), false),
                                (L("核心指数", "core index"), true), (L("类别", "class"), false), (L("名义方案", "nominal"), false)])
        for p in r.projects {
            out += "<tr class=\"\(p.kind.rawValue)\"><td>\(escape(p.id))</td><td>\(escape(p.name ?? ""))</td><td class=\"k\">\(escape(p.region ?? ""))</td>"
            out += "<td class=\"n\">\(Format.number(p.coreIndex, places: 3))</td><td>\(escape(RobustnessOutput.className(p.kind, L)))</td>"
            out += "<td>\(p.nominal ? escape(L("入选", "funded")) : "")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    static func headlineCards(_ item: Item, _ L: Labels) -> String {
        let r = item.report, k = Headline(item)
        var cards: [(String, String, String?)] = []
        cards.append((L("状态", "Status"), L.status(r.status) + (r.gap.map { " · " + L("间隙 ", "gap ") + Format.percent($0) } ?? ""), nil))
        guard r.status == .optimal || r.status == .feasible else {
            return "<div class=\"cards\">" + cards.map(card).joined() + "</div>\n"
        }
        cards.append((L("使用资金", "Funds used"), wan(k.funds) + (k.budget.map { " / " + wan($0) } ?? ""),
                      Format.yuan(k.funds) + L(" 元", " yuan") + (k.budget.map { " (" + Format.percent(Rational(k.funds) / Rational(max(1, $0))) + ")" } ?? "")))
        cards.append((L("带贫户数", "Poor households reached"), Format.households(k.households), nil))
        if let persons = k.persons { cards.append((L("带贫人数", "Persons reached"), Format.number(persons, places: 0), nil)) }
        if let share = k.nationalPovertyShare { cards.append((L("国家级贫困县资金占比", "Share to national poverty counties"), Format.percent(share), nil)) }
        if let share = k.industryShare { cards.append((L("产业项目资金占比", "Share to industry projects"), Format.percent(share), nil)) }
        if let score = k.averageScore { cards.append((L("五个好平均得分（按资金加权）", "Average 五个好 score (funds-weighted)"), Format.number(score), nil)) }
        cards.append((L("资助项目", "Projects funded"), "\(k.projects)", nil))
        return "<div class=\"cards\">" + cards.map(card).joined() + "</div>\n"
    }

    static func card(_ c: (label: String, value: String, tip: String?)) -> String {
        "<div class=\"card\"\(c.tip.map { " title=\"\(escape($0))\"" } ?? "")><div class=\"label\">\(escape(c.label))</div><div class=\"value\">\(escape(c.value))</div></div>"
    }

    static func plan(_ item: Item, _ L: Labels, several: Bool) -> String {
        let r = item.report
        var out = "<section class=\"plan\">\n<h2>\(escape(several ? (r.scenarioName ?? r.scenarioFile) : L("总体情况", "Headline")))</h2>\n"
        out += headlineCards(item, L)
        if let diagnosis = r.diagnosis {
            out += "<h3>\(escape(L("无可行方案的原因", "Why there is no plan")))</h3>\n<pre>"
                + escape(DiagnosisRenderer.lines(diagnosis, language: L.language).joined(separator: "\n")) + "</pre>\n"
        }
        guard r.status == .optimal || r.status == .feasible else { return out + "</section>\n" }
        func groups(_ g: [PlanReport.GroupTotal], _ names: Bool) -> [(String, Int64)] {
            g.filter { $0.funds > 0 }.map { (names ? ($0.name ?? $0.id ?? "-") : ($0.id ?? "-"), $0.funds) }
        }
        out += "<div class=\"charts\">\n"
        out += figure(L("按县资金", "Funds by county"), bars(groups(r.regions, false)))
        out += figure(L("按类别资金", "Funds by category"), bars(groups(r.categories, L.language == .zh)))
        if !r.periods.isEmpty { out += figure(L("按期次资金（按县堆叠；黑线为该期预算）", "Funds by period, stacked by county (black mark: the tranche)"), stacked(r)) }
        if !r.sources.isEmpty { out += figure(L("按资金来源（已用 / 总额，万元）", "By funding source (used / amount, 万元)"), sources(r.sources, L)) }
        out += "</div>\n"
        if let reference = r.reference { out += referenceTable(reference, L) }
        out += fundedTable(r, L)
        out += bindingTable(item, L)
        out += notFundedTables(r, L)
        return out + "</section>\n"
    }

    /// The plan against its reference (MODEL.md §8): totals, commitments, every change.
    static func referenceTable(_ c: ReferenceComparison, _ L: Labels) -> String {
        var out = "<section class=\"reference\">\n<h3>\(escape(L("与参照方案相比", "Against the reference plan")))</h3>\n<p>"
        out += escape(L("参照方案 \(c.file)：变更 \(c.changeCount) 个项目，变动资金 \(wan(c.moved))。",
                        "Reference \(c.file): \(c.changeCount) change\(c.changeCount == 1 ? "" : "s"), \(wan(c.moved)) moved."))
        if let through = c.committedThrough {
            let ids = c.committed.isEmpty ? L("无", "none") : c.committed.joined(separator: ", ")
            out += " " + escape(L("已承诺（截至 \(through) 年拨付，保持不变）：\(ids)。", "Committed (paid through \(through), kept): \(ids)."))
        }
        out += "</p>\n"
        guard !c.changes.isEmpty else { return out + "</section>\n" }
        out += "<table>\n<thead><tr>"
        out += headRow([(L("变化", "change"), false), (L("编号", "id"), false), (L("名称", "name"), false),
                                (L("参照(万元)", "reference (万元)"), true), (L("本方案(万元)", "this plan (万元)"), true)])
        func cell(_ yuan: Int64, _ period: String?) -> String {
            "<td class=\"n\" title=\"\(Format.yuan(yuan))\">\(yuan == 0 && period == nil ? "-" : wanNumber(yuan) + (period.map { " (\(escape($0)))" } ?? ""))</td>"
        }
        for ch in c.changes {
            out += "<tr><td>\(escape(TableRenderer.kindLabel(ch.kind, L)))</td><td>\(escape(ch.id))</td><td>\(escape(ch.name ?? ""))</td>"
            out += cell(ch.fundsBefore, ch.periodBefore) + cell(ch.fundsAfter, ch.periodAfter) + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// The eligible projects left out (with their cost and households) and the projects the
    /// 五个好 gate or a missing source excludes, each with its reason.
    static func notFundedTables(_ r: PlanReport, _ L: Labels) -> String {
        guard !r.unfunded.isEmpty || !r.ineligible.isEmpty else { return "" }
        var out = "<section class=\"unfunded\">\n"
        if !r.unfunded.isEmpty {
            out += "<h3>\(escape(L("未资助的合格项目", "Eligible projects not funded")))</h3>\n<table>\n<thead><tr>"
            out += headRow([(L("编号", "id"), false), (L("名称", "name"), false), (L("县", "county"), false),
                                    (L("申请(万元)", "request (万元)"), true), (L("户数", "households"), true), (L("备注", "note"), false)])
            for p in r.unfunded {
                out += "<tr><td>\(escape(p.id))</td><td>\(escape(p.name ?? ""))</td><td class=\"k\">\(escape(p.region ?? ""))</td>"
                out += "<td class=\"n\" title=\"\(Format.yuan(p.cost))\">\(wanNumber(p.cost))</td><td class=\"n\">\(Format.households(p.households))</td>"
                out += "<td>\(escape(L.unfundedNote(p.note)))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        if !r.ineligible.isEmpty {
            out += "<h3>\(escape(L("不符合条件的项目", "Ineligible projects")))</h3>\n<table>\n<thead><tr>"
            out += headRow([L("编号", "id"), L("名称", "name"), L("县", "county"), L("原因", "reason")].map { ($0, false) })
            for p in r.ineligible {
                out += "<tr><td>\(escape(p.id))</td><td>\(escape(p.name ?? ""))</td><td class=\"k\">\(escape(p.region ?? ""))</td>"
                out += "<td>\(escape(L.ineligibility(p.why)))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    static func fundedTable(_ r: PlanReport, _ L: Labels) -> String {
        // Counties in the scenario's table order (projects without one last), then by funds.
        let order = Dictionary(r.regions.enumerated().map { ($1.id ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let rank = { (p: PlanReport.FundedProject) in order[p.region ?? ""] ?? r.regions.count }
        let projects = r.funded.sorted { a, b in (rank(a), -a.funds, a.id) < (rank(b), -b.funds, b.id) }
        var out = "<section class=\"projects\">\n<h3>\(escape(L("资助项目（按县、资金排序）", "Funded projects (by county, then funds)")))</h3>\n<table>\n<thead><tr>"
        out += headRow([(L("编号", "id"), false), (L("名称", "name"), false), (L("县", "county"), false), (L("类别", "category"), false),
                                (L("资助(万元)", "funds (万元)"), true), (L("比例", "share"), true), (L("户数", "households"), true),
                                (L("五个好", "score"), true), (L("期次", "period"), false)])
        for p in projects {
            let category = L.language == .zh ? (p.categoryName ?? p.category) : p.category
            let period = p.paid.count == 1 ? p.paid[0].period : p.paid.map(\.period).joined(separator: ", ")
            out += "<tr><td>\(escape(p.id))</td><td>\(escape(p.name ?? ""))</td><td class=\"k\">\(escape(p.region ?? ""))</td><td class=\"k\">\(escape(category ?? ""))</td>"
            out += "<td class=\"n\" title=\"\(Format.yuan(p.funds))\">\(wanNumber(p.funds))</td><td class=\"n\">\(Format.percent(p.share))</td>"
            out += "<td class=\"n\">\(Format.households(p.households))</td><td class=\"n\">\(Format.number(p.score))</td><td>\(escape(period))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if r.funded.contains(where: { !$0.households.isInteger }) {
            out += "<p class=\"note\">\(escape(L("户数按整户显示；部分资助的项目按资助比例计入其带贫户数。", "Households are shown whole; a partly funded project reaches that share of its households.")))</p>\n"
        }
        return out + "</section>\n"
    }

    /// The bounds the plan meets exactly: the rules that bind (the fund among them), then the
    /// sources it uses up — the same bounds the "relaxing one step" table marks as binding.
    public static func bindingBounds(_ r: PlanReport, _ L: Labels) -> [(label: String, metric: String, value: Rational)] {
        var out = r.rules.filter(\.binding).map { (L.bound($0.label, sources: r.sources), $0.metric, $0.value) }
        for s in r.sources where s.left == 0 && s.amount > 0 {
            out.append((L.bound("sources.\(s.id).amount", sources: r.sources) + " ≤", "funds", Rational(s.used)))
        }
        return out
    }

    static func bindingTable(_ item: Item, _ L: Labels) -> String {
        let binding = bindingBounds(item.report, L)
        var out = "<section class=\"rules\">\n<h3>\(escape(L("起作用的约束", "Binding rules")))</h3>\n"
        if binding.isEmpty && !item.worth.contains(where: \.binds) {
            out += "<p>\(escape(L("本方案中没有约束恰好起作用（规则和资金上限均有松弛）。", "No bound binds in this plan (every rule and money cap has slack).")))</p>\n"
        } else if !binding.isEmpty {
            out += "<table>\n<thead><tr><th>\(escape(L("约束", "rule")))</th><th>\(escape(L("指标", "metric")))</th><th class=\"n\">\(escape(L("方案值", "value")))</th></tr></thead>\n<tbody>\n"
            for rule in binding {
                out += "<tr><td>\(escape(rule.label))</td><td>\(escape(L.metricText(rule.metric)))</td><td class=\"n\">\(escape(Format.number(rule.value)))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        if !item.worth.isEmpty {
            out += "<h3>\(escape(L("放宽一步的价值（重新求解）", "What relaxing each bound one step buys (re-solved)")))</h3>\n<table>\n<thead><tr>"
            out += headRow([(L("约束", "bound"), false), (L("限值", "limit"), true), (L("放宽至", "relaxed to"), true),
                                    (L("起作用", "binds"), false), (L("增益", "gain"), true)])
            for b in item.worth where b.binds || (b.gain ?? .zero) > .zero {
                let show = { (v: Rational) in b.isShare ? Format.percent(v) : b.metric == "funds" ? wanNumber(Int64(v.floor)) + " 万元" : Format.number(v) }
                out += "<tr><td>\(escape(L.bound(b.label, sources: item.report.sources))) \(escape(L.relation(b.relation)))</td><td class=\"n\">\(escape(show(b.bound)))</td>"
                out += "<td class=\"n\">\(escape(show(b.relaxed)))</td><td>\(b.binds ? L("是", "yes") : "")</td>"
                out += "<td class=\"n\">\(escape(b.gain.map { ($0 > .zero ? "+" : "") + Format.number($0) } ?? "-"))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    static func sideBySide(_ items: [Item], _ L: Labels) -> String {
        let names = items.map { $0.report.scenarioName ?? $0.report.scenarioFile }
        var out = "<section class=\"compare\">\n<h2>\(escape(L("方案对比", "Scenarios side by side")))</h2>\n<table>\n<thead><tr><th></th>"
        for n in names { out += "<th class=\"n\">\(escape(n))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        let heads = items.map { Headline($0) }
        let rows: [(String, (Int) -> String)] = [
            (L("状态", "status"), { L.status(items[$0].report.status) }),
            (L("使用资金(万元)", "funds (万元)"), { wanNumber(heads[$0].funds) }),
            (L("带贫户数", "households"), { Format.households(heads[$0].households) }),
            (L("国家级贫困县占比", "to national poverty counties"), { heads[$0].nationalPovertyShare.map(Format.percent) ?? "-" }),
            (L("产业项目占比", "to industry"), { heads[$0].industryShare.map(Format.percent) ?? "-" }),
            (L("五个好平均得分", "average 五个好 score"), { heads[$0].averageScore.map { Format.number($0) } ?? "-" }),
            (L("资助项目", "projects"), { "\(heads[$0].projects)" }),
        ]
        for (label, cell) in rows {
            out += "<tr><td>\(escape(label))</td>" + items.indices.map { "<td class=\"n\">\(escape(cell($0)))</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        let base = items[0].report
        for (name, item) in zip(names.dropFirst(), items.dropFirst()) {
            let changes = base.changes(to: item.report).filter { $0.kind != .period }
            out += "<h3>\(escape(L("项目变化：\(name) 对比 \(names[0])", "Project changes: \(name) against \(names[0])")))</h3>\n"
            if changes.isEmpty { out += "<p>\(escape(L("无", "none")))</p>\n"; continue }
            out += "<table>\n<thead><tr><th>\(escape(L("变化", "change")))</th><th>\(escape(L("编号", "id")))</th><th>\(escape(L("名称", "name")))</th>"
            out += "<th class=\"n\">\(escape(names[0]))</th><th class=\"n\">\(escape(name))</th></tr></thead>\n<tbody>\n"
            for ch in changes {
                out += "<tr><td>\(escape(TableRenderer.kindLabel(ch.kind, L)))</td><td>\(escape(ch.id))</td><td>\(escape(ch.name ?? ""))</td>"
                out += "<td class=\"n\" title=\"\(Format.yuan(ch.fundsBefore))\">\(ch.fundsBefore == 0 ? "-" : wanNumber(ch.fundsBefore))</td>"
                out += "<td class=\"n\" title=\"\(Format.yuan(ch.fundsAfter))\">\(ch.fundsAfter == 0 ? "-" : wanNumber(ch.fundsAfter))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    static func frontierSection(_ steps: [Frontier.Step], term: String, _ L: Labels) -> String {
        var out = "<section class=\"frontier\">\n<h2>\(escape(L("资金规模–带贫户数有效前沿", "Budget–households efficient frontier")))</h2>\n"
        out += "<p class=\"note\">\(escape(L("实心点：有效（更少资金达不到同样效果）；竖线：当前预算。", "Filled points: efficient (no smaller budget does as well); the vertical line: the current budget.")))</p>\n"
        out += figure(term, frontierChart(steps, L))
        out += "<table>\n<thead><tr><th class=\"n\">\(escape(L("预算(万元)", "budget (万元)")))</th><th>\(escape(L("状态", "status")))</th>"
        out += "<th class=\"n\">\(escape(L("带贫户数", "households")))</th><th class=\"n\">\(escape(L("资金(万元)", "funds (万元)")))</th><th>\(escape(L("有效", "efficient")))</th>"
        out += "<th>\(escape(L("新增项目", "entered")))</th><th>\(escape(L("退出项目", "left")))</th></tr></thead>\n<tbody>\n"
        for s in steps {
            out += "<tr\(s.current ? " class=\"current\"" : "")><td class=\"n\" title=\"\(Format.yuan(s.budget))\">\(wanNumber(s.budget))</td><td>\(escape(L.status(s.summary.status)))</td>"
            out += "<td class=\"n\">\(s.summary.hasPlan ? Format.households(s.summary.households) : "-")</td>"
            out += "<td class=\"n\">\(s.summary.hasPlan ? wanNumber(s.summary.funds) : "-")</td><td>\(s.efficient ? "✓" : "")</td>"
            out += "<td>\(escape(s.entered.map { "+" + $0 }.joined(separator: " ")))</td><td>\(escape(s.left.map { "−" + $0 }.joined(separator: " ")))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    // MARK: charts (inline SVG)

    static let palette = ["#2f6f9f", "#d9822b", "#3f9c5a", "#b5485d", "#7a5aa6", "#8c6d46", "#4aa3a0", "#c1a33a", "#6b7b8c", "#a35d9c"]

    static func figure(_ caption: String, _ svg: String) -> String {
        "<figure>\n<figcaption>\(escape(caption))</figcaption>\n\(svg)</figure>\n"
    }

    /// Horizontal bars, one per item, labelled with 万元 (exact yuan in each bar's tooltip).
    static func bars(_ items: [(label: String, yuan: Int64)]) -> String {
        let row = 22, left = 150, width = 330, height = items.count * row + 8
        let top = max(1, items.map(\.yuan).max() ?? 1)
        var svg = "<svg viewBox=\"0 0 \(left + width + 90) \(height)\" width=\"\(left + width + 90)\" height=\"\(height)\" role=\"img\">\n"
        for (i, item) in items.enumerated() {
            let y = 4 + i * row, w = Int((Double(item.yuan) / Double(top) * Double(width)).rounded())
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(item.label))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(row - 6)\" fill=\"\(palette[0])\"><title>\(escape(item.label)): \(Format.yuan(item.yuan))</title></rect>"
            svg += "<text x=\"\(left + w + 4)\" y=\"\(y + 15)\">\(wanNumber(item.yuan))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// One bar per period, its segments the counties' funds in that period, with a legend.
    static func stacked(_ r: PlanReport) -> String {
        let counties = r.regions.filter { $0.funds > 0 }.map { $0.id ?? "-" }
        var byPeriod: [String: [String: Rational]] = [:]
        for p in r.funded { for paid in p.paid { byPeriod[paid.period, default: [:]][p.region ?? "-", default: .zero] += paid.yuan } }
        let row = 26, left = 60, width = 360
        let top = max(1, r.periods.map { $0.cap.map(Double.init) ?? $0.funds.doubleValue }.max() ?? 1,
                      r.periods.map { $0.funds.doubleValue }.max() ?? 1)
        let legendRows = (counties.count + 3) / 4
        let height = r.periods.count * row + 10 + legendRows * 18
        var svg = "<svg viewBox=\"0 0 \(left + width + 110) \(height)\" width=\"\(left + width + 110)\" height=\"\(height)\" role=\"img\">\n"
        for (i, period) in r.periods.enumerated() {
            let y = 4 + i * row
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 17)\" text-anchor=\"end\">\(escape(period.period))</text>"
            var x = Double(left)
            for (c, county) in counties.enumerated() {
                guard let yuan = byPeriod[period.period]?[county], yuan > .zero else { continue }
                let w = yuan.doubleValue / top * Double(width)
                svg += "<rect x=\"\(fixed(x))\" y=\"\(y + 3)\" width=\"\(fixed(w))\" height=\"\(row - 6)\" fill=\"\(palette[c % palette.count])\"><title>\(escape(period.period)) \(escape(county)): \(Format.number(yuan, places: 0))</title></rect>"
                x += w
            }
            if let cap = period.cap {
                let cx = Double(left) + Double(cap) / top * Double(width)
                svg += "<line x1=\"\(fixed(cx))\" x2=\"\(fixed(cx))\" y1=\"\(y + 1)\" y2=\"\(y + row - 1)\" class=\"cap\"><title>\(Format.yuan(cap))</title></line>"
            }
            svg += "<text x=\"\(fixed(x + 4))\" y=\"\(y + 17)\">\(escape(Format.number(period.funds / Rational(10_000), places: 0)))</text>\n"
        }
        for (c, county) in counties.enumerated() {
            let lx = left + (c % 4) * 110, ly = r.periods.count * row + 10 + (c / 4) * 18
            svg += "<rect x=\"\(lx)\" y=\"\(ly)\" width=\"10\" height=\"10\" fill=\"\(palette[c % palette.count])\"/><text x=\"\(lx + 14)\" y=\"\(ly + 9)\">\(escape(county))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func sources(_ sources: [PlanReport.SourceTotal], _ L: Labels) -> String {
        let row = 22, left = 150, width = 330, height = sources.count * row + 8
        let top = Double(max(1, sources.map(\.amount).max() ?? 1))
        var svg = "<svg viewBox=\"0 0 \(left + width + 120) \(height)\" width=\"\(left + width + 120)\" height=\"\(height)\" role=\"img\">\n"
        for (i, s) in sources.enumerated() {
            let y = 4 + i * row
            let used = Double(s.used) / top * Double(width), all = Double(s.amount) / top * Double(width)
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(s.name ?? s.id))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(y + 3)\" width=\"\(fixed(all))\" height=\"\(row - 6)\" class=\"left\"><title>\(escape(L("结余", "left"))) \(Format.yuan(s.left))</title></rect>"
            svg += "<rect x=\"\(left)\" y=\"\(y + 3)\" width=\"\(fixed(used))\" height=\"\(row - 6)\" fill=\"\(palette[1])\"><title>\(escape(L("已用", "used"))) \(Format.yuan(s.used))</title></rect>"
            svg += "<text x=\"\(fixed(Double(left) + all + 4))\" y=\"\(y + 15)\">\(wanNumber(s.used)) / \(wanNumber(s.amount))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func frontierChart(_ steps: [Frontier.Step], _ L: Labels) -> String {
        let points = steps.filter(\.summary.hasPlan)
        let w = 520.0, h = 260.0, left = 70.0, bottom = 40.0, top = 12.0, right = 20.0
        guard let minB = steps.map(\.budget).min(), let maxB = steps.map(\.budget).max() else { return "" }
        let ys = points.map { $0.summary.households.doubleValue }
        let ticks = niceTicks((ys.min() ?? 0) * 0.98, max((ys.max() ?? 1) * 1.01, (ys.min() ?? 0) + 1))
        let minY = ticks.first!, maxY = ticks.last!
        func x(_ b: Int64) -> Double { left + (maxB == minB ? 0.5 : Double(b - minB) / Double(maxB - minB)) * (w - left - right) }
        func y(_ v: Double) -> Double { h - bottom - (v - minY) / (maxY - minY) * (h - bottom - top) }
        var svg = "<svg viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"\(Int(w))\" height=\"\(Int(h))\" role=\"img\">\n"
        svg += "<line x1=\"\(fixed(left))\" y1=\"\(fixed(h - bottom))\" x2=\"\(fixed(w - right))\" y2=\"\(fixed(h - bottom))\" class=\"axis\"/>"
        svg += "<line x1=\"\(fixed(left))\" y1=\"\(fixed(top))\" x2=\"\(fixed(left))\" y2=\"\(fixed(h - bottom))\" class=\"axis\"/>\n"
        for s in steps {
            svg += "<text x=\"\(fixed(x(s.budget)))\" y=\"\(fixed(h - bottom + 16))\" text-anchor=\"middle\">\(wanNumber(s.budget))</text>"
            if s.current {
                svg += "<line x1=\"\(fixed(x(s.budget)))\" x2=\"\(fixed(x(s.budget)))\" y1=\"\(fixed(top))\" y2=\"\(fixed(h - bottom))\" class=\"current\"/>"
            }
        }
        svg += "<text x=\"\(fixed((left + w - right) / 2))\" y=\"\(fixed(h - 4))\" text-anchor=\"middle\">\(escape(L("预算（万元）", "budget (万元)")))</text>\n"
        for v in ticks {
            svg += "<text x=\"\(fixed(left - 6))\" y=\"\(fixed(y(v) + 4))\" text-anchor=\"end\">\(Format.number(Rational(Int(v.rounded()))))</text>"
        }
        svg += "\n<polyline class=\"line\" points=\"" + points.map { "\(fixed(x($0.budget))),\(fixed(y($0.summary.households.doubleValue)))" }.joined(separator: " ") + "\"/>\n"
        for p in points {
            svg += "<circle cx=\"\(fixed(x(p.budget)))\" cy=\"\(fixed(y(p.summary.households.doubleValue)))\" r=\"4\" class=\"\(p.efficient ? "efficient" : "dominated")\">"
            svg += "<title>\(Format.yuan(p.budget)): \(Format.households(p.summary.households))</title></circle>\n"
        }
        return svg + "</svg>\n"
    }

    // MARK: helpers

    /// Round axis ticks covering [lo, hi]: a step of 1, 2 or 5 × 10^k (at least 1) giving
    /// three to six ticks, from the multiple of the step at or below lo to the one at or above
    /// hi — 7,164…8,516 becomes 7,000, 7,500, 8,000, 8,500, 9,000.
    public static func niceTicks(_ lo: Double, _ hi: Double) -> [Double] {
        let span = max(hi - lo, 1)
        let magnitude = pow(10, (log10(span / 4)).rounded(.down))
        let step = max(1, [1.0, 2, 5, 10].map { $0 * magnitude }.first { span / $0 <= 5 } ?? 10 * magnitude)
        let first = (lo / step).rounded(.down) * step, last = (hi / step).rounded(.up) * step
        return stride(from: first, through: last + step / 2, by: step).map { $0 }
    }

    /// Yuan as 万元 with separators and up to two decimals: 11,978 or 0.36.
    static func wanNumber(_ yuan: Int64) -> String { Format.number(Rational(yuan) / Rational(10_000)) }
    static func wan(_ yuan: Int64) -> String { wanNumber(yuan) + " 万元" }

    /// A coordinate with one decimal, the same on every machine.
    static func fixed(_ v: Double) -> String { Format.number(Rational(Int((v * 10).rounded()), 10), places: 1).replacingOccurrences(of: ",", with: "") }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let css = """
    tr.core td { background: #e6f4ea; } tr.borderline td { background: #fff4d6; } tr.exterior td { color: #888; }
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; margin: 24px; max-width: 1000px; }
    h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 2px solid #2f6f9f; padding-bottom: 4px; margin-top: 28px; }
    h3 { font-size: 15px; margin: 18px 0 6px; } .sub { font-size: 15px; margin: 0; } .note { color: #666; font-size: 12px; }
    .cards { display: flex; flex-wrap: wrap; gap: 10px; } .card { border: 1px solid #ccd; border-radius: 6px; padding: 8px 12px; min-width: 150px; }
    .card .label { font-size: 12px; color: #555; } .card .value { font-size: 18px; font-weight: 600; }
    .charts { display: flex; flex-wrap: wrap; gap: 16px; } figure { margin: 8px 0; } figcaption { font-size: 13px; font-weight: 600; margin-bottom: 4px; }
    svg text { font-size: 11px; fill: #333; } svg .left { fill: #e3e7ec; } svg .cap { stroke: #222; stroke-width: 2; }
    svg .axis { stroke: #888; } svg .line { fill: none; stroke: #2f6f9f; stroke-width: 2; } svg .current { stroke: #b5485d; stroke-dasharray: 4 3; }
    svg .efficient { fill: #2f6f9f; } svg .dominated { fill: #fff; stroke: #2f6f9f; stroke-width: 1.5; }
    table { border-collapse: collapse; font-size: 12px; margin: 6px 0 12px; } th, td { border-bottom: 1px solid #dde; padding: 3px 8px; text-align: left; }
    th { background: #f2f4f7; white-space: nowrap; } td.k { white-space: nowrap; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } tr.current td { font-weight: 600; }
    pre { background: #f7f7f9; padding: 8px; white-space: pre-wrap; font-size: 12px; }
    @page { size: A4; margin: 14mm; }
    @media print {
      body { margin: 0; max-width: none; } section.plan, section.compare { break-before: page; }
      section.plan:first-of-type, section.compare:first-of-type { break-before: auto; }
      header + section { break-before: auto; } thead { display: table-header-group; } tr, figure, .card { break-inside: avoid; }
      h2, h3 { break-after: avoid; } table { font-size: 10px; } th, td { padding: 2px 4px; }
      section.frontier { break-inside: avoid; }
    }

    """
}
