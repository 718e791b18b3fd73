import FundAllocation
import ScenarioIO
import Workflows

/// Labels of the table output in Chinese and English.
public struct Labels: Sendable {
    public let language: Language

    public init(language: Language) { self.language = language }

    public func callAsFunction(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// A money bound of `explain` (`Explanation.Bound.label`, a stable key in JSON) as a
    /// person reads it: `budget.total` → 资金总额, `budget.by_period.2018` → 2018 年度资金,
    /// `budget.cumulative.2018` → 截至 2018 年累计资金, `sources.taixing.amount` → 资金来源
    /// 泰兴市 (the source's name from `sources`). Rule labels are the planner's own and stay.
    public func bound(_ key: String, sources: [PlanReport.SourceTotal]) -> String {
        if key == "budget.total" { return self("资金总额", "budget total") }
        if key.hasPrefix("budget.by_period.") {
            let p = key.dropFirst("budget.by_period.".count)
            return self("\(p) 年度资金", "tranche \(p)")
        }
        if key.hasPrefix("budget.cumulative.") {
            let p = key.dropFirst("budget.cumulative.".count)
            return self("截至 \(p) 年累计资金", "tranches through \(p)")
        }
        if key.hasPrefix("sources."), key.hasSuffix(".amount") {
            let id = String(key.dropFirst("sources.".count).dropLast(".amount".count))
            let name = sources.first { $0.id == id }?.name ?? id
            return self("资金来源 \(name)", "source \(name)")
        }
        if key == "budget.min_use" { return self("资金使用下限", "budget min_use") }
        if key.hasPrefix("five_good.portfolio_min."), let c = Criterion(rawValue: String(key.dropFirst("five_good.portfolio_min.".count))) {
            return self("五个好组合下限 \(c.chineseName)", "五个好 portfolio floor \(c.rawValue)")
        }
        return key
    }

    /// An unfunded project's note (`pinned out`) in the language.
    public func unfundedNote(_ note: String?) -> String {
        note.map { $0 == "pinned out" ? self("固定不资助", "pinned out") : $0 } ?? ""
    }

    /// A metric written as in the scenario (`funds`, `households`, `score_linkage`) as a
    /// person reads it (资金, 带贫户数, 利益联结好); what is not a metric stays as written.
    public func metricText(_ name: String) -> String {
        if let m = Metric(name: name) { return metric(m) }
        if name.hasPrefix("score_"), let c = Criterion(rawValue: String(name.dropFirst(6))) { return criterion(c) }
        return name
    }

    /// A bound's relation (`≥`, `share ≤`, `share of the fund ≥`, `funds-weighted ≥`) in the language.
    public func relation(_ r: String) -> String {
        guard language == .zh else { return r }
        return r.replacingOccurrences(of: "share of the fund", with: "占资金总额比例")
            .replacingOccurrences(of: "funds-weighted", with: "按资金加权")
            .replacingOccurrences(of: "share", with: "占比")
    }

    public func status(_ status: Plan.Status) -> String {
        switch status {
        case .optimal: return self("最优", "optimal")
        case .feasible: return self("可行（未证明最优）", "feasible (optimality not proven)")
        case .infeasible: return self("无可行方案", "infeasible")
        case .noSolution: return self("时限内无解", "no solution within the time limit")
        }
    }

    /// A sweep or frontier point's status: the plan's, or "solver failed".
    public func status(_ status: PointSummary.Status) -> String {
        switch status {
        case .solved(let s): return self.status(s)
        case .failed: return self("求解失败", "solver failed")
        }
    }

    public func metric(_ m: Metric) -> String {
        guard language == .zh else { return m.description }
        switch m {
        case .funds: return "资金"
        case .households: return "带贫户数"
        case .persons: return "带贫人数"
        case .projects: return "项目数"
        case .score: return "五个好得分"
        case .value: return "价值"
        case .sum(let field): return "合计 \(field)"
        case .fundsPerHousehold: return "户均资金"
        case .changes: return "变更项目数"
        case .moved: return "变动资金"
        }
    }

    /// An objective term: `maximize households where region=R1 (within 1%)` / `最大化 带贫户数 …`.
    public func term(_ t: ObjectiveTerm) -> String {
        let sense = language == .zh ? (t.sense == .maximize ? "最大化" : "最小化") : t.sense.rawValue
        var text = "\(sense) \(metric(t.metric))"
        if !t.filter.conditions.isEmpty { text += self("（条件 \(t.filter)）", " where \(t.filter)") }
        if !t.within.isZero { text += self("（可让步 \(Format.percent(t.within))）", " (within \(Format.percent(t.within)))") }
        return text
    }

    func criterion(_ c: Criterion) -> String { language == .zh ? c.chineseName : c.rawValue }

    public func ineligibility(_ why: Ineligibility) -> String {
        why.reasons.map { reason in
            switch reason {
            case let .criterionBelowMinimum(c, score, minimum):
                return "\(criterion(c)) \(Format.number(score)) < \(Format.number(minimum))"
            case let .weightedBelowMinimum(score, minimum):
                return self("加权分", "weighted score") + " \(Format.number(score)) < \(Format.number(minimum))"
            case .noSource: return self("没有可用的资金来源", "no source may fund it")
            case .emptyWindow: return self("开始与结束之间没有期次", "no period between its start and end")
            }
        }.joined(separator: "; ")
    }
}

/// Number formatting shared by the renderers (locale-independent: output must not change with LANG).
public enum Format {
    /// Households (or persons) as people read them: whole (a partly funded project reaches a
    /// share of its households, so the exact count can be fractional; JSON keeps it exact).
    public static func households(_ value: Rational) -> String { number(Rational(value.rounded)) }

    /// Yuan with thousands separators: 12,345,678.
    public static func yuan(_ value: Int64) -> String { grouped(String(value.magnitude), negative: value < 0) }

    /// A number with at most `places` decimals and thousands separators in the whole part.
    public static func number(_ value: Rational, places: Int = 2) -> String {
        let text = value.decimalString(places: places)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = grouped(String(parts[0]), negative: negative)
        return parts.count > 1 ? "\(whole).\(parts[1])" : whole
    }

    /// A share as a percentage with one decimal: 87.5%.
    /// A bound or a value of a metric in its own units: a share as a percentage, money in
    /// whole yuan, anything else with up to two decimals.
    public static func measure(_ value: Rational, share: Bool, metric: String) -> String {
        share ? percent(value) : metric == Metric.funds.description ? number(value, places: 0) : number(value)
    }

    public static func percent(_ value: Rational) -> String {
        (value * Rational(100)).decimalString(places: 1) + "%"
    }

    /// A ratio such as a MIP gap as a percentage with up to four decimals: 0.0125%.
    public static func percent(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return (Rational(Int64((value * 1e6).rounded())) / Rational(10_000)).decimalString(places: 4) + "%"
    }

    private static func grouped(_ digits: String, negative: Bool) -> String {
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return negative ? "-" + out : out
    }
}
