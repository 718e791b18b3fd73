import _XLSXShims
import Foundation
import Rendering
import ScenarioIO

/// Writes a `Workbook` as an `.xlsx` file through libxlsxwriter (Debian's libxlsxwriter-dev),
/// atomically: into a temporary file beside the target, renamed when whole. The same workbook
/// gives the same bytes: the document's dates are fixed and libxlsxwriter dates ZIP entries
/// 1980-01-01.
public enum WorkbookWriter {
    /// The creation date written into every workbook (2017-01-01, the plan's first year), so that
    /// the same input gives a byte-identical file.
    public static let fixedDate: time_t = 1_483_228_800

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ workbook: Workbook, to path: String) throws {
        try AtomicFile.produce(path) { temporary in try writeFile(workbook, temporary) }
    }

    static func writeFile(_ workbook: Workbook, _ path: String) throws {
        guard fa_xlsx_load() == 0 else { throw Failure(description: String(cString: fa_xlsx_error())) }
        var options = lxw_workbook_options()
        guard let book = fa_workbook_new_opt(path, &options) else { throw Failure(description: "cannot create \(path)") }
        var closed = false
        defer { if !closed { _ = fa_workbook_close(book) } }
        try workbook.title.withCString { title in
            try "fundalloc".withCString { creator in
                var properties = lxw_doc_properties()
                properties.title = UnsafeMutablePointer(mutating: title)
                properties.author = UnsafeMutablePointer(mutating: creator)
                properties.created = fixedDate
                try check(fa_workbook_set_properties(book, &properties))
            }
        }
        let formats = Formats(book)
        for sheet in workbook.sheets { try write(sheet, into: book, formats) }
        closed = true
        try check(fa_workbook_close(book))
    }

    /// The cell formats, one per column style, for the header, the data and the totals row.
    struct Formats {
        let header: UnsafeMutablePointer<lxw_format>
        private var data: [String: UnsafeMutablePointer<lxw_format>] = [:]
        private var totals: [String: UnsafeMutablePointer<lxw_format>] = [:]
        private let plainTotal: UnsafeMutablePointer<lxw_format>

        init(_ book: UnsafeMutablePointer<lxw_workbook>) {
            header = fa_workbook_add_format(book)
            fa_format_set_bold(header)
            fa_format_set_bg_color(header, 0xDDEBF7)
            fa_format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
            plainTotal = fa_workbook_add_format(book)
            fa_format_set_bold(plainTotal)
            fa_format_set_top(plainTotal, UInt8(LXW_BORDER_THIN.rawValue))
            for style: Workbook.Style in [.yuan, .tenThousandYuan, .percent] + (0...6).map({ .number(places: $0) }) {
                guard let code = style.numberFormat else { continue }
                let d = fa_workbook_add_format(book)!
                fa_format_set_num_format(d, code)
                data[code] = d
                let t = fa_workbook_add_format(book)!
                fa_format_set_num_format(t, code)
                fa_format_set_bold(t)
                fa_format_set_top(t, UInt8(LXW_BORDER_THIN.rawValue))
                totals[code] = t
            }
        }

        func data(_ style: Workbook.Style) -> UnsafeMutablePointer<lxw_format>? { style.numberFormat.flatMap { data[$0] } }
        func total(_ style: Workbook.Style) -> UnsafeMutablePointer<lxw_format> {
            style.numberFormat.flatMap { totals[$0] } ?? plainTotal
        }
    }

    static func write(_ sheet: Workbook.Sheet, into book: UnsafeMutablePointer<lxw_workbook>, _ formats: Formats) throws {
        guard let ws = fa_workbook_add_worksheet(book, String(sheet.name.prefix(31))) else {
            throw Failure(description: "cannot add the sheet '\(sheet.name)'")
        }
        for (c, column) in sheet.columns.enumerated() {
            try check(fa_worksheet_write_string(ws, 0, lxw_col_t(c), column.header, formats.header))
        }
        for (r, row) in sheet.rows.enumerated() {
            for (c, cell) in row.enumerated() where c < sheet.columns.count {
                try write(cell, ws, row: r + 1, column: c, format: formats.data(sheet.columns[c].style), dataRows: sheet.rows.count)
            }
        }
        let last = sheet.rows.count
        if let totals = sheet.totals {
            for (c, cell) in totals.enumerated() where c < sheet.columns.count {
                try write(cell, ws, row: last + 1, column: c, format: formats.total(sheet.columns[c].style), dataRows: sheet.rows.count)
            }
        }
        for (c, width) in sheet.widths.enumerated() {
            try check(fa_worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), width, nil))
        }
        fa_worksheet_freeze_panes(ws, 1, 0)
        if !sheet.columns.isEmpty {
            try check(fa_worksheet_autofilter(ws, 0, 0, lxw_row_t(last), lxw_col_t(sheet.columns.count - 1)))
        }
        // Printed: landscape, one page wide, the header on every page.
        fa_worksheet_set_landscape(ws)
        fa_worksheet_fit_to_pages(ws, 1, 0)
        try check(fa_worksheet_repeat_rows(ws, 0, 0))
    }

    static func write(_ cell: Workbook.Cell, _ ws: UnsafeMutablePointer<lxw_worksheet>, row: Int, column: Int,
                      format: UnsafeMutablePointer<lxw_format>?, dataRows: Int) throws {
        let r = lxw_row_t(row), c = lxw_col_t(column)
        switch cell {
        case .empty:
            if let format { try check(fa_worksheet_write_blank(ws, r, c, format)) }
        case .text(let text):
            // Excel holds at most 32,767 characters in a cell.
            try check(fa_worksheet_write_string(ws, r, c, String(text.prefix(32_767)), format))
        case .number(let value):
            try check(fa_worksheet_write_number(ws, r, c, value, format))
        case .columnSum(let value):
            guard dataRows > 0 else { return try check(fa_worksheet_write_number(ws, r, c, value, format)) }
            let letters = WorkbookSheet.columnLetters(column + 1)
            try check(fa_worksheet_write_formula_num(ws, r, c, "=SUM(\(letters)2:\(letters)\(dataRows + 1))", format, value))
        }
    }

    static func check(_ error: lxw_error) throws {
        guard error != LXW_NO_ERROR else { return }
        throw Failure(description: String(cString: fa_lxw_strerror(error)))
    }
}
