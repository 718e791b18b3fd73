import Foundation
import FundAllocation

/// Where a table comes from: a CSV file, or a sheet of a workbook (`{file, sheet}`).
struct TableFile {
    var path: String
    /// The sheet of a workbook; nil for its first sheet (and for a CSV).
    var sheet: String?
    /// A workbook by its name (`.xlsx`, `.xlsm`) or its content (a ZIP archive saved as
    /// `.csv`); looked at once.
    let isWorkbook: Bool

    init(path: String, sheet: String? = nil) {
        self.path = path
        self.sheet = sheet
        isWorkbook = TableFile.isWorkbook(path)
    }

    private static func isWorkbook(_ path: String) -> Bool {
        let lowercased = path.lowercased()
        if lowercased.hasSuffix(".xlsx") || lowercased.hasSuffix(".xlsm") { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data([0x50, 0x4B, 0x03, 0x04])
    }
}

extension Records {
    /// Records of a CSV file or a workbook's sheet.
    static func table(_ table: TableFile, columns: [(field: String, header: String, location: SourceLocation)],
                      numeric: (String) -> Bool, _ log: inout DiagnosticLog, referencedAt: SourceLocation,
                      preferredSheets: [String] = []) -> [Record] {
        table.isWorkbook
            ? xlsx(path: table.path, sheet: table.sheet, preferredSheets: preferredSheets, columns: columns, numeric: numeric, &log,
                   referencedAt: referencedAt)
            : csv(path: table.path, displayPath: table.path, columns: columns, &log, referencedAt: referencedAt)
    }

    /// Records of a workbook's sheet (MODEL.md §10): the header is the first non-empty row,
    /// empty rows are skipped, each cell reads as the text the CSV path would read. A date or a
    /// merged cell in a field `numeric` names is an error, and so is a formula without a cached
    /// value and a cell right of the header; every message names the cell (`p.xlsx:项目库!C12`).
    static func xlsx(path: String, sheet wanted: String?, preferredSheets: [String] = [], columns: [(field: String, header: String, location: SourceLocation)],
                     numeric: (String) -> Bool, _ log: inout DiagnosticLog, referencedAt: SourceLocation) -> [Record] {
        guard let sheet = WorkbookReader.sheet(path: path, displayPath: path, sheet: wanted, preferring: preferredSheets, &log,
                                                     referencedAt: referencedAt) else {
            return []
        }
        func at(_ row: Int, _ column: Int) -> SourceLocation {
            SourceLocation(file: path, line: row, cell: "\(sheet.name)!\(WorkbookSheet.reference(row: row, column: column))")
        }
        let rows = sheet.rows.map { ($0.row, $0.cells.filter { !isBlank($0.content) }) }.filter { !$0.1.isEmpty }
        guard let (headerRow, headerCells) = rows.first else {
            log.error(SourceLocation(file: path, line: 0, cell: "\(sheet.name)!"),
                      "the sheet is empty: it needs a header row (id, cost, …)")
            return []
        }
        var header: [Int: String] = [:]
        var seen: Set<String> = []
        for cell in headerCells {
            let name = text(cell.content).trimmingSpaces()
            if !seen.insert(name).inserted { log.error(at(headerRow, cell.column), "duplicate column header '\(name)'") }
            header[cell.column] = name
        }
        let columnsInOrder = header.keys.sorted()
        let names = Dictionary(uniqueKeysWithValues: zip(columnsInOrder, fieldNames(columnsInOrder.map { header[$0]! }, columns,
                                                                                   displayPath: path, at: at(headerRow, columnsInOrder[0]), &log)))
        // Merged ranges below the header: a numeric field must have its own value in each row;
        // elsewhere every cell of the range reads as its top-left value.
        var mergedValue: [Int: [Int: WorkbookSheet.Content]] = [:]
        let byRow = Dictionary(sheet.rows.map { ($0.row, $0.cells) }, uniquingKeysWith: { a, _ in a })
        for range in sheet.merged where range.lastRow > headerRow {
            let topLeft = byRow[range.firstRow]?.first { $0.column == range.firstColumn }?.content
            for column in range.firstColumn...range.lastColumn {
                guard let name = names[column] else { continue }
                if numeric(name) {
                    log.error(at(max(range.firstRow, headerRow + 1), column),
                              "the cells \(range.text) are merged, in the numeric field '\(name)': unmerge them and give each row its own value")
                    break
                }
                for row in max(range.firstRow, headerRow + 1)...range.lastRow { mergedValue[row, default: [:]][column] = topLeft }
            }
        }
        var records: [Record] = []
        for (row, cells) in rows.dropFirst() {
            var contents = Dictionary(cells.map { ($0.column, $0.content) }, uniquingKeysWith: { a, _ in a })
            for (column, value) in mergedValue[row] ?? [:] { contents[column] = value }
            var fields: [(String, String, SourceLocation)] = []
            let errorsBefore = log.errors.count
            for cell in cells where names[cell.column] == nil {
                log.error(at(row, cell.column), "this cell has no column header (the header is row \(headerRow))")
            }
            for column in columnsInOrder {
                let name = names[column]!, location = at(row, column)
                var value = ""
                switch contents[column] {
                case nil: break
                case .formulaWithoutValue?:
                    log.error(location, "a formula without a cached value: open the workbook in Excel, WPS or LibreOffice and save it, so that its values are stored")
                case .date(let iso)? where numeric(name):
                    log.error(location, "'\(name)' is a number, but this cell is a date (\(iso)): format the cell as a number")
                case let content?:
                    value = text(content)
                }
                fields.append((name, value, location))
            }
            // A row with a broken cell is left out rather than read without it ("has no cost").
            if log.errors.count == errorsBefore { records.append(Record(fields: fields, location: at(row, columnsInOrder[0]))) }
        }
        return records
    }

    /// A cell as the text the CSV path would read: numbers as Excel shows them (15 significant
    /// digits, no `.0`), booleans `true`/`false`, error values and dates as text.
    static func text(_ content: WorkbookSheet.Content) -> String {
        switch content {
        case .text(let s), .error(let s), .date(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .formulaWithoutValue: return ""
        case .number(let raw): return numberText(raw)
        }
    }

    static func numberText(_ raw: String) -> String {
        // Most cells: a whole number of at most 15 digits, as written.
        if raw.utf8.count <= 15, !raw.isEmpty, raw.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return raw.utf8.count > 1 && raw.utf8.first == 48 ? String(Int(raw)!) : raw
        }
        guard let value = Double(raw.trimmingSpaces()), value.isFinite else { return raw }
        var text = String(format: "%.15g", value)
        if text.contains("e"), let decimal = Decimal(string: text) { text = "\(decimal)" }
        return text == "-0" ? "0" : text
    }

    private static func isBlank(_ content: WorkbookSheet.Content) -> Bool {
        if case .text(let s) = content { return s.trimmingSpaces().isEmpty }
        return false
    }
}
