import FundAllocation
import ScenarioIO

/// A workbook as leadership reads it (`--format xlsx`): sheets of typed cells with a bold,
/// frozen header, an autofilter, number formats per column and an optional totals row. A
/// value; `XLSXOutput.WorkbookWriter` writes it.
public struct Workbook: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case empty
        /// The sum of the column's data rows (written as `SUM(...)` with this value cached).
        case columnSum(Double)
    }

    /// How a column's numbers are shown.
    public enum Style: Sendable {
        case text
        /// Whole yuan: `#,##0`.
        case yuan
        /// 万元 with two decimals: `#,##0.00`.
        case tenThousandYuan
        /// `0.0%`.
        case percent
        /// Up to `places` decimals, thousands grouped.
        case number(places: Int)

        public var numberFormat: String? {
            switch self {
            case .text: return nil
            case .yuan: return "#,##0"
            case .tenThousandYuan: return "#,##0.00"
            case .percent: return "0.0%"
            case .number(let places): return places == 0 ? "#,##0" : "#,##0." + String(repeating: "#", count: places)
            }
        }
    }

    public struct Column: Sendable {
        public var header: String
        public var style: Style
        /// Summed in the totals row.
        public var summed: Bool
        public init(_ header: String, _ style: Style = .text, summed: Bool = false) {
            self.header = header
            self.style = style
            self.summed = summed
        }
    }

    public struct Sheet: Sendable {
        public var name: String
        public var columns: [Column]
        public var rows: [[Cell]]
        /// The label of a last row (`合计`/`Total`) below the data, outside the autofilter,
        /// with the sum of each `summed` column; nil: no totals row.
        public var totalsLabel: String?

        public init(name: String, columns: [Column], rows: [[Cell]], totalsLabel: String? = nil) {
            self.name = name
            self.columns = columns
            self.rows = rows
            self.totalsLabel = totalsLabel
        }

        /// The totals row: the label, then each summed column's sum (a `SUM` formula with it).
        public var totals: [Cell]? {
            guard let totalsLabel else { return nil }
            return [.text(totalsLabel)] + columns.indices.dropFirst().map { c in
                guard columns[c].summed else { return .empty }
                return .columnSum(rows.reduce(0.0) { sum, row in
                    if c < row.count, case .number(let v) = row[c] { return sum + v }
                    return sum
                })
            }
        }

        /// Column widths in characters from the display width of the header and cells (CJK
        /// counts double), between 6 and 60.
        public var widths: [Double] {
            columns.indices.map { c in
                let cells = (rows + (totals.map { [$0] } ?? [])).map { $0.indices.contains(c) ? $0[c] : .empty }
                let widest = cells.reduce(TextWidth.of(columns[c].header)) { max($0, Sheet.width($1, columns[c].style)) }
                return Double(min(60, max(6, widest + 2)))
            }
        }

        static func width(_ cell: Cell, _ style: Style) -> Int {
            switch cell {
            case .text(let s): return TextWidth.of(s)
            case .empty: return 0
            case .number(let v), .columnSum(let v):
                // The digits with grouping commas and the format's decimals.
                let digits = String(Int64(v.magnitude.rounded())).count
                let decimals: Int
                switch style {
                case .tenThousandYuan: decimals = 3
                case .percent: decimals = 4
                case .number(let places): decimals = places > 0 ? places + 1 : 0
                default: decimals = 0
                }
                return digits + (digits - 1) / 3 + decimals + (v < 0 ? 1 : 0)
            }
        }
    }

    public var sheets: [Sheet]
    /// Document properties: the title shown by Excel's file info.
    public var title: String

    public init(title: String, sheets: [Sheet]) {
        self.title = title
        self.sheets = sheets
    }

    /// A two-column sheet of labelled values (a cover sheet).
    public static func cover(_ name: String, _ pairs: [(String, Cell)], headers: (String, String)) -> Sheet {
        Sheet(name: name, columns: [Column(headers.0), Column(headers.1, .number(places: 2))],
              rows: pairs.map { [.text($0.0), $0.1] })
    }

    /// A sheet from CSV rows (the first is the header): cells that read as plain numbers
    /// become numbers, the rest text; `header` relabels columns (`funds` → 资金).
    public static func sheet(_ name: String, csvRows: [[String]], header: (String) -> String = { $0 }) -> Sheet {
        guard let first = csvRows.first else { return Sheet(name: name, columns: [], rows: []) }
        let body = csvRows.dropFirst().map { row in
            row.map { text -> Cell in
                if text.isEmpty { return .empty }
                if let v = Double(text), v.isFinite, text.allSatisfy({ "0123456789.-".contains($0) }) { return .number(v) }
                return .text(text)
            }
        }
        let columns = first.enumerated().map { c, key -> Column in
            let numeric = body.contains { c < $0.count && $0[c] != .empty } && body.allSatisfy { c >= $0.count || $0[c] == .empty || $0[c].isNumber }
            return Column(header(key), numeric ? .number(places: 6) : .text)
        }
        return Sheet(name: name, columns: columns, rows: Array(body))
    }
}

extension Workbook.Cell {
    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }

    /// A number cell, exact value rounded to a double.
    static func of(_ value: Rational) -> Self { .number(value.doubleValue) }
    static func of(_ value: Int64) -> Self { .number(Double(value)) }
    static func of(_ text: String?) -> Self { text.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
}

/// The workbook of a command whose CSV is one table (compare, sweep, frontier, robust): a
/// cover sheet saying what was run, and the table with numbers as numbers and headers in the
/// language.
public enum TableWorkbook {
    public static func make(title: String, sheet: String, csv: String, about: [(String, String)], language: Language) -> Workbook {
        let L = Labels(language: language)
        let rows = CSVText.rows(csv)
        return Workbook(title: title, sheets: [
            Workbook.cover(L("概况", "Summary"), about.map { ($0.0, .of($0.1)) }, headers: (L("项目", "Item"), L("数值", "Value"))),
            Workbook.sheet(sheet, csvRows: rows, header: { header($0, L) }),
        ])
    }

    /// A CSV column key as a person reads it: `funds_yuan` → 资金（元）, `households_旬邑县` →
    /// 带贫户数 旬邑县, `term2` → 目标 2; English keeps the keys.
    public static func header(_ key: String, _ L: Labels) -> String {
        guard L.language == .zh else { return key }
        let names = ["point": "序号", "status": "状态", "gap": "相对差距", "funds_yuan": "资金（元）", "households": "带贫户数",
                     "persons": "带贫人数", "score": "五个好得分", "projects": "项目数", "funded": "资助项目", "id": "项目编号",
                     "name": "名称", "region": "县", "category": "类别", "budget_yuan": "资金总额（元）", "efficient": "有效",
                     "current": "当前资金", "entered": "新入选", "left": "落选", "section": "部分", "item": "项目",
                     "core_index": "核心指数", "class": "分类", "nominal": "名义方案资助"]
        if let name = names[key] { return name }
        for (prefix, name) in [("households_", "带贫户数 "), ("funds_yuan_", "资金（元）"), ("scenario", "方案 "), ("term", "目标 ")]
            where key.hasPrefix(prefix) && key.count > prefix.count {
            return name + key.dropFirst(prefix.count)
        }
        return key
    }
}
