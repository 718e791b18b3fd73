import Foundation
import FundAllocation
import ScenarioIO
import Workflows

/// An explanation as a table (zh/en) or JSON (docs/output.md).
public enum ExplainOutput {
    static func optimum(_ o: Explanation.Outcome, _ L: Labels) -> String {
        guard let v = o.optimum else { return L.status(o.status) }
        return Format.number(v) + (o.proven ? "" : "*")
    }

    static func signed(_ v: Rational?) -> String {
        guard let v else { return "-" }
        return v.isZero ? "0" : (v > .zero ? "+" : "") + Format.number(v)
    }

    public static func table(_ e: Explanation, language: Language) -> String {
        let L = Labels(language: language)
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        let r = e.base
        line("\(L("方案", "Scenario")): \(r.scenarioName ?? r.scenarioFile)")
        line("\(L("状态", "Status")): \(L.status(r.status))")
        if let diagnosis = r.diagnosis {
            line()
            line(L("无可行方案的原因", "Why there is no plan"))
            for text in DiagnosisRenderer.lines(diagnosis, language: language) { line("  " + text) }
            return out
        }
        guard let term = e.term, e.baseOutcome.optimum != nil else {
            line(L("没有目标项或方案，无可解释。", "No objective term or no plan: nothing to explain."))
            return out
        }
        line(L("比较对象：第一目标项「\(L.term(term))」的最优值 \(optimum(e.baseOutcome, L))（方案值 \(r.stages.first?.value.map { Format.number($0) } ?? "-")）",
               "Compared on: the best value of the first objective term, \(L.term(term)): \(optimum(e.baseOutcome, L)) (the plan: \(r.stages.first?.value.map { Format.number($0) } ?? "-"))"))
        line(L("方法：每一行改变一处后重新求解；* 表示计算限额（每次 20,000 个节点）内未证明最优；? 表示所需资金计算限额内未证明最少。",
               "Method: each line re-solves the scenario with one thing changed; * not proven optimal, ? fund not proven the least, within the work limit (20,000 nodes per re-solve)."))
        if !e.unfunded.isEmpty {
            line()
            line(L("未资助的合格项目：强制纳入的代价", "Eligible projects not funded: what forcing each in costs"))
            var rows = [[L("编号", "id"), L("名称", "name"), L("县", "region"), L("申请(元)", "cost"), L("户数", "households"),
                         L("纳入后最优", "best with it"), L("损失", "loss"), L("无损纳入所需资金(元)", "fund to add it at no loss")]]
            var notes: [String] = []
            for p in e.unfunded {
                rows.append([p.id, TextWidth.truncate(p.name ?? "", 28), p.region ?? "", Format.yuan(p.cost),
                             Format.number(p.households), optimum(p.outcome, L),
                             (p.loss.map { Format.number($0) } ?? "-") + (p.pinnedOut ? L("（已固定不资助）", " (pinned out)") : ""),
                             fund(p, r.budgetTotal, L)])
                if let d = p.stoppedBy {
                    notes.append(L("\(p.id) 无法纳入：", "\(p.id) cannot be forced in:"))
                    notes += DiagnosisRenderer.lines(d, language: language).filter { !$0.hasPrefix(L("或将资金", "Or raise")) && !$0.hasPrefix(L("增加资金", "No larger")) }
                        .map { "  " + $0 }
                }
            }
            out += TableRenderer.table(rows, rightAligned: [3, 4, 5, 6, 7])
            for n in notes { line("  " + n) }
        }
        if !e.funded.isEmpty {
            line()
            line(L("已资助项目：强制排除的损失", "Funded projects: what forcing each out loses"))
            var rows = [[L("编号", "id"), L("名称", "name"), L("县", "region"), L("资助(元)", "funds"),
                         L("排除后最优", "best without it"), L("损失", "loss")]]
            for p in e.funded {
                rows.append([p.id, TextWidth.truncate(p.name ?? "", 28), p.region ?? "", Format.yuan(p.funds),
                             optimum(p.outcome, L),
                             (p.loss.map { Format.number($0) } ?? L("不可行", "infeasible")) + (p.pinnedIn ? L("（已固定资助）", " (pinned in)") : "")])
            }
            out += TableRenderer.table(rows, rightAligned: [3, 4, 5])
        }
        if !e.bounds.isEmpty {
            line()
            line(L("规则与约束：放宽一步（1%，份额为 1 个百分点）的价值", "Rules and bounds: what relaxing each by one step (1 %, one point for shares) is worth"))
            var rows = [[L("约束", "bound"), L("指标", "metric"), L("限值", "bound"), L("方案值", "value"), L("松弛", "slack"),
                         L("起作用", "binds"), L("放宽至", "relaxed to"), L("放宽后最优", "best then"), L("增益", "gain")]]
            for b in e.bounds {
                rows.append([TextWidth.truncate(L.bound(b.label, sources: e.base.sources), 30), "\(L.metricText(b.metric)) \(L.relation(b.relation))", Format.measure(b.bound, share: b.isShare, metric: b.metric),
                             Format.measure(b.value, share: b.isShare, metric: b.metric), Format.measure(b.slack, share: b.isShare, metric: b.metric),
                             b.binds ? L("是", "yes") : "", Format.measure(b.relaxed, share: b.isShare, metric: b.metric),
                             optimum(b.outcome, L), signed(b.gain)])
            }
            out += TableRenderer.table(rows, rightAligned: [2, 3, 4, 6, 7, 8])
        }
        if !r.ineligible.isEmpty {
            line()
            line(L("不符合五个好条件的项目", "Ineligible projects (五个好 gate)"))
            var rows = [[L("编号", "id"), L("名称", "name"), L("县", "region"), L("原因", "reason")]]
            for p in r.ineligible { rows.append([p.id, TextWidth.truncate(p.name ?? "", 28), p.region ?? "", L.ineligibility(p.why)]) }
            out += TableRenderer.table(rows, rightAligned: [])
        }
        return out
    }

    static func fund(_ p: Explanation.ForcedIn, _ total: Int64?, _ L: Labels) -> String {
        guard let needed = p.fundNeeded else {
            if p.loss == .zero { return L("无需", "none needed") }
            return p.outcome.status == .infeasible || (p.loss ?? .zero) > .zero ? L("无", "none found") : "-"
        }
        let now = total.map { "+" + Format.yuan(needed - $0) } ?? Format.yuan(needed)
        return p.fundAtLeast == nil ? now : now + "?"
    }

    struct OutcomeJSON: Encodable { var status: String; var best: Decimal?; var proven: Bool }
    struct ForcedInJSON: Encodable {
        var id: String; var name: String?; var region: String?; var cost: Int64; var households: Decimal
        var pinned_out: Bool; var forced_in: OutcomeJSON; var loss: Decimal?; var stopped_by: DiagnosisRenderer.JSON?
        var fund_needed: Int64?; var fund_at_least: Int64?
    }
    struct ForcedOutJSON: Encodable {
        var id: String; var name: String?; var region: String?; var funds: Int64; var pinned_in: Bool; var forced_out: OutcomeJSON
        var loss: Decimal?
    }
    struct BoundJSON: Encodable {
        var bound: String; var metric: String; var relation: String; var file: String?; var line: Int?
        var limit: Decimal; var value: Decimal; var slack: Decimal; var binds: Bool; var relaxed_to: Decimal
        var relaxed: OutcomeJSON; var gain: Decimal?
    }
    struct Document: Encodable {
        var format: Int; var scenario: String; var status: String; var term: String?; var best: OutcomeJSON
        var method: String; var unfunded: [ForcedInJSON]; var funded: [ForcedOutJSON]; var bounds: [BoundJSON]
        var ineligible: [String: [String]]; var diagnosis: DiagnosisRenderer.JSON?
    }

    public static func json(_ e: Explanation) -> String {
        let n = JSONRenderer.number
        func outcome(_ o: Explanation.Outcome) -> OutcomeJSON { OutcomeJSON(status: o.status.rawValue, best: o.optimum.map(n), proven: o.proven) }
        let document = Document(
            format: 1, scenario: e.base.scenarioName ?? e.base.scenarioFile, status: e.base.status.rawValue,
            term: e.term?.description, best: outcome(e.baseOutcome), method: e.method,
            unfunded: e.unfunded.map {
                ForcedInJSON(id: $0.id, name: $0.name, region: $0.region, cost: $0.cost, households: n($0.households),
                             pinned_out: $0.pinnedOut, forced_in: outcome($0.outcome), loss: $0.loss.map(n), stopped_by: $0.stoppedBy.map(DiagnosisRenderer.json),
                             fund_needed: $0.fundNeeded, fund_at_least: $0.fundAtLeast)
            },
            funded: e.funded.map {
                ForcedOutJSON(id: $0.id, name: $0.name, region: $0.region, funds: $0.funds, pinned_in: $0.pinnedIn, forced_out: outcome($0.outcome), loss: $0.loss.map(n))
            },
            bounds: e.bounds.map {
                BoundJSON(bound: $0.label, metric: $0.metric, relation: $0.relation, file: $0.location?.file, line: $0.location?.line,
                          limit: n($0.bound), value: n($0.value), slack: n($0.slack), binds: $0.binds, relaxed_to: n($0.relaxed),
                          relaxed: outcome($0.outcome), gain: $0.gain.map(n))
            },
            ineligible: Dictionary(uniqueKeysWithValues: e.base.ineligible.map { ($0.id, [$0.why.description]) }),
            diagnosis: e.base.diagnosis.map(DiagnosisRenderer.json))
        return JSONRenderer.encode(document, pretty: true) + "\n"
    }
}
