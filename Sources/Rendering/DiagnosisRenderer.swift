import Foundation
import FundAllocation
import ScenarioIO
import Workflows

/// The infeasibility diagnosis as sentences (table output) and as JSON (docs/output.md).
public enum DiagnosisRenderer {
    static func value(_ v: Rational, of s: InfeasibilityDiagnosis.Shortfall) -> String {
        Format.measure(v, share: s.target.isShare, metric: s.metric)
    }

    static func where_(_ s: InfeasibilityDiagnosis.Shortfall) -> String {
        s.location.map { " (\($0.file):\($0.line))" } ?? ""
    }

    /// What the target asks: `各县带贫户数目标 [旬邑县]: households ≥ 3,000 (file:line)`.
    public static func statement(_ s: InfeasibilityDiagnosis.Shortfall) -> String {
        "\(s.label): \(s.metric) \(s.relation) \(value(s.bound, of: s))\(where_(s))"
    }

    /// How far it can get and how much to relax it.
    public static func reach(_ s: InfeasibilityDiagnosis.Shortfall, _ L: Labels) -> String {
        let reached = value(s.reached, of: s), by = value(s.relaxBy, of: s)
        let context = s.withAllOtherTargets ? L("其他规则不变", "with every other rule in place")
                                            : L("仅保留本冲突中的其他目标", "keeping only the other targets of this conflict")
        if s.proven {
            return s.target.isLower
                ? L("\(context)，最多可达 \(reached)：需放宽 \(by)", "\(context), at most \(reached) can be reached: relax it by \(by)")
                : L("\(context)，至少为 \(reached)：需放宽 \(by)", "\(context), at least \(reached) is needed: relax it by \(by)")
        }
        if let best = s.bestBound, let least = s.relaxAtLeast {
            let range = "\(value(s.reached, of: s))–\(value(best, of: s))", by = "\(value(least, of: s))–\(value(s.relaxBy, of: s))"
            return s.target.isLower
                ? L("\(context)，最多可达 \(range)（计算限额内未证明）：需放宽 \(by)",
                    "\(context), at most \(range) can be reached (not proven within the work limit): relax it by \(by)")
                : L("\(context)，至少为 \(range)（计算限额内未证明）：需放宽 \(by)",
                    "\(context), at least \(range) is needed (not proven within the work limit): relax it by \(by)")
        }
        return L("\(context)，找到的最接近方案为 \(reached)：需放宽约 \(by)",
                 "\(context), the closest plan found reaches \(reached): relax it by about \(by)")
    }

    /// The diagnosis as indented lines (no trailing newline).
    public static func lines(_ d: InfeasibilityDiagnosis, language: Language) -> [String] {
        let L = Labels(language: language)
        var out: [String] = []
        if !d.commitments.isEmpty {
            out.append(L("已承诺的项目无法全部保留（不保留这些承诺即有方案）：\(d.commitments.joined(separator: ", "))",
                         "The committed projects cannot all be kept (without these commitments there is a plan): \(d.commitments.joined(separator: ", "))"))
        }
        if d.conflict.isEmpty && !d.pinned.isEmpty {
            out.append(L("即使去掉所有目标，锁定入选的项目也无法同时资助：\(d.pinned.joined(separator: ", "))",
                         "Even with every target dropped, the projects pinned in cannot all be funded: \(d.pinned.joined(separator: ", "))"))
        } else if !d.conflict.isEmpty {
            out.append(d.conflict.count == 1
                ? L("以下目标在预算、锁定项目和合格项目范围内无法满足：", "This target cannot be met with the budget, the pins and the eligible projects:")
                : L("以下 \(d.conflict.count) 个目标在预算、锁定项目和合格项目范围内无法同时满足：",
                    "These \(d.conflict.count) targets cannot all be met together with the budget, the pins and the eligible projects:"))
            for s in d.conflict {
                out.append("  - " + statement(s))
                out.append("      " + reach(s, L))
            }
            if !d.minimal {
                out.append(L("  （部分检验超时：这组目标未必最小）", "  (some tests ran out of time: this set may not be the smallest)"))
            }
        } else if d.commitments.isEmpty {
            out.append(L("未找到冲突的目标。", "No conflicting targets were found."))
        }
        if d.relaxation.count > 1 || (d.relaxation.count == 1 && d.conflict.map(\.target) != d.relaxation.map(\.target)) {
            out.append(L("一种可行的放宽（弹性模型，总相对放宽最小）：", "One way out (elastic model, least total relative relaxation):"))
            for s in d.relaxation {
                out.append("  - \(s.label): \(s.metric) \(s.relation) \(value(s.reached, of: s))"
                           + L("（原为 \(value(s.bound, of: s))）", " (now \(value(s.bound, of: s)))"))
            }
        }
        if let fund = d.fund {
            if let needed = d.fundNeeded, let least = d.fundAtLeast {
                out.append(L("或将资金从 \(Format.yuan(fund)) 元增加至 \(Format.yuan(needed)) 元即可满足全部目标（各期次和来源按比例；计算限额内未证明最少，至少需 \(Format.yuan(least)) 元）。",
                             "Or raise the fund from \(Format.yuan(fund)) to \(Format.yuan(needed)) yuan (tranches and sources in proportion), and every target can be met; not proven the least within the work limit (at least \(Format.yuan(least)) is needed)."))
            } else if let needed = d.fundNeeded {

                out.append(L("或将资金从 \(Format.yuan(fund)) 元增加 \(Format.yuan(needed - fund)) 元至 \(Format.yuan(needed)) 元（各期次和来源按比例），即可满足全部目标。",
                             "Or raise the fund by \(Format.yuan(needed - fund)) yuan, from \(Format.yuan(fund)) to \(Format.yuan(needed)) (tranches and sources in proportion), and every target can be met."))
            } else {
                out.append(L("增加资金无济于事：冲突不在钱上。", "No larger fund makes it feasible: the conflict is not about money."))
            }
        }
        return out
    }

    public struct ShortfallJSON: Encodable {
        var target: String; var metric: String; var relation: String; var file: String?; var line: Int?
        var bound: Decimal; var reached: Decimal; var relax_by: Decimal; var proven: Bool; var best_bound: Decimal?
        var with_all_other_targets: Bool
    }

    public struct JSON: Encodable {
        var conflict: [ShortfallJSON]; var minimal: Bool; var pinned: [String]; var relaxation: [ShortfallJSON]
        var fund: Int64?; var fund_needed: Int64?; var fund_at_least: Int64?
        /// Only when commitments are the cause (MODEL.md §8).
        var commitments: [String]?
    }

    public static func json(_ d: InfeasibilityDiagnosis) -> JSON {
        func item(_ s: InfeasibilityDiagnosis.Shortfall) -> ShortfallJSON {
            ShortfallJSON(target: s.label, metric: s.metric, relation: s.relation, file: s.location?.file, line: s.location?.line,
                          bound: JSONRenderer.number(s.bound), reached: JSONRenderer.number(s.reached),
                          relax_by: JSONRenderer.number(s.relaxBy), proven: s.proven,
                          best_bound: s.bestBound.map(JSONRenderer.number), with_all_other_targets: s.withAllOtherTargets)
        }
        return JSON(conflict: d.conflict.map(item), minimal: d.minimal, pinned: d.pinned, relaxation: d.relaxation.map(item),
                    fund: d.fund, fund_needed: d.fundNeeded, fund_at_least: d.fundAtLeast,
                    commitments: d.commitments.isEmpty ? nil : d.commitments)
    }
}
