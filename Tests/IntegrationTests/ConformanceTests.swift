import Foundation
import FundAllocation
import ScenarioIO
import Testing
import TestSupport

/// Every hand-worked case in Tests/Fixtures/conformance (MODEL.md §1–7, copied from the design folder).
struct ConformanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let folder = Paths.fixture("conformance")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/expected.json") }.sorted().map(Case.init)
    }()

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 39, "Tests/Fixtures/conformance should hold its 39 cases (found \(Self.cases.count))")
    }

    @Test(arguments: cases)
    func conformance(_ c: Case) throws {
        let folder = Paths.fixture("conformance/\(c.name)")
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/expected.json"))) as! [String: Any]
        let path = "\(folder)/scenario.yaml"
        switch expected["result"] as! String {
        case "input_error":
            do {
                _ = try ScenarioLoader.load(path: path)
                Issue.record("\(c.name): expected an input error, the scenario loaded")
            } catch {
                for text in expected["message_contains"] as? [String] ?? [] {
                    #expect(error.description.contains(text), "\(c.name): message should contain '\(text)': \(error)")
                }
                #expect(error.diagnostics.allSatisfy { $0.location != nil })
            }
        default:
            let (scenario, plan) = try solve(path: path)
            #expect(plan.status == .optimal)
            let optima = (expected["stage_optima"] as! [Any]).map { rational("\($0)") }
            #expect(plan.stages.count == optima.count)
            for (stage, want) in zip(plan.stages, optima) {
                let got = try #require(stage.optimum)
                #expect(closeEnough(got, want), "\(c.name): \(stage.term) optimum \(got), expected \(want)")
            }
            if let warning = expected["warning_contains"] as? String {
                #expect(scenario.warnings.contains { $0.message.contains(warning) }, "\(c.name): warning '\(warning)'")
            }
        }
    }
}
