import Foundation
import FundAllocation
import ScenarioIO
import Workflows

/// The rows a sweep writes: CSV (one header, one line per point) or JSON Lines (one object per
/// point). Numbers are locale-independent, keys sorted: the same sweep gives the same bytes.
public enum SweepOutput {
    /// `xlsx`: the CSV rows as a workbook (`TableWorkbook`).
    public enum Format: String, Sendable, CaseIterable { case csv, jsonl, xlsx }

    /// A CSV column name from a setting path or a county id: a safe identifier (letters,
    /// digits and `_`; CJK letters are letters), so that R, pandas and spreadsheets take it as
    /// it is: `budget.total` → `budget_total`, `regions.旬邑县.households.min` →
    /// `regions_旬邑县_households_min`.
    public static func identifier(_ text: String) -> String {
        let mapped = text.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? Character($0) : "_" }
        return String(mapped)
    }

    /// The CSV header, the same shape for every scenario: `point`, the varied settings
    /// (`identifier` of each path), `status`, `gap`, `term1`…`termN` (each objective term's
    /// value in the plan, in objective order), `funds_yuan`, `households`, `persons`, `score`,
    /// `projects`, then `households_<county>` and `funds_yuan_<county>` per county of the
    /// scenario's region table, and `funded` (ids, `;`-separated).
    public static func header(paths: [String], terms: Int, regions: [String]) -> String {
        CSVText.line(["point"] + paths.map(identifier) + ["status", "gap"] + (0..<terms).map { "term\($0 + 1)" }
            + ["funds_yuan", "households", "persons", "score", "projects"]
            + regions.map { "households_" + identifier($0) } + regions.map { "funds_yuan_" + identifier($0) } + ["funded"])
    }

    /// One point's line, in `format`; CSV term columns follow `terms` (matched by label) and
    /// county columns follow `regions` (matched by id).
    public static func line(_ point: SweepPoint, _ summary: PointSummary, terms: [String], regions: [String],
                            format: Format) -> String {
        let county = { (id: String) in summary.regions.first { $0.id == id } }
        switch format {
        case .csv, .xlsx:
            var cells: [String] = [String(point.number)] + point.values.map { Value($0.value).text }
            cells += [summary.status.description, summary.gap.map(gapText) ?? ""]
            cells += terms.map { label in summary.terms.first { $0.label == label }?.value?.decimalString(places: 6) ?? "" }
            cells += [String(summary.funds), summary.households.decimalString(places: 6)]
            cells += [summary.persons?.decimalString(places: 6) ?? "", summary.score.decimalString(places: 6), String(summary.projects)]
            cells += regions.map { county($0)?.households.decimalString(places: 6) ?? "" }
            cells += regions.map { county($0).map { String($0.funds) } ?? "" }
            cells.append(summary.funded.joined(separator: ";"))
            return CSVText.line(cells)
        case .jsonl:
            let row = Row(point: point.number,
                          values: Dictionary(point.values.map { ($0.path, Value($0.value)) }, uniquingKeysWith: { _, b in b }),
                          status: summary.status.description, gap: summary.gap.map(gapNumber), error: summary.error,
                          objective: summary.terms.map {
                              Term(term: $0.label, stage_optimum: $0.optimum.map(JSONRenderer.number),
                                   plan_value: $0.value.map(JSONRenderer.number))
                          },
                          funds: summary.funds, households: JSONRenderer.number(summary.households),
                          persons: summary.persons.map(JSONRenderer.number), score: JSONRenderer.number(summary.score),
                          projects: summary.projects,
                          regions: summary.regions.map { Region(id: $0.id, households: JSONRenderer.number($0.households), funds: $0.funds) },
                          funded: summary.funded)
            return JSONRenderer.encode(row, pretty: false) + "\n"
        }
    }

    /// A varied value in JSON: a number when it reads as one (money as whole yuan: `1.2亿` →
    /// 120000000), else the text as written.
    enum Value: Encodable {
        case number(Decimal), text(String)

        init(_ written: String) {
            if case .success(let v) = NumberSyntax.number(written) { self = .number(JSONRenderer.number(v)) } else { self = .text(written) }
        }

        /// The CSV cell: the number in plain digits, or the text.
        var text: String {
            switch self {
            case .number(let d): return "\(d)"
            case .text(let t): return t
            }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .number(let d): try c.encode(d)
            case .text(let t): try c.encode(t)
            }
        }
    }

    /// A gap as text with 6 significant digits (the same on every machine).
    static func gapText(_ gap: Double) -> String { String(format: "%.6g", locale: Locale(identifier: "en_US_POSIX"), gap) }

    /// A gap as a JSON number with 6 significant digits (the same on every machine).
    static func gapNumber(_ gap: Double) -> Decimal { Decimal(string: gapText(gap), locale: Locale(identifier: "en_US_POSIX")) ?? 0 }

    struct Term: Encodable { var term: String; var stage_optimum: Decimal?; var plan_value: Decimal? }
    struct Region: Encodable { var id: String?; var households: Decimal; var funds: Int64 }
    struct Row: Encodable {
        var point: Int; var values: [String: Value]; var status: String; var gap: Decimal?; var error: String?
        var objective: [Term]; var funds: Int64; var households: Decimal; var persons: Decimal?; var score: Decimal
        var projects: Int; var regions: [Region]; var funded: [String]
    }
}
