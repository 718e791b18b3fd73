import Foundation
import FundAllocation
import Rendering
import ScenarioIO
import Testing
import TestSupport

struct RenderingTests {
    let here = SourceLocation(file: "s.yaml", line: 1)

    func report() -> PlanReport {
        var s = Scenario(name: "测试", file: "s.yaml", budget: Budget(total: 200_000))
        s.regions = [Group(id: "旬邑县", location: here)]
        s.projects = [
            Project(id: "A", name: "旬邑县苹果冷库", region: "旬邑县", cost: 100_000, minShare: Rational(1, 2), households: 10, location: here),
            Project(id: "B", name: "Mushrooms, dried", region: "旬邑县", cost: 50_000, households: 4, location: here),
            Project(id: "C", name: "Roads", cost: 80_000, households: 1, location: here),
        ]
        s.objective = [ObjectiveTerm(sense: .maximize, metric: .households)]
        let plan = Plan(status: .optimal, amounts: [60_000, 50_000, 0], funded: [true, true, false],
                        stages: [Plan.Stage(term: s.objective[0], optimum: 10, value: 10, proven: true)], nodes: 3)
        return PlanReport(scenario: s, plan: plan)
    }

    @Test func displayWidthCountsCJKAsTwo() {
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("旬邑县") == 6)
        #expect(TextWidth.of("１００") == 6)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.pad("县", 4) == "县  ")
        #expect(TextWidth.truncate("旬邑县马栏红苹果", 7) == "旬邑县…")
    }

    /// The fast paths (ASCII and Latin below U+0300, the CJK Unified Ideographs) give what the
    /// general rule gives, for every scalar those paths cover.
    @Test func displayWidthFastPathsAgreeWithTheGeneralRule() {
        func general(_ s: Unicode.Scalar) -> Int {
            let category = s.properties.generalCategory
            if s.value == 0 || category == .nonspacingMark || category == .enclosingMark { return 0 }
            return (0x4E00...0x9FFF).contains(s.value) ? 2 : 1
        }
        let covered = Array(0..<0x300) + Array(0x4E00...0x9FFF)
        let disagreeing = covered.compactMap(Unicode.Scalar.init).filter { TextWidth.of(String($0)) != general($0) }
        #expect(disagreeing.isEmpty, "\(disagreeing.prefix(5).map(\.value))")
    }

    @Test func tableColumnsLineUpByDisplayWidth() {
        let text = TableRenderer.render(report(), language: .zh)
        let rows = text.split(separator: "\n").map(String.init)
        let header = try! #require(rows.firstIndex { $0.contains("编号") && $0.contains("名称") })
        let widths = rows[header...(header + 3)].map { TextWidth.of($0) }
        #expect(Set(widths).count == 1, "rows of the projects table have one display width: \(widths)")
        #expect(text.contains("状态: 最优"))
        #expect(TableRenderer.render(report(), language: .en).contains("Status: optimal"))
    }

    @Test func jsonIsStableAndComplete() throws {
        let text = JSONRenderer.render(report())
        #expect(text == JSONRenderer.render(report()))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "optimal")
        let projects = try #require(json["projects"] as? [[String: Any]])
        #expect(projects.map { $0["id"] as? String } == ["A", "B"])
        #expect(projects[0]["funds"] as? Int == 60_000)
        #expect((projects[0]["share"] as? NSNumber)?.doubleValue == 0.6)
        #expect((projects[0]["households"] as? NSNumber)?.doubleValue == 6)
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["funds"] as? Int == 110_000)
        let unfunded = try #require(json["unfunded"] as? [[String: Any]])
        #expect(unfunded.map { $0["id"] as? String } == ["C"])
        #expect(json["solver"] as? [String: Any] != nil)
    }

    @Test func csvHasFixedColumnsQuotingAndOptionalBOM() {
        let text = CSVRenderer.render(report())
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,name,region,category,cost_yuan,funds_yuan,share,households,score,period,sources")
        #expect(lines[1] == "A,旬邑县苹果冷库,旬邑县,,100000,60000,0.6,6,0,,")
        #expect(lines[2] == "B,\"Mushrooms, dried\",旬邑县,,50000,50000,1,4,0,,")
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(!text.hasPrefix("\u{FEFF}"))
        #expect(CSVRenderer.render(report(), excel: true).hasPrefix("\u{FEFF}id,"))
    }

    @Test func atomicWriteLeavesNothingBehindOnFailure() throws {
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: "/nonexistent-folder/out.csv") }
        let folder = Paths.temporaryFolder()
        try AtomicFile.write("first", to: "\(folder)/out.csv")
        try AtomicFile.write("second", to: "\(folder)/out.csv")
        #expect(try String(contentsOfFile: "\(folder)/out.csv", encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.csv"])
        do { try AtomicFile.write("x", to: folder); Issue.record("wrote over a directory") } catch {
            #expect(error.description.contains("is a directory"))
        }
    }
}

/// Households are whole people in what people read (issue 17, item 6); JSON keeps them exact.
struct WholeHouseholdsTests {
    @Test func tablesShowWholeHouseholdsWithANoteAndJSONKeepsThemExact() throws {
        #expect(Format.households(Rational(27939, 100)) == "279")
        #expect(Format.households(Rational(83466913, 10000)) == "8,347")
        let scenario = try ScenarioLoader.load(text: """
            format: 1
            budget: {total: 150}
            projects:
              - {id: A, cost: 100, households: 7, min_share: 0.1}
              - {id: B, cost: 100, households: 3}
            objective: [{maximize: households}]
            """, file: "t.yaml")
        let plan = Plan(status: .optimal, amounts: [50, 100], funded: [true, true], stages: [], seconds: 0, nodes: 0, solverLog: "")
        let report = PlanReport(scenario: scenario, plan: plan)
        let table = TableRenderer.render(report, language: .en)
        #expect(table.contains("Households: 7\n") || table.contains("Households: 7 "))   // 3.5 + 3 = 6.5 → 7
        #expect(table.contains("a partly funded project reaches that share of its households"))
        #expect(JSONRenderer.render(report).contains("6.5"))
    }
}
