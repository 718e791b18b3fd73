import CSV
import Foundation
import FundAllocation
import ScenarioIO
import Workflows

/// Renders the funded projects as CSV: one row per funded project, fixed columns (docs/output.md):
/// `id,name,region,category,cost_yuan,funds_yuan,share,households,score,period,sources`.
public enum CSVRenderer {
    /// The fixed header.
    public static let header = ["id", "name", "region", "category", "cost_yuan", "funds_yuan", "share", "households", "score",
                                "period", "sources"]

    /// With a reference plan (MODEL.md §8), three more columns: how the project changed
    /// against it, and its yuan and period there; a project the reference funds and this plan
    /// drops gets a row with funds_yuan 0 and change `dropped` (read back as a reference, such
    /// rows are skipped).
    public static let referenceHeader = ["change", "reference_yuan", "reference_period"]

    /// The CSV text; with `excel`, a UTF-8 BOM first so that Chinese Excel/WPS reads it as UTF-8.
    public static func render(_ r: PlanReport, excel: Bool = false) -> String {
        let changes = Dictionary((r.reference?.changes ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows = r.funded.map { p in
            var row = [p.id, p.name ?? "", p.region ?? "", p.category ?? "", String(p.cost), String(p.funds),
                       p.share.decimalString(places: 6), p.households.decimalString(places: 6), p.score.decimalString(places: 6),
                       p.paid.count == 1 ? p.paid[0].period
                           : p.paid.map { "\($0.period):\($0.yuan.decimalString(places: 2))" }.joined(separator: ";"),
                       p.sources.map { "\($0.source):\($0.yuan)" }.joined(separator: ";")]
            if r.reference != nil {
                let change = changes[p.id]
                row += [change?.kind.rawValue ?? "", change.map { String($0.fundsBefore) } ?? String(p.funds),
                        change.map { $0.periodBefore ?? "" } ?? (p.paid.count == 1 ? p.paid[0].period : "")]
            }
            return row
        }
        for change in r.reference?.changes ?? [] where change.kind == .dropped {
            rows.append([change.id, change.name ?? "", "", "", "", "0", "0", "0", "0", "", "",
                         change.kind.rawValue, String(change.fundsBefore), change.periodBefore ?? ""])
        }
        return (excel ? "\u{FEFF}" : "") + CSVText.lines([header + (r.reference != nil ? referenceHeader : [])] + rows) + "\r\n"
    }
}

/// CSV text through CSV.swift's writer (quoting as RFC 4180; CRLF line ends).
public enum CSVText {
    /// The rows as CSV lines joined by CRLF, without a final line end.
    public static func lines(_ rows: [[String]]) -> String {
        let stream = OutputStream(toMemory: ())
        do {
            let writer = try CSVWriter(stream: stream, newline: .crlf)
            for row in rows { try writer.write(row: row) }
            writer.stream.close()
        } catch {
            return ""
        }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The rows of CSV text (as `lines` writes it).
    public static func rows(_ text: String) -> [[String]] {
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else { return [] }
        return Array(reader)
    }

    /// One CSV line with its CRLF.
    public static func line(_ fields: [String]) -> String { lines([fields]) + "\r\n" }
}
