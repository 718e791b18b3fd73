import FundAllocation
import Foundation

/// The tables: sources, villages, regions and categories.
extension ScenarioBuilder {
    mutating func readSources(_ node: DocumentNode, regions: [Group]) -> [Source] {
        guard let items = reader.sequence(node, "sources") else { return [] }
        var sources: [Source] = []
        for item in items {
            guard let pairs = reader.mapping(item, "a source", allowed: ["id", "name", "amount", "eligible"]) else { continue }
            let map = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            guard let id = map["id"].flatMap({ reader.text($0, "source id") })?.normalizedForComparison, !id.isEmpty else {
                reader.log.error(item.location, "a source needs an id")
                continue
            }
            if sources.contains(where: { $0.id == id }) { reader.log.error(item.location, "duplicate source id '\(id)'") }
            guard let amountNode = map["amount"], let amount = reader.money(amountNode, "source '\(id)' amount") else {
                if map["amount"] == nil { reader.log.error(item.location, "source '\(id)' needs an amount") }
                continue
            }
            let eligible = map["eligible"].map { readFilter($0, "source '\(id)' eligible") } ?? .all
            checkRegionsNamed(eligible, regions: regions, at: map["eligible"]?.location)
            sources.append(Source(id: id, name: map["name"].flatMap { reader.text($0, "source name") }, amount: amount,
                                  eligible: eligible, location: item.location))
        }
        return sources
    }

    /// A filter comparing `region` with a value must name a region of the table.
    mutating func checkRegionsNamed(_ filter: Filter, regions: [Group], at location: SourceLocation?) {
        guard !regions.isEmpty else { return }
        for condition in filter.conditions where condition.field == .project("region") {
            for comparison in condition.anyOf where comparison.op == .equal && !regions.contains(where: { $0.id == comparison.operand.text }) {
                reader.log.error(location, "unknown region '\(comparison.operand.text)' (regions: \(regions.map(\.id).joined(separator: ", ")))")
            }
        }
    }

    mutating func readVillages(_ node: DocumentNode, regions: [Group]) -> [Village] {
        var records: [Record] = []
        let fromFile = node.sequence == nil
        if fromFile {
            guard let table = readTableFile(node, "villages") else { return [] }
            records = Records.table(table, columns: [], numeric: isNumericField, &reader.log, referencedAt: node.location)
            if let first = records.first, !first.fields.contains(where: { $0.name == "poor_households" }) {
                reader.log.error(SourceLocation(file: table.path, line: 1), "the village table needs a poor_households column")
                return []
            }
        } else if let items = reader.sequence(node, "villages") {
            records = Records.inline(items, &reader, what: "a village")
        }
        CellOverride.apply(cells, table: "villages", to: &records, &reader.log)
        var villages: [Village] = []
        var seen = Set<String>()
        let regionIDs = Set(regions.map(\.id))
        for record in records {
            var raw: [String: (String, SourceLocation)] = [:]
            for (name, value, location) in record.fields { raw[name] = (value.trimmingSpaces(), location) }
            guard let id = raw["id"]?.0.normalizedForComparison, !id.isEmpty else {
                reader.log.error(record.location, "a village needs an id")
                continue
            }
            if !seen.insert(id).inserted { reader.log.error(record.location, "duplicate village id '\(id)'") }
            var households = Rational.zero
            if let (text, location) = raw["poor_households"], !text.isEmpty {
                switch NumberSyntax.number(text) {
                case .success(let v) where !v.isNegative: households = v
                case .success: reader.log.error(location, "village '\(id)': poor_households must not be negative")
                case .failure(let f): reader.log.error(location, "village '\(id)': poor_households: \(f.message)")
                }
            } else if raw["poor_households"] == nil && !fromFile {
                reader.log.error(record.location, "village '\(id)' needs poor_households")
            }
            let region = raw["region"].map { $0.0.normalizedForComparison }.flatMap { $0.isEmpty ? nil : $0 }
            if let region, !regions.isEmpty, !regionIDs.contains(region) {
                reader.log.error(record.location, "village '\(id)': unknown region '\(region)'")
            }
            var attributes: [String: FieldValue] = [:]
            for (name, (text, _)) in raw where !["id", "region", "poor_households"].contains(name) && !text.isEmpty {
                attributes[name] = FieldValue(text)
            }
            villages.append(Village(id: id, region: region, households: households, attributes: attributes, location: record.location))
        }
        return villages
    }

    /// A path written in a file, relative to that file's folder.
    func resolve(_ path: String, from node: DocumentNode) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (node.location.file as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : "\(folder)/\(path)"
    }

    /// A region or category table. Keys naming a metric with a map value are bounds (shorthand
    /// for a rule); every other key is an attribute.
    mutating func readGroups(_ node: DocumentNode, _ table: String, _ rules: inout [Rule]) -> [Group] {
        guard let items = reader.sequence(node, .verbatim(table)) else { return [] }
        let field = table == "regions" ? "region" : "category"
        let fieldWord: Message = table == "regions" ? "region" : "category"
        var groups: [Group] = []
        for item in items {
            guard let pairs = reader.mapping(item, "a row of \(table)", allowed: nil) else { continue }
            guard let idNode = pairs.first(where: { $0.key == "id" })?.value,
                  let id = reader.text(idNode, "\(fieldWord) id")?.normalizedForComparison, !id.isEmpty else {
                reader.log.error(item.location, "every row of \(table) needs an id")
                continue
            }
            if groups.contains(where: { $0.id == id }) {
                reader.log.error(item.location, "duplicate \(fieldWord) id '\(id)'")
            }
            var group = Group(id: id, location: item.location)
            if let nameNode = pairs.first(where: { $0.key == "name" })?.value { group.name = reader.text(nameNode, "\(table) '\(id)' name") }
            for (key, value) in pairs where key != "id" {
                if let metric = Metric(name: key), value.mapping != nil {
                    if let bounds = readBounds(value, "\(table) '\(id)' \(key)", metric: metric, groupAttributesAllowed: false) {
                        let filter = Filter([Condition(field: .project(field), anyOf: [Comparison(.equal, FieldValue(id))])])
                        rules.append(Rule(name: "\(group.name ?? id) \(key)", metric: metric, filter: filter, bounds: bounds,
                                          location: value.location))
                    }
                    continue
                }
                guard let text = reader.text(value, "\(table) '\(id)' \(key)") else { continue }
                group.attributes[key] = FieldValue(text)
            }
            groups.append(group)
        }
        return groups
    }
}
