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

    /// The CSV text; with `excel`, a UTF-8 BOM first so that Chinese Excel/WPS reads it as UTF-8.
    public static func render(_ r: PlanReport, excel: Bool = false) -> String {
        let rows = r.funded.map { p in
            [p.id, p.name ?? "", p.region ?? "", p.category ?? "", String(p.cost), String(p.funds),
             p.share.decimalString(places: 6), p.households.decimalString(places: 6), p.score.decimalString(places: 6),
             p.paid.count == 1 ? p.paid[0].period
                 : p.paid.map { "\($0.period):\($0.yuan.decimalString(places: 2))" }.joined(separator: ";"),
             p.sources.map { "\($0.source):\($0.yuan)" }.joined(separator: ";")]
        }
        return (excel ? "\u{FEFF}" : "") + CSVText.lines([header] + rows) + "\r\n"
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

    /// One CSV line with its CRLF.
    public static func line(_ fields: [String]) -> String { lines([fields]) + "\r\n" }
}
