import FundAllocation
import Foundation

/// `reference:` (MODEL.md §8): the plan being revised, read from a plan fundalloc wrote — its
/// JSON (`solve --format json`) or its CSV export (`--format csv`).
extension ScenarioBuilder {
    mutating func readReference(_ node: DocumentNode, periods: [String]) -> ReferencePlan? {
        guard let pairs = reader.mapping(node, "reference", allowed: ["plan", "committed_through"]) else { return nil }
        let map = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let planNode = map["plan"] else {
            reader.log.error(node.location, "reference needs plan (a plan fundalloc wrote: its JSON or CSV)")
            return nil
        }
        var committed: String?
        if let through = map["committed_through"] {
            committed = readPeriodReference(through, "reference.committed_through")
            if committed == nil { return nil }
        }
        guard let table = readTableFile(planNode, "reference.plan") else { return nil }
        let lowercased = table.path.lowercased()
        let entries = lowercased.hasSuffix(".csv") || table.isWorkbook
            ? readReferenceTable(table, at: planNode.location) : readReferenceJSON(table.path, at: planNode.location)
        guard let entries else { return nil }
        return ReferencePlan(file: table.path, entries: entries, committedThrough: committed, location: node.location)
    }

    /// `projects` of a plan's JSON: `id`, `funds` and the periods of `paid`.
    private mutating func readReferenceJSON(_ path: String, at location: SourceLocation) -> [ReferencePlan.Entry]? {
        guard let text = TextFile.read(path: path, displayPath: path, log: &reader.log, referencedAt: location) else { return nil }
        let root: DocumentNode
        switch DocumentParser.parse(text, file: path) {
        case .failure(let error):
            for d in error.diagnostics { reader.log.error(d.location, d.text) }
            return nil
        case .success(nil):
            reader.log.error(SourceLocation(file: path, line: 0), "the reference plan is empty")
            return nil
        case .success(let node?):
            root = node
        }
        guard let projects = root["projects"] else {
            reader.log.error(root.location, "the reference plan has no projects list (is it a plan fundalloc wrote?)")
            return nil
        }
        guard let items = reader.sequence(projects, "reference projects") else { return nil }
        var entries: [ReferencePlan.Entry] = []
        for item in items {
            guard item.mapping != nil else {
                _ = reader.mapping(item, "a reference project", allowed: nil)
                continue
            }
            guard let idNode = item["id"], let id = reader.text(idNode, "id")?.normalizedForComparison, !id.isEmpty else {
                reader.log.error(item.location, "a reference project needs an id")
                continue
            }
            guard let fundsNode = item["funds"] else {
                reader.log.error(item.location, "reference project '\(id)' needs funds (yuan)")
                continue
            }
            guard let yuan = reader.money(fundsNode, "reference project '\(id)' funds") else { continue }
            var periods: [String] = []
            if let paid = item["paid"], let payments = reader.sequence(paid, "reference project '\(id)' paid") {
                for payment in payments {
                    guard let period = payment["period"].flatMap({ reader.text($0, "period") })?.normalizedForComparison else { continue }
                    if !periods.contains(period) { periods.append(period) }
                }
            }
            entries.append(ReferencePlan.Entry(id: id, yuan: yuan, periods: periods, location: item.location))
        }
        return entries
    }

    /// A plan's CSV export, or that CSV as a workbook: `id`, `funds_yuan` and `period` (one
    /// label, or a profile's `2017:160000;2018:240000`, whose periods are read and payments
    /// taken from the scenario).
    private mutating func readReferenceTable(_ table: TableFile, at location: SourceLocation) -> [ReferencePlan.Entry]? {
        // A plan workbook fundalloc wrote: its funded-projects sheet, headers in either language.
        let records = Records.table(table, columns: [], numeric: { ["funds_yuan", "cost_yuan"].contains($0) }, &reader.log,
                                    referencedAt: location,
                                    preferredSheets: [PlanWorkbookHeaders.fundedSheet.zh, PlanWorkbookHeaders.fundedSheet.en])
            .map { record in
                var record = record
                record.fields = record.fields.map { (PlanWorkbookHeaders.field($0.name), $0.value, $0.location) }
                return record
            }
        var entries: [ReferencePlan.Entry] = []
        for record in records {
            let fields = Dictionary(record.fields.map { ($0.name, ($0.value, $0.location)) }, uniquingKeysWith: { a, _ in a })
            // A row of a re-planned plan's export for a project it dropped (funds_yuan 0).
            if fields["change"]?.0 == "dropped" { continue }
            // The totals row of a plan workbook.
            if let id = fields["id"]?.0, [PlanWorkbookHeaders.total.zh, PlanWorkbookHeaders.total.en].contains(id) { continue }
            guard let id = fields["id"]?.0.normalizedForComparison, !id.isEmpty else {
                reader.log.error(record.location, "a reference project needs an id")
                continue
            }
            guard let (text, where_) = fields["funds_yuan"] else {
                reader.log.error(record.location, "reference project '\(id)' needs funds_yuan (the reference is read from fundalloc's CSV export)")
                continue
            }
            switch NumberSyntax.money(text) {
            case .failure(let f):
                reader.log.error(where_, "reference project '\(id)' funds_yuan: \(f.message)")
            case .success(let yuan):
                let cell = fields["period"]?.0.trimmingSpaces() ?? ""
                let periods = cell.isEmpty ? [] : cell.split(separator: ";").map {
                    String($0.split(separator: ":").first ?? "").normalizedForComparison
                }
                entries.append(ReferencePlan.Entry(id: id, yuan: yuan, periods: periods, location: record.location))
            }
        }
        return entries
    }
}
