import CSV
import FundAllocation
import Foundation

/// Renders the funded projects as CSV: one row per funded project, fixed columns (docs/output.md):
/// `id,name,region,category,cost_yuan,funds_yuan,share,households,score,period,sources`.
public enum CSVRenderer {
    /// The fixed header.
    public static let header = ["id", "name", "region", "category", "cost_yuan", "funds_yuan", "share", "households", "score",
                                "period", "sources"]

    /// The CSV text; with `excel`, a UTF-8 BOM first so that Chinese Excel/WPS reads it as UTF-8.
    public static func render(_ r: PlanReport, excel: Bool = false) -> String {
        let stream = OutputStream(toMemory: ())
        do {
            let writer = try CSVWriter(stream: stream, newline: .crlf)
            try writer.write(row: header)
            for p in r.funded {
                try writer.write(row: [p.id, p.name ?? "", p.region ?? "", p.category ?? "", String(p.cost), String(p.funds),
                                       p.share.decimalString(places: 6), p.households.decimalString(places: 6),
                                       p.score.decimalString(places: 6),
                                       p.paid.count == 1 ? p.paid[0].period
                                           : p.paid.map { "\($0.period):\($0.yuan.decimalString(places: 2))" }.joined(separator: ";"),
                                       p.sources.map { "\($0.source):\($0.yuan)" }.joined(separator: ";")])
            }
            writer.stream.close()
        } catch {
            return ""
        }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return (excel ? "\u{FEFF}" : "") + String(decoding: data, as: UTF8.self) + "\r\n"
    }
}
