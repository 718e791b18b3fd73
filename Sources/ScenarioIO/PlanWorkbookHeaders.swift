import FundAllocation

/// The names a plan workbook (`solve --format xlsx`) gives the sheet and the columns that a
/// reference plan is read from (MODEL.md §8), in both languages: the writer (Rendering) and
/// the reader (`reference: {plan: plan.xlsx}`) share them.
public enum PlanWorkbookHeaders {
    public struct Label: Sendable {
        public var zh: String
        public var en: String
        /// The field of the CSV export it stands for (`id`, `funds_yuan`, `period`).
        public var field: String

        public func text(_ language: Language) -> String { language == .zh ? zh : en }
    }

    public static let fundedSheet = Label(zh: "资助项目", en: "Funded projects", field: "")
    public static let id = Label(zh: "项目编号", en: "Project id", field: "id")
    public static let funds = Label(zh: "安排资金（元）", en: "Funds (yuan)", field: "funds_yuan")
    public static let period = Label(zh: "期次", en: "Period", field: "period")
    /// The label of a sheet's totals row (its first cell); a reference skips that row.
    public static let total = Label(zh: "合计", en: "Total", field: "")

    /// The CSV field a header names (`项目编号` → `id`), or the header itself.
    static func field(_ header: String) -> String {
        [id, funds, period].first { $0.zh == header || $0.en == header }?.field ?? header
    }
}
