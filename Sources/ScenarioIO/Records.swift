import CSV
import FundAllocation
import Foundation

/// One row as written (a project or a village): its fields (after `columns` renaming) with
/// where each was written.
struct Record {
    var fields: [(name: String, value: String, location: SourceLocation)]
    var location: SourceLocation
}

/// Reads records from a CSV file or an inline list.
enum Records {
    /// Records of an inline `projects:` list (each item a map of scalars).
    static func inline(_ items: [DocumentNode], _ reader: inout DocumentReader, what: Message) -> [Record] {
        var records: [Record] = []
        for item in items {
            guard let pairs = reader.mapping(item, what, allowed: nil) else { continue }
            var fields: [(String, String, SourceLocation)] = []
            for (key, value) in pairs {
                if value.isNull { continue }
                guard let text = reader.text(value, "\(what): field '\(key)'") else { continue }
                fields.append((key, text, value.location))
            }
            records.append(Record(fields: fields, location: item.location))
        }
        return records
    }

    /// Records of a CSV file, with `columns` (field → header) applied. Line numbers count the
    /// header as line 1 and follow line breaks inside quoted cells.
    static func csv(path: String, displayPath: String, columns: [(field: String, header: String, location: SourceLocation)],
                    _ log: inout DiagnosticLog, referencedAt: SourceLocation) -> [Record] {
        let fileLocation = SourceLocation(file: displayPath, line: 1)
        guard let text = TextFile.read(path: path, displayPath: displayPath, log: &log, referencedAt: referencedAt) else { return [] }
        if text.allSatisfy({ $0.isWhitespace }) {
            log.error(fileLocation, "the CSV file is empty: it needs a header row (id, cost, …)")
            return []
        }
        if let line = unclosedQuote(in: text) {
            log.error(SourceLocation(file: displayPath, line: line),
                      "a quoted cell starts here and its closing quote (\") is missing: the rest of the file would be read as one cell")
            return []
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            log.error(fileLocation, "cannot read CSV: \(error)")
            return []
        }
        guard let rawHeader = reader.headerRow, !(rawHeader.count == 1 && rawHeader[0].trimmingSpaces().isEmpty) else {
            log.error(fileLocation, "the CSV file is empty: it needs a header row (id, cost, …)")
            return []
        }
        let header = rawHeader.map { $0.trimmingSpaces() }
        var seen: Set<String> = []
        for name in header {
            if name.isEmpty { log.error(fileLocation, "a column has an empty header") }
            else if !seen.insert(name).inserted { log.error(fileLocation, "duplicate column header '\(name)'") }
        }
        let names = fieldNames(header, columns, displayPath: displayPath, at: fileLocation, &log)
        var records: [Record] = []
        var line = 2 + newlines(in: rawHeader)
        while let row = reader.next() {
            let location = SourceLocation(file: displayPath, line: line)
            line += 1 + newlines(in: row)
            if row.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            if row.count != names.count {
                log.error(location, "this row has \(row.count) cells, the header has \(names.count)")
                continue
            }
            let fields = zip(names, row).map { ($0, $1, location) }
            records.append(Record(fields: fields, location: location))
        }
        if let error = reader.error {
            log.error(SourceLocation(file: displayPath, line: line), "cannot read CSV: \(error)")
        }
        return records
    }

    /// The field each header names, with `columns` (field → header) applied.
    static func fieldNames(_ header: [String], _ columns: [(field: String, header: String, location: SourceLocation)],
                           displayPath: String, at fileLocation: SourceLocation, _ log: inout DiagnosticLog) -> [String] {
        var rename: [String: String] = [:]
        for (field, mapped, location) in columns {
            if !header.contains(mapped) {
                log.error(fileLocation, "columns maps \(field) to the header '\(mapped)', which \(displayPath) does not have (columns at \(location))")
            } else if field != mapped && header.contains(field) {
                log.error(fileLocation, "\(displayPath) has both a '\(field)' column and the header '\(mapped)' that columns maps to \(field): keep one")
            } else {
                rename[mapped] = field
            }
        }
        return header.map { rename[$0] ?? $0 }
    }

    /// The line where a quoted cell opens that never closes (RFC 4180: a quote opens a cell
    /// only at its start; `""` inside is a quote), or nil.
    static func unclosedQuote(in text: String) -> Int? {
        var line = 1, openedAt = 0, quoted = false, atCellStart = true
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if c == "\n" { line += 1 }
            if quoted {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" { continue }
                    quoted = false
                    pending = next
                }
                continue
            }
            switch c {
            case "\"" where atCellStart: quoted = true; openedAt = line; atCellStart = false
            case ",", "\n", "\r": atCellStart = true
            default: atCellStart = false
            }
        }
        return quoted ? openedAt : nil
    }

    private static func newlines(in row: [String]) -> Int {
        row.reduce(0) { $0 + $1.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) } }
    }
}

/// Reads text files: UTF-8 with or without a BOM, CRLF or LF.
enum TextFile {
    /// `bytes` as GB18030 (a superset of GBK and GB2312) through glibc's iconv; nil unless every
    /// byte converts.
    static func decodeGB18030(_ bytes: [UInt8]) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)   // at most 2 bytes out per byte in
        var inLeft = input.count, outLeft = output.count
        let converted = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> Bool in
                var inPointer = inBuffer.baseAddress, outPointer = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 && inLeft == 0
            }
        }
        guard converted else { return nil }
        return String(validating: output[..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The largest file read (a 100,000-project CSV of the seed's columns is 3.6 MB and loads
    /// in 4 s with 350 MB peak memory; 16 MB keeps a load within a few GB).
    static let maximumBytes: Int64 = 16_000_000

    /// What every read of a file checks first, with one stat(2): that it exists, is not a
    /// folder, and is at most `maximumBytes`; false after logging why not. (FileManager's
    /// `attributesOfItem` also looked up the owner in /etc/passwd and /etc/group and listed
    /// the extended attributes: ≈ 1 ms a file, a fiftieth of a whole solve.)
    static func isReadable(path: String, displayPath: String, log: inout DiagnosticLog, referencedAt: SourceLocation?) -> Bool {
        let at: Message = referencedAt.map { " (named at \($0))" } ?? ""
        let location = SourceLocation(file: displayPath, line: 0)
        var status = stat()
        guard stat(path, &status) == 0 else {
            log.error(location, "no such file\(at)")
            return false
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            log.error(location, "is a directory, not a file\(at)")
            return false
        }
        let size = Int64(status.st_size)
        if size > TextFile.maximumBytes {
            log.error(location, "is \(size / 1_000_000) MB; fundalloc reads files up to \(TextFile.maximumBytes / 1_000_000) MB (about 400,000 projects): split the scenario, or remove unused columns\(at)")
            return false
        }
        return true
    }

    static func read(path: String, displayPath: String, log: inout DiagnosticLog, referencedAt: SourceLocation?) -> String? {
        let at: Message = referencedAt.map { " (named at \($0))" } ?? ""
        guard isReadable(path: path, displayPath: displayPath, log: &log, referencedAt: referencedAt) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            log.error(SourceLocation(file: displayPath, line: 0), "cannot read the file (permission?)\(at)")
            return nil
        }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            log.error(SourceLocation(file: displayPath, line: 0),
                      "is an .xls workbook (Excel 97–2003), which fundalloc does not read: save it as .xlsx or 'CSV UTF-8'\(at)")
            return nil
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text: String
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            text = utf8
        } else if let gb = decodeGB18030(Array(bytes)) {
            // Excel and WPS on Chinese Windows save "CSV" as GB18030/GBK. Say so: a file in some
            // other encoding may also decode, into the wrong characters.
            log.warning(SourceLocation(file: displayPath, line: 0),
                        "is not UTF-8; read as GB18030 (GBK), the encoding of Chinese Excel's 'CSV'. If names look wrong, save it as 'CSV UTF-8'")
            text = gb
        } else {
            log.error(SourceLocation(file: displayPath, line: 0),
                      "is neither UTF-8 nor GB18030/GBK text: save it as 'CSV UTF-8'")
            return nil
        }
        if text.utf8.contains(0) {   // (String.contains(String) is Foundation's search: 0.5 ms on 10 kB)
            log.error(SourceLocation(file: displayPath, line: 0), "contains NUL bytes: not a text file")
            return nil
        }
        return text
    }
}
