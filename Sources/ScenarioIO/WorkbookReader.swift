import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import FundAllocation
import ZIPFoundation

/// One sheet of an `.xlsx` workbook as cells (MODEL.md §10): the ZIP through ZIPFoundation, the
/// XML through Foundation's streaming `XMLParser` (measured against SWXMLHash's tree: docs/xlsx.md).
public struct WorkbookSheet {
    /// What a cell holds, as read.
    enum Content: Equatable {
        case text(String)
        /// The number as the file writes it (`40000`, `0.5`, `1E-3`).
        case number(String)
        case bool(Bool)
        /// An Excel error value (`#DIV/0!`).
        case error(String)
        /// A number whose format is a date (serial days), with its ISO text.
        case date(String)
        /// A formula the file keeps no result for.
        case formulaWithoutValue
    }

    struct Cell {
        var row: Int
        var column: Int
        var content: Content
    }

    /// A merged range, 1-based and inclusive.
    struct Range {
        var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
        func contains(row: Int, column: Int) -> Bool {
            (firstRow...lastRow).contains(row) && (firstColumn...lastColumn).contains(column)
        }
        var text: String { "\(WorkbookSheet.reference(row: firstRow, column: firstColumn)):\(WorkbookSheet.reference(row: lastRow, column: lastColumn))" }
    }

    var name: String
    /// The names of every sheet of the workbook, in order.
    var sheetNames: [String]
    /// Non-empty cells by row, rows and cells in order.
    var rows: [(row: Int, cells: [Cell])]
    var merged: [Range]

    /// `C12` for row 12, column 3.
    static func reference(row: Int, column: Int) -> String { "\(columnLetters(column))\(row)" }

    /// A column's letters, 1-based: 1 → `A`, 27 → `AA` (the writer's formulas use them too).
    public static func columnLetters(_ column: Int) -> String {
        var letters = "", n = column
        while n > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// (row, column) of `C12`, or nil.
    static func position(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0, digits = Substring(reference)
        for ch in reference.unicodeScalars {
            guard ch.value >= 65 && ch.value <= 90 else { break }
            column = column * 26 + Int(ch.value - 64)
            digits = digits.dropFirst()
        }
        guard column > 0, let row = Int(digits), row > 0 else { return nil }
        return (row, column)
    }
}

/// Reads a sheet of a workbook, or says in the log why it cannot.
public enum WorkbookReader {
    /// Every sheet of the workbook at `path` as rows of text from column A (each cell as a
    /// table read from the workbook reads it; empty cells ""), for checks and scripts; nil with
    /// the reasons in `errors` when it cannot be read.
    public static func textSheets(path: String, errors: inout [Diagnostic]) -> [(name: String, rows: [[String]])]? {
        var log = DiagnosticLog()
        defer { errors = log.errors }
        guard let first = sheet(path: path, displayPath: path, sheet: nil, &log, referencedAt: nil) else { return nil }
        var result: [(name: String, rows: [[String]])] = []
        for name in first.sheetNames {
            guard let sheet = sheet(path: path, displayPath: path, sheet: name, &log, referencedAt: nil) else { return nil }
            result.append((name, sheet.rows.map { row in
                var cells = [String](repeating: "", count: row.cells.map(\.column).max() ?? 0)
                for cell in row.cells { cells[cell.column - 1] = Records.text(cell.content) }
                return cells
            }))
        }
        return result
    }

    /// The most a workbook's parts may expand to (a ZIP bomb is refused; the file itself is at
    /// most `TextFile.maximumBytes`).
    static let maximumExpandedBytes: UInt64 = 400_000_000

    /// The sheet named `sheet` of the workbook at `path`; when nil, the first sheet named in
    /// `preferring`, else the first sheet.
    static func sheet(path: String, displayPath: String, sheet wanted: String?, preferring: [String] = [], _ log: inout DiagnosticLog,
                      referencedAt: SourceLocation?) -> WorkbookSheet? {
        let fileLocation = SourceLocation(file: displayPath, line: 0)
        let at: Message = referencedAt.map { " (named at \($0))" } ?? ""
        guard TextFile.isReadable(path: path, displayPath: displayPath, log: &log, referencedAt: referencedAt) else { return nil }
        guard let archive = try? Archive(url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: nil) else {
            log.error(fileLocation, "is not an .xlsx workbook (it is not a ZIP archive); an .xls file must be saved as .xlsx or 'CSV UTF-8'\(at)")
            return nil
        }
        func part(_ name: String) -> Data? {
            guard let entry = archive[name], entry.uncompressedSize <= maximumExpandedBytes else { return nil }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                return nil
            }
            return data
        }
        guard let workbookXML = part("xl/workbook.xml"), let relsXML = part("xl/_rels/workbook.xml.rels") else {
            log.error(fileLocation, "is not an .xlsx workbook (no xl/workbook.xml): save it from Excel, WPS or LibreOffice as .xlsx\(at)")
            return nil
        }
        let book = WorkbookIndex(workbookXML, relsXML)
        guard !book.sheets.isEmpty else {
            log.error(fileLocation, "the workbook has no sheets\(at)")
            return nil
        }
        let chosen: WorkbookIndex.Sheet
        if let wanted {
            guard let found = book.sheets.first(where: { $0.name == wanted }) else {
                log.error(fileLocation, "the workbook has no sheet '\(wanted)' (sheets: \(book.sheets.map(\.name).joined(separator: ", ")))\(at)")
                return nil
            }
            chosen = found
        } else {
            chosen = book.sheets.first { preferring.contains($0.name) } ?? book.sheets[0]
        }
        guard let sheetXML = part(chosen.part) else {
            log.error(fileLocation, "cannot read sheet '\(chosen.name)' (\(chosen.part) is missing or damaged)\(at)")
            return nil
        }
        let strings = part("xl/sharedStrings.xml").map(SharedStrings.read) ?? []
        let dateStyles = part("xl/styles.xml").map(DateStyles.read) ?? []
        let parsed = SheetParser(strings: strings, dateStyles: dateStyles, date1904: book.date1904)
        guard parsed.parse(sheetXML) else {
            log.error(SourceLocation(file: displayPath, line: parsed.failedAtLine, cell: "\(chosen.name)!"),
                      "the sheet's XML is damaged: \(parsed.failure ?? "cannot parse")")
            return nil
        }
        return WorkbookSheet(name: chosen.name, sheetNames: book.sheets.map(\.name), rows: parsed.rowsInOrder, merged: parsed.merged)
    }
}

/// A SAX delegate that keeps the text of the element being read.
class XMLReader: NSObject, XMLParserDelegate {
    var text = ""
    var failure: String?
    var failedAtLine = 0

    /// Parses `data`; false (with `failure`) when the XML is not well formed.
    func parse(_ data: Data) -> Bool {
        let parser = XMLParser(data: data)
        parser.delegate = self
        let ok = parser.parse()
        if !ok {
            failure = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML"
            failedAtLine = parser.lineNumber
        }
        return ok
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    // The element's local name: some writers prefix SpreadsheetML (`<x:row>`).
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        start(XMLReader.localName(name), attributes)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        end(XMLReader.localName(name))
    }

    static func localName(_ name: String) -> String {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }

    func start(_ name: String, _ attributes: [String: String]) {}
    func end(_ name: String) {}
}

/// The sheets of `xl/workbook.xml` with the parts `xl/_rels/workbook.xml.rels` gives them.
private final class WorkbookIndex: XMLReader {
    struct Sheet {
        var name: String
        var part: String
    }
    private var named: [(name: String, relation: String)] = []
    private var targets: [String: String] = [:]
    private(set) var date1904 = false
    var sheets: [Sheet] = []

    init(_ workbook: Data, _ relations: Data) {
        super.init()
        _ = parse(workbook)
        _ = parse(relations)
        sheets = named.compactMap { sheet in
            targets[sheet.relation].map { target in
                Sheet(name: sheet.name, part: target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target)
            }
        }
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "sheet":
            if let sheetName = attributes["name"], let id = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value {
                named.append((sheetName, id))
            }
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
        case "Relationship":
            if let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
        default: break
        }
    }
}

/// `xl/sharedStrings.xml`: the text of every `<si>` (rich runs joined; phonetic runs left out).
private final class SharedStrings: XMLReader {
    private var strings: [String] = []
    private var phonetic = 0
    private var inText = false

    static func read(_ data: Data) -> [String] {
        let reader = SharedStrings()
        _ = reader.parse(data)
        return reader.strings
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "si": text = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "si": strings.append(text)
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { text += string }
    }
}

/// `xl/styles.xml`: for each cell format (`cellXfs`, by index), whether its number format is a
/// date or time.
final class DateStyles: XMLReader {
    private var formats: [Int: String] = [:]
    private var inCellFormats = false
    private var styles: [Bool] = []

    static func read(_ data: Data) -> [Bool] {
        let reader = DateStyles()
        _ = reader.parse(data)
        return reader.styles
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { formats[id] = code }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            styles.append(formats[id].map(DateStyles.isDate) ?? DateStyles.builtInDates.contains(id))
        default: break
        }
    }

    override func end(_ name: String) {
        if name == "cellXfs" { inCellFormats = false }
    }

    /// Excel's built-in date and time formats (ECMA-376 §18.8.30, with the CJK ones).
    static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// A format code is a date or time when, outside quotes, brackets and escapes, it has one
    /// of d m y h s: `yyyy-mm-dd`, `yyyy"年"m"月"`, `h:mm`. (`General` and `0.00E+00` are
    /// not; LibreOffice names every format, even `General`.)
    static func isDate(_ code: String) -> Bool {
        var quoted = false, bracket = false, escaped = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "\\" where !quoted: escaped = true
            case "d", "m", "y", "h", "s":
                if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }
}

/// A worksheet's `sheetData` and `mergeCells`.
final class SheetParser: XMLReader {
    let strings: [String]
    let dateStyles: [Bool]
    let date1904: Bool
    private var rows: [Int: [WorkbookSheet.Cell]] = [:]
    private(set) var merged: [WorkbookSheet.Range] = []
    // The cell being read.
    private var row = 0, nextColumn = 1, column = 0
    private var type = "", style = 0, value: String?, inline: String?, hasFormula = false
    private var reading: String?

    init(strings: [String], dateStyles: [Bool], date1904: Bool) {
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    var rowsInOrder: [(row: Int, cells: [WorkbookSheet.Cell])] {
        rows.keys.sorted().map { ($0, rows[$0]!.sorted { $0.column < $1.column }) }
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "row":
            row = attributes["r"].flatMap(Int.init) ?? row + 1
            nextColumn = 1
        case "c":
            let at = attributes["r"].flatMap(WorkbookSheet.position)
            column = at?.column ?? nextColumn
            if let at { row = at.row }
            nextColumn = column + 1
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = nil; inline = nil; hasFormula = false
        case "v", "t":
            reading = name
            text = ""
        case "is":
            inline = ""
        case "f":
            hasFormula = true
        case "mergeCell":
            let ends = (attributes["ref"] ?? "").split(separator: ":").compactMap { WorkbookSheet.position(String($0)) }
            if let first = ends.first {
                let last = ends.last!
                merged.append(WorkbookSheet.Range(firstRow: first.row, firstColumn: first.column, lastRow: last.row, lastColumn: last.column))
            }
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "v":
            value = text
            reading = nil
        case "t" where inline != nil:
            inline! += text
            reading = nil
        case "c":
            if let content { rows[row, default: []].append(WorkbookSheet.Cell(row: row, column: column, content: content)) }
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if reading != nil { text += string }
    }

    /// The cell just read; nil for an empty one.
    private var content: WorkbookSheet.Content? {
        if type == "inlineStr" { return inline.flatMap { $0.isEmpty ? nil : .text($0) } }
        guard let value, !value.isEmpty else {
            // A formula whose result was never computed (or a string formula whose result is "").
            return hasFormula && type != "str" ? .formulaWithoutValue : nil
        }
        switch type {
        case "s": return Int(value).flatMap { strings.indices.contains($0) ? .text(strings[$0]) : nil }
        case "str": return .text(value)
        case "b": return .bool(value == "1" || value == "true")
        case "e": return .error(value)
        default:
            if style < dateStyles.count, dateStyles[style], let serial = Double(value) {
                return .date(SheetParser.isoDate(serial, date1904: date1904))
            }
            return .number(value)
        }
    }

    /// An Excel serial date as ISO text: `2017-03-01`, with the time when it has one.
    static func isoDate(_ serial: Double, date1904: Bool) -> String {
        // 1900 system: day 1 is 1900-01-01 and the nonexistent 1900-02-29 is day 60, so from
        // day 61 on, days count from 1899-12-30.
        let epoch = date1904 ? -2_082_844_800.0 /* 1904-01-01 */ : -2_209_161_600.0 /* 1899-12-30 */
        let days = !date1904 && serial < 61 ? serial + 1 : serial
        let seconds = (epoch + days * 86_400).rounded()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        let date = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        if parts.hour == 0 && parts.minute == 0 && parts.second == 0 { return date }
        return date + String(format: "T%02d:%02d:%02d", parts.hour!, parts.minute!, parts.second!)
    }
}
