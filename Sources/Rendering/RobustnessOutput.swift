import Foundation
import FundAllocation
import ScenarioIO
import Workflows

/// A robustness run (`fundalloc robust`, MODEL.md §9) as a table, JSON or CSV; shard files as
/// JSON lines.
public enum RobustnessOutput {
    public static func table(_ r: Robustness.Summary, language: Language) -> String {
        let L = Labels(language: language)
        var out = L("方案：\(r.scenarioName ?? r.scenarioFile)", "Scenario: \(r.scenarioName ?? r.scenarioFile)") + "\n"
        out += L("样本：\(r.samples)（种子 \(r.seed)），有方案 \(r.solved)", "Samples: \(r.samples) (seed \(r.seed)), \(r.solved) with a plan") + "\n"
        for (status, count) in r.statuses {
            out += L("  \(L.status(Plan.Status(rawValue: status) ?? .noSolution)) \(count)", "  \(status): \(count)") + "\n"
        }
        if let term = r.term {
            out += "\n" + L("第一目标项 \(L.term(term)) 的最优值分布", "The first term's optimum, \(L.term(term))") + "\n"
            out += distribution(r.optimum, L)
            out += "\n" + L("名义方案（按原数据求得）：在 \(r.nominalFeasible)/\(r.samples) 个样本中仍可行",
                            "The nominal plan (the scenario as written): feasible in \(r.nominalFeasible) of \(r.samples) samples") + "\n"
            out += L("遗憾值（样本最优值与名义方案之差）", "Regret (sample optimum against the nominal plan's value)") + "\n"
            out += distribution(r.regret, L)
        }
        out += "\n" + L("项目核心指数（入选样本比例；核心 ≥ \(Format.number(r.thresholds.core))，外围 ≤ \(Format.number(r.thresholds.exterior))）",
                        "Core index of each project (share of samples funding it; core ≥ \(Format.number(r.thresholds.core)), exterior ≤ \(Format.number(r.thresholds.exterior)))") + "\n"
        var rows = [[L("编号", "id"), L("名称", "name"), L("县", "region"), L("核心指数", "core index"), L("类别", "class"),
                     L("名义方案", "nominal")]]
        for p in r.projects {
            rows.append([p.id, TextWidth.truncate(p.name ?? "", 30), p.region ?? "", Format.number(p.coreIndex, places: 3),
                         className(p.kind, L), p.nominal ? L("入选", "funded") : ""])
        }
        out += TableRenderer.table(rows, rightAligned: [3])
        if let robust = r.robustPlan, let term = r.term {
            out += "\n" + (robust.kind == .worst
                ? L("稳健方案（按原数据可行，使第一目标项在最坏样本中最好）", "Robust plan (feasible as written; the first term's worst sample made best)")
                : L("稳健方案（按原数据可行，使第一目标项的样本平均值最好）", "Robust plan (feasible as written; the first term's mean over the samples made best)")) + "\n"
            let rows = [[L.term(term), L("按原数据", "as written"), L("最坏样本", "worst sample"), L("样本平均", "mean")],
                        [L("名义方案", "nominal plan"), Format.number(robust.nominalPlanValue), Format.number(robust.nominalPlanWorst),
                         Format.number(robust.nominalPlanMean)],
                        [L("稳健方案", "robust plan"), Format.number(robust.nominalValue), Format.number(robust.worst), Format.number(robust.mean)]]
            out += TableRenderer.table(rows, rightAligned: [1, 2, 3])
            let nominal = Set(r.projects.filter(\.nominal).map(\.id)), robustSet = Set(robust.funded)
            let added = robust.funded.filter { !nominal.contains($0) }
            let dropped = r.projects.filter { $0.nominal && !robustSet.contains($0.id) }.map(\.id).sorted()
            out += L("与名义方案相比：新增 \(added.isEmpty ? "无" : added.joined(separator: ", "))；去掉 \(dropped.isEmpty ? "无" : dropped.joined(separator: ", "))",
                     "Against the nominal plan: adds \(added.isEmpty ? "none" : added.joined(separator: ", ")); drops \(dropped.isEmpty ? "none" : dropped.joined(separator: ", "))") + "\n"
        }
        return out
    }

    static func className(_ c: Robustness.Summary.Class, _ L: Labels) -> String {
        switch c {
        case .core: return L("核心", "core")
        case .borderline: return L("边缘", "borderline")
        case .exterior: return L("外围", "exterior")
        }
    }

    static func distribution(_ d: Robustness.Distribution?, _ L: Labels) -> String {
        guard let d else { return L("  （无）", "  (none)") + "\n" }
        let rows = [[L("最小", "min"), "P5", "P50", "P95", L("最大", "max"), L("样本数", "samples")],
                    [d.min, d.p5, d.p50, d.p95, d.max].map { Format.number($0) } + [String(d.count)]]
        return TableRenderer.table(rows, rightAligned: Set(0..<6))
    }

    /// A workbook: the run, the distributions and the robust plan on the cover; the projects
    /// with their core index on the second sheet.
    public static func workbook(_ r: Robustness.Summary, language: Language) -> Workbook {
        let L = Labels(language: language)
        var about: [(String, String)] = [(L("方案", "Scenario"), r.scenarioName ?? r.scenarioFile), (L("方案文件", "Scenario file"), r.scenarioFile),
                                         (L("样本数", "Samples"), String(r.samples)), (L("种子", "Seed"), String(r.seed)),
                                         (L("有方案的样本", "Samples with a plan"), String(r.solved))]
        if let term = r.term {
            about.append((L("第一目标项", "First term"), L.term(term)))
            about.append((L("名义方案仍可行的样本", "Samples where the nominal plan stays feasible"), String(r.nominalFeasible)))
            for (name, d) in [(L("最优值", "Optimum"), r.optimum), (L("遗憾值", "Regret"), r.regret)] {
                guard let d else { continue }
                for (label, v) in [(L("最小", "min"), d.min), ("P5", d.p5), ("P50", d.p50), ("P95", d.p95), (L("最大", "max"), d.max)] {
                    about.append(("\(name) \(label)", v.decimalString(places: 6)))
                }
            }
        }
        if let robust = r.robustPlan {
            about.append((L("稳健方案：按原数据", "Robust plan: as written"), robust.nominalValue.decimalString(places: 6)))
            about.append((L("稳健方案：最坏样本", "Robust plan: worst sample"), robust.worst.decimalString(places: 6)))
            about.append((L("稳健方案：样本平均", "Robust plan: mean"), robust.mean.decimalString(places: 6)))
            about.append((L("名义方案：最坏样本", "Nominal plan: worst sample"), robust.nominalPlanWorst.decimalString(places: 6)))
            about.append((L("稳健方案资助项目", "Robust plan funds"), robust.funded.joined(separator: ";")))
        }
        return TableWorkbook.make(title: r.scenarioName ?? r.scenarioFile, sheet: L("核心指数", "Core index"), csv: csv(r),
                                  about: about, language: language)
    }

    public static func csv(_ r: Robustness.Summary) -> String {
        var rows = [["id", "name", "region", "core_index", "class", "nominal"]]
        for p in r.projects {
            rows.append([p.id, p.name ?? "", p.region ?? "", p.coreIndex.decimalString(places: 6), p.kind.rawValue, p.nominal ? "1" : "0"])
        }
        return CSVText.lines(rows) + "\r\n"
    }

    struct DistributionJSON: Encodable { var min: Decimal; var p5: Decimal; var p50: Decimal; var p95: Decimal; var max: Decimal; var samples: Int }
    struct ProjectJSON: Encodable { var id: String; var name: String?; var region: String?; var core_index: Decimal; var `class`: String; var nominal: Bool }
    struct Document: Encodable {
        var scenario: String; var samples: Int; var seed: UInt64; var term: String?; var core: Decimal; var exterior: Decimal
        var solved: Int; var statuses: [String: Int]; var optimum: DistributionJSON?; var nominal_feasible: Int
        var regret: DistributionJSON?; var projects: [ProjectJSON]
        var robust_plan: RobustPlanJSON?
    }
    struct Measured: Encodable { var value: Decimal; var worst: Decimal; var mean: Decimal }
    struct RobustPlanJSON: Encodable { var kind: String; var funded: [String]; var robust: Measured; var nominal: Measured }

    public static func json(_ r: Robustness.Summary) -> String {
        func d(_ x: Robustness.Distribution?) -> DistributionJSON? {
            x.map { DistributionJSON(min: JSONRenderer.number($0.min), p5: JSONRenderer.number($0.p5), p50: JSONRenderer.number($0.p50),
                                     p95: JSONRenderer.number($0.p95), max: JSONRenderer.number($0.max), samples: $0.count) }
        }
        let doc = Document(scenario: r.scenarioFile, samples: r.samples, seed: r.seed, term: r.term?.description,
                           core: JSONRenderer.number(r.thresholds.core), exterior: JSONRenderer.number(r.thresholds.exterior),
                           solved: r.solved, statuses: Dictionary(uniqueKeysWithValues: r.statuses.map { ($0.status, $0.count) }),
                           optimum: d(r.optimum), nominal_feasible: r.nominalFeasible, regret: d(r.regret),
                           projects: r.projects.map { ProjectJSON(id: $0.id, name: $0.name, region: $0.region,
                                                                  core_index: JSONRenderer.number($0.coreIndex),
                                                                  class: $0.kind.rawValue, nominal: $0.nominal) },
                           robust_plan: r.robustPlan.map { p in
                               RobustPlanJSON(kind: p.kind.rawValue, funded: p.funded,
                                              robust: Measured(value: JSONRenderer.number(p.nominalValue), worst: JSONRenderer.number(p.worst),
                                                               mean: JSONRenderer.number(p.mean)),
                                              nominal: Measured(value: JSONRenderer.number(p.nominalPlanValue),
                                                                worst: JSONRenderer.number(p.nominalPlanWorst), mean: JSONRenderer.number(p.nominalPlanMean)))
                           })
        return JSONRenderer.encode(doc, pretty: true) + "\n"
    }

    /// The first line of a shard file: what run it belongs to.
    public struct ShardHeader: Codable, Equatable {
        public var scenario: String
        public var samples: Int
        public var seed: UInt64
        public var shard: String

        public init(scenario: String, samples: Int, seed: UInt64, shard: String) {
            self.scenario = scenario
            self.samples = samples
            self.seed = seed
            self.shard = shard
        }
    }

    /// One JSON line (header or sample).
    public static func line(_ value: some Encodable) -> String { JSONRenderer.encode(value, pretty: false) + "\n" }
}
