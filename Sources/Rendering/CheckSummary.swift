import FundAllocation
import ScenarioIO
import Workflows

/// The text `check` prints.
public enum CheckSummary {
    public static func render(_ s: Scenario, _ model: AllocationModel, language: Language) -> String {
        let zh = language == .zh
        let ineligible = model.ineligibility.compactMap { $0 }.count
        let binaries = model.columns.filter(\.isBinary).count
        let nonZeros = model.rows.reduce(0) { $0 + $1.expression.terms.count }
        let lines = zh ? [
            "方案 \(s.name ?? s.file): 有效",
            "项目: \(s.projects.count)（合格 \(s.projects.count - ineligible)，不合格 \(ineligible)）",
            "县: \(s.regions.count)，类别: \(s.categories.count)，规则: \(s.rules.count)（展开后 \(model.concreteRules.count)）",
            "目标: " + s.objective.map(\.description).joined(separator: " → "),
            "模型: \(model.columns.count) 个变量（0-1 变量 \(binaries)，整数变量 \(model.columns.count - binaries)），\(model.rows.count) 个约束，\(nonZeros) 个非零系数",
        ] : [
            "scenario \(s.name ?? s.file): valid",
            "projects: \(s.projects.count) (\(s.projects.count - ineligible) eligible, \(ineligible) ineligible)",
            "regions: \(s.regions.count), categories: \(s.categories.count), rules: \(s.rules.count) (\(model.concreteRules.count) after for_each)",
            "objective: " + s.objective.map(\.description).joined(separator: " → "),
            "model: \(model.columns.count) variables (\(binaries) binary, \(model.columns.count - binaries) integer), \(model.rows.count) constraints, \(nonZeros) non-zeros",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
