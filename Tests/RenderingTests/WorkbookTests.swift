import Foundation
import FundAllocation
import GLPKBackend
import Rendering
import ScenarioIO
import Testing
import TestSupport
import XLSXOutput

/// `--format xlsx` (issue: workbooks out): every written workbook is read back (by fundalloc's
/// own workbook reader, the one `projects: list.xlsx` uses) and its values compared with the
/// JSON report of the same plan.
struct WorkbookTests {
    static let scenarios = ["xianyang-baseline", "xianyang-villages", "xianyang-replan-2018", "xianyang-strict-gate"]

    func solved(_ name: String) throws -> PlanReport {
        let scenario = try ScenarioLoader.load(path: Paths.repositoryFile("scenarios/\(name).yaml"))
        return PlanReport(scenario: scenario, plan: try Planner(solver: GLPKSolver()).solve(scenario))
    }

    func written(_ workbook: Workbook) throws -> (path: String, sheets: [String: [[String]]], order: [String]) {
        let path = Paths.temporaryFolder() + "/plan.xlsx"
        try WorkbookWriter.write(workbook, to: path)
        var errors: [Diagnostic] = []
        let sheets = try #require(WorkbookReader.textSheets(path: path, errors: &errors), "\(errors)")
        return (path, Dictionary(uniqueKeysWithValues: sheets.map { ($0.name, $0.rows) }), sheets.map(\.name))
    }

    func json(_ report: PlanReport) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(JSONRenderer.render(report).utf8)) as? [String: Any])
    }

    func number(_ text: String) -> Double { Double(text) ?? .nan }

    /// Close as two decimals shown: the workbook holds doubles of exact values.
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }

    @Test(arguments: scenarios, [Language.zh, .en])
    func aPlanWorkbookHoldsTheJSONReportsValues(_ name: String, _ language: Language) throws {
        let report = try solved(name)
        let document = try json(report)
        let (_, sheets, order) = try written(PlanWorkbook.make(report, overrides: ["budget.total=1.2亿"], language: language))
        let L = Labels(language: language)
        #expect(order.first == L("概况", "Summary"))
        #expect(order.contains(L("按县", "By county")) && order.contains(L("按类别", "By category")) && order.contains(L("规则", "Rules")))
        #expect(order.last == L("未资助", "Not funded"))

        // Funded projects: ids, yuan, 万元, one column per source, and the totals row.
        let funded = try #require(sheets[PlanWorkbookHeaders.fundedSheet.text(language)])
        let header = funded[0]
        let projects = try #require(document["projects"] as? [[String: Any]])
        let rows = funded.dropFirst().dropLast()
        #expect(rows.map { $0[0] } == projects.map { $0["id"] as! String })
        let fundsColumn = try #require(header.firstIndex(of: PlanWorkbookHeaders.funds.text(language)))
        for (row, project) in zip(rows, projects) {
            let yuan = (project["funds"] as! NSNumber).doubleValue
            #expect(number(row[fundsColumn]) == yuan, "\(row[0])")
            #expect(close(number(row[fundsColumn + 1]), yuan / 10_000), "\(row[0]) 万元")
            #expect(close(number(row[fundsColumn + 3]), (project["households"] as! NSNumber).doubleValue), "\(row[0]) households")
            for source in project["sources"] as? [[String: Any]] ?? [] {
                let id = source["source"] as! String
                let name = report.sources.first { $0.id == id }?.name ?? id
                let column = try #require(header.firstIndex { $0.hasPrefix(name) })
                #expect(number(row[column]) == (source["yuan"] as! NSNumber).doubleValue, "\(row[0]) \(id)")
            }
        }
        let totals = try #require(funded.last)
        #expect(totals[0] == PlanWorkbookHeaders.total.text(language))
        let json = try #require(document["totals"] as? [String: Any])
        #expect(number(totals[fundsColumn]) == (json["funds"] as! NSNumber).doubleValue)

        // By county: each region's funds and households as the JSON has them.
        let counties = try #require(sheets[L("按县", "By county")])
        let regions = try #require(document["regions"] as? [[String: Any]])
        #expect(counties.count == regions.count + 2)
        for (row, region) in zip(counties.dropFirst(), regions) {
            #expect(number(row[2]) == (region["funds"] as! NSNumber).doubleValue)
            #expect(close(number(row[5]), (region["households"] as! NSNumber).doubleValue))
        }

        // Rules: value and slack as the JSON has them, in its order.
        let rules = try #require(sheets[L("规则", "Rules")])
        let jsonRules = try #require(document["rules"] as? [[String: Any]])
        #expect(rules.count == jsonRules.count + 1)
        for (row, rule) in zip(rules.dropFirst(), jsonRules) {
            #expect(close(number(row[2]), (rule["value"] as! NSNumber).doubleValue), "\(row[0])")
            if let slack = rule["slack"] as? NSNumber { #expect(close(number(row[5]), slack.doubleValue), "\(row[0]) slack") }
            #expect((row.count > 6 && !row[6].isEmpty) == (rule["binding"] as! Bool), "\(row[0]) binding")
        }

        // Not funded: every unfunded and ineligible project, once.
        let notFunded = try #require(sheets[L("未资助", "Not funded")])
        let expected = ((document["unfunded"] as? [[String: Any]] ?? []) + (document["ineligible"] as? [[String: Any]] ?? []))
            .map { $0["id"] as! String }
        #expect(notFunded.dropFirst().map { $0[0] } == expected)

        // The cover: status, each objective term's value, the overrides.
        let cover = try #require(sheets[L("概况", "Summary")])
        #expect(cover.contains { $0 == [L("状态", "Status"), L.status(report.status)] })
        for (i, term) in (document["objective"] as! [[String: Any]]).enumerated() {
            let row = try #require(cover.first { $0[0].hasPrefix("\(L("目标", "Objective")) \(i + 1):") })
            #expect(close(number(row[1]), (term["plan_value"] as! NSNumber).doubleValue))
        }
        #expect(cover.contains { $0.last == "budget.total=1.2亿" })

        // A re-plan lists its changes against the reference.
        if let reference = document["reference"] as? [String: Any] {
            let changes = try #require(sheets[L("变更", "Changes")])
            #expect(changes.count - 1 == (reference["changes"] as! NSNumber).intValue)
        }
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let report = try solved("xianyang-baseline")
        let a = try written(PlanWorkbook.make(report, language: .zh)).path
        let b = try written(PlanWorkbook.make(report, language: .zh)).path
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        let c = try written(PlanWorkbook.make(report, language: .en)).path
        #expect(FileManager.default.contents(atPath: a) != FileManager.default.contents(atPath: c))
    }

    /// The funded sheet is read back as a reference plan in either language (and its totals
    /// row is not taken for a project).
    @Test(arguments: [Language.zh, .en])
    func aPlanWorkbookIsReadBackAsAReference(_ language: Language) throws {
        let path = Paths.repositoryFile("scenarios/xianyang-baseline.yaml")
        let scenario = try ScenarioLoader.load(path: path)
        let plan = try Planner(solver: GLPKSolver()).solve(scenario)
        let workbook = try written(PlanWorkbook.make(PlanReport(scenario: scenario, plan: plan), language: language)).path
        let folder = (workbook as NSString).deletingLastPathComponent
        try "extends: \(path)\nreference: {plan: plan.xlsx, committed_through: 2018}\n"
            .write(toFile: "\(folder)/replan.yaml", atomically: true, encoding: .utf8)
        let replan = try ScenarioLoader.load(path: "\(folder)/replan.yaml")
        #expect(replan.warnings.filter { $0.severity == .warning }.isEmpty, "\(replan.warnings)")
        let entries = try #require(replan.reference?.entries)
        let funded = scenario.projects.indices.filter { plan.funded[$0] }
        #expect(entries.map(\.id) == funded.map { scenario.projects[$0].id })
        #expect(entries.map(\.yuan) == funded.map { plan.amounts[$0] })
        #expect(entries.map(\.periods) == funded.map { [scenario.periods[plan.periodChoice[$0]!]] })
    }

    @Test func widthsCountCJKDoubleAndNumbersWithTheirFormat() {
        let sheet = Workbook.Sheet(name: "s", columns: [Workbook.Column("项目名称"), Workbook.Column("funds", .yuan)],
                                   rows: [[.text("abc"), .number(12_345_678)]])
        // 项目名称 is 8 columns wide; 12,345,678 is 10; two more for the margin.
        #expect(sheet.widths == [10, 12])
        let long = Workbook.Sheet(name: "s", columns: [Workbook.Column("x")], rows: [[.text(String(repeating: "县", count: 100))]])
        #expect(long.widths == [60])
    }

    @Test func aCSVTableBecomesTypedCells() {
        let sheet = Workbook.sheet("t", csvRows: [["id", "funds_yuan", "status"], ["P01", "3400000", "optimal"], ["P02", "", "1e5"]],
                                   header: { TableWorkbook.header($0, Labels(language: .zh)) })
        #expect(sheet.columns.map(\.header) == ["项目编号", "资金（元）", "状态"])
        #expect(sheet.rows[0] == [.text("P01"), .number(3_400_000), .text("optimal")])
        #expect(sheet.rows[1] == [.text("P02"), .empty, .text("1e5")])
    }

    @Test func aWorkbookIsWrittenWholeOrNotAtAll() throws {
        let missing = Paths.temporaryFolder() + "/no/such/folder/plan.xlsx"
        #expect(throws: (any Error).self) { try WorkbookWriter.write(Workbook(title: "t", sheets: []), to: missing) }
        let folder = Paths.temporaryFolder()
        try "old".write(toFile: "\(folder)/plan.xlsx", atomically: true, encoding: .utf8)
        // A sheet name Excel refuses ([]:*?/\) makes libxlsxwriter fail: the old file stays, no temporary is left.
        let bad = Workbook(title: "t", sheets: [Workbook.Sheet(name: "a/b", columns: [Workbook.Column("x")], rows: [])])
        #expect(throws: (any Error).self) { try WorkbookWriter.write(bad, to: "\(folder)/plan.xlsx") }
        #expect(try String(contentsOfFile: "\(folder)/plan.xlsx", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["plan.xlsx"])
    }
}
