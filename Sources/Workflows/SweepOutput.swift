import Foundation
import FundAllocation
import ScenarioIO

/// The rows a sweep writes: CSV (one header, one line per point) or JSON Lines (one object per
/// point). Numbers are locale-independent, keys sorted: the same sweep gives the same bytes.
public enum SweepOutput {
    public enum Format: String, Sendable, CaseIterable { case csv, jsonl }

    /// The CSV header: `point`, the varied paths, `status`, `gap`, one column per objective
    /// term (its value in the plan), `funds_yuan`, `households`, `projects`, `funded`.
    public static func header(paths: [String], terms: [String]) -> String {
        CSVText.line(["point"] + paths + ["status", "gap"] + terms + ["funds_yuan", "households", "projects", "funded"])
    }

    /// One point's line, in `format`; CSV term columns follow `terms` (matched by label).
    public static func line(_ point: SweepPoint, _ summary: PointSummary, terms: [String], format: Format) -> String {
        switch format {
        case .csv:
            return CSVText.line([String(point.number)] + point.values.map(\.value)
                + [summary.status, summary.gap.map(gapText) ?? ""]
                + terms.map { label in summary.terms.first { $0.label == label }?.value?.decimalString(places: 6) ?? "" }
                + [String(summary.funds), summary.households.decimalString(places: 6), String(summary.projects),
                   summary.funded.joined(separator: ";")])
        case .jsonl:
            let row = Row(point: point.number,
                          values: Dictionary(point.values.map { ($0.path, $0.value) }, uniquingKeysWith: { _, b in b }),
                          status: summary.status, gap: summary.gap.map(gapText), error: summary.error,
                          objective: summary.terms.map {
                              Term(term: $0.label, stage_optimum: $0.optimum.map(JSONRenderer.number),
                                   plan_value: $0.value.map(JSONRenderer.number))
                          },
                          funds: summary.funds, households: JSONRenderer.number(summary.households),
                          projects: summary.projects, funded: summary.funded)
            return JSONRenderer.encode(row, pretty: false) + "\n"
        }
    }

    /// A gap as text with 6 significant digits (the same on every machine).
    static func gapText(_ gap: Double) -> String { String(format: "%.6g", locale: Locale(identifier: "en_US_POSIX"), gap) }

    struct Term: Encodable { var term: String; var stage_optimum: Decimal?; var plan_value: Decimal? }
    struct Row: Encodable {
        var point: Int; var values: [String: String]; var status: String; var gap: String?; var error: String?
        var objective: [Term]; var funds: Int64; var households: Decimal; var projects: Int; var funded: [String]
    }
}
