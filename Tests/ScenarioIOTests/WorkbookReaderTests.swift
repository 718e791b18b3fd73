import Foundation
import FundAllocation
@testable import ScenarioIO
import Testing
import TestSupport

/// Reading project lists from workbooks (MODEL.md §10) beyond the conformance cases: files made
/// by openpyxl (Tests/Fixtures/xlsx/make-fixtures.py), and broken files.
struct WorkbookReaderTests {
    /// Copies fixtures into a fresh folder with the scenario; the loaded scenario or the error
    /// text (paths relative to the folder).
    func load(_ yaml: String, copying fixtures: [String] = [], files: [String: Data] = [:]) -> Result<Scenario, ScenarioError> {
        let folder = Paths.temporaryFolder()
        for name in fixtures { try! FileManager.default.copyItem(atPath: Paths.fixture("xlsx/\(name)"), toPath: "\(folder)/\(name)") }
        for (name, data) in files { FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: data) }
        try! yaml.write(toFile: "\(folder)/scenario.yaml", atomically: true, encoding: .utf8)
        return Result { () throws(ScenarioError) in try ScenarioLoader.load(path: "\(folder)/scenario.yaml") }
            .mapError { error in
                ScenarioError(error.diagnostics.map { d in
                    var d = d
                    if let file = d.location?.file { d.location?.file = (file as NSString).lastPathComponent }
                    return d
                })
            }
    }

    func errorText(_ result: Result<Scenario, ScenarioError>) -> String {
        if case .failure(let e) = result { return e.description }
        return ""
    }

    @Test func cellsReadAsTheCSVWouldReadThem() throws {
        let s = try load("format: 1\nprojects: {file: edge.xlsx, sheet: 项目库}\n", copying: ["edge.xlsx"]).get()
        #expect(s.projects.map(\.id) == ["A", "B", "C", "D"])
        let a = s.projects[0], b = s.projects[1]
        #expect(a.cost == 100_000 && b.cost == 50_000, "a number cell and money text (5万)")
        #expect(a.fields["note"]?.text == "重点项目", "rich text runs are joined")
        #expect(a.fields["flag"]?.text == "true" && b.fields["flag"]?.text == "false")
        #expect(a.fields["approved"]?.text == "2017-05-01", "a date outside a numeric field is ISO text")
        #expect(b.fields["approved"]?.text == "2018")
        #expect(b.fields["note"]?.text == "#DIV/0!", "an error value is text")
        #expect(b.fields["value"]?.number == Rational(1, 1000) && a.fields["value"]?.text == "3.3")
        #expect(s.projects[2].fields["note"]?.text == "共同备注" && s.projects[3].fields["note"]?.text == "共同备注",
                "a merged text range reads as its top-left value in every row")
    }

    @Test func numbersAreShownAsExcelShowsThem() {
        #expect(Records.numberText("2017.0") == "2017")
        #expect(Records.numberText("3.3000000000000003") == "3.3")
        #expect(Records.numberText("1E-3") == "0.001")
        #expect(Records.numberText("1.5E+20") == "150000000000000000000")
        #expect(Records.numberText("-0") == "0")
        #expect(Records.numberText("0.5") == "0.5")
    }

    @Test func brokenWorkbooksNameTheirCell() {
        let stray = errorText(load("format: 1\nprojects: right-of-header.xlsx\n", copying: ["right-of-header.xlsx"]))
        #expect(stray.contains("right-of-header.xlsx:Sheet!D2: this cell has no column header (the header is row 1)"), "\(stray)")
        let error = errorText(load("format: 1\nprojects: error-in-number.xlsx\n", copying: ["error-in-number.xlsx"]))
        #expect(error.contains("error-in-number.xlsx:Sheet!B2: project 'A': cost"), "\(error)")
        let sheet = errorText(load("format: 1\nprojects: {file: edge.xlsx, sheet: 项目}\n", copying: ["edge.xlsx"]))
        #expect(sheet.contains("edge.xlsx: the workbook has no sheet '项目' (sheets: 说明, 项目库) (named at ") && sheet.contains("scenario.yaml:2)"),
                "\(sheet)")
        let csvSheet = errorText(load("format: 1\nprojects: {file: p.csv, sheet: x}\n", files: ["p.csv": Data("id,cost\nA,1\n".utf8)]))
        #expect(csvSheet.contains("scenario.yaml:2: sheet is for a workbook (.xlsx); p.csv is read as CSV"), "\(csvSheet)")
        let noFile = errorText(load("format: 1\nprojects: {sheet: x}\n"))
        #expect(noFile.contains("projects needs file (a CSV or .xlsx path)"), "\(noFile)")
    }

    @Test func notAWorkbookIsSaidPlainly() {
        let text = errorText(load("format: 1\nprojects: p.xlsx\n", files: ["p.xlsx": Data("id,cost\nA,1\n".utf8)]))
        #expect(text.contains("p.xlsx: is not an .xlsx workbook (it is not a ZIP archive)"), "\(text)")
        let xls = errorText(load("format: 1\nprojects: p.xls\n", files: ["p.xls": Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])]))
        #expect(xls.contains("p.xls: is an .xls workbook (Excel 97–2003)"), "\(xls)")
        // A workbook saved under a .csv name is read as the workbook it is.
        let disguised = load("format: 1\nprojects: list.csv\n",
                             files: ["list.csv": FileManager.default.contents(atPath: Paths.fixture("xlsx/right-of-header.xlsx"))!])
        #expect(errorText(disguised).contains("list.csv:Sheet!D2"), "\(errorText(disguised))")
        // A damaged archive (the first half of a workbook) is an error, not a crash.
        let whole = FileManager.default.contents(atPath: Paths.fixture("xlsx/edge.xlsx"))!
        let damaged = errorText(load("format: 1\nprojects: d.xlsx\n", files: ["d.xlsx": whole.prefix(whole.count / 2)]))
        #expect(damaged.contains("d.xlsx: is not an .xlsx workbook"), "\(damaged)")
    }

    @Test func cellReferencesRoundTrip() {
        for (row, column, text) in [(1, 1, "A1"), (12, 3, "C12"), (7, 26, "Z7"), (7, 27, "AA7"), (1, 16_384, "XFD1")] {
            #expect(WorkbookSheet.reference(row: row, column: column) == text)
            #expect(WorkbookSheet.position(text).map { [$0.row, $0.column] } == [row, column])
        }
        #expect(WorkbookSheet.position("12") == nil && WorkbookSheet.position("A0") == nil)
    }

    @Test func dateFormatsAreTold() {
        for code in ["yyyy-mm-dd", "yyyy\"年\"m\"月\"d\"日\"", "[$-804]yyyy/m/d", "h:mm", "[h]:mm:ss", "mmm-yy"] {
            #expect(DateStyles.isDate(code), "\(code)")
        }
        for code in ["General", "0.00E+00", "#,##0", "0.0%", "\"万元\"#,##0", "[Red]0.00", "@"] {
            #expect(!DateStyles.isDate(code), "\(code)")
        }
        #expect(SheetParser.isoDate(42795, date1904: false) == "2017-03-01")
        #expect(SheetParser.isoDate(41333, date1904: true) == "2017-03-01")
        #expect(SheetParser.isoDate(42795.5, date1904: false) == "2017-03-01T12:00:00")
        #expect(SheetParser.isoDate(59, date1904: false) == "1900-02-28")
        #expect(SheetParser.isoDate(61, date1904: false) == "1900-03-01")
    }
}
