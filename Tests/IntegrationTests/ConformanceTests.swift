import Foundation
import FundAllocation
import CBCBackend
import ScenarioIO
import Testing
import TestSupport

/// Every hand-worked case in Tests/Fixtures/conformance (MODEL.md §1–7) and
/// Tests/Fixtures/conformance-8-10 (§8 re-planning, §10 workbooks), copied from the design folder.
struct ConformanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var folder: String
        var name: String
        var testDescription: String { name }
    }

    static let cases: [Case] = ["conformance", "conformance-8-10"].flatMap { set -> [Case] in
        let folder = Paths.fixture(set)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/expected.json") }.sorted()
            .map { Case(folder: set, name: $0) }
    }

    @Test func casesArePresent() {
        #expect(Self.cases.filter { $0.folder == "conformance" }.count >= 39, "Tests/Fixtures/conformance should hold its 39 cases")
        #expect(Self.cases.filter { $0.name.hasPrefix("ref-") }.count >= 22, "Tests/Fixtures/conformance-8-10 should hold its 22 ref-* cases")
        #expect(Self.cases.filter { $0.name.hasPrefix("xlsx-") }.count >= 7, "Tests/Fixtures/conformance-8-10 should hold its 7 xlsx-* cases")
    }

    @Test(arguments: cases, engines)
    func conformance(_ c: Case, _ engine: SolverBackend) throws {
        let folder = Paths.fixture("\(c.folder)/\(c.name)")
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
        case "infeasible":
            let (scenario, plan) = try solve(path: path, engine: engine)
            #expect(plan.status == .infeasible, "\(c.name): \(plan.status)")
            try checkReference(expected, scenario, plan, c.name)
            if let committed = (expected["reference"] as? [String: Any])?["committed"] as? [String] {
                // The diagnosis names the commitments that cannot all be kept.
                let diagnosis = try InfeasibilityDiagnoser(solver: BackendSolver(engine)).diagnose(scenario)
                #expect(diagnosis.commitments == committed, "\(c.name): diagnosis")
            }
        default:
            let (scenario, plan) = try solve(path: path, engine: engine)
            #expect(plan.status == .optimal)
            // The plan reported (after the timing tie-break) keeps every rule, commitment and closed period.
            #expect(PlanVerifier.violations(of: plan, in: scenario).isEmpty, "\(c.name): \(PlanVerifier.violations(of: plan, in: scenario))")
            let optima = (expected["stage_optima"] as! [Any]).map { rational("\($0)") }
            #expect(plan.stages.count == optima.count)
            for (stage, want) in zip(plan.stages, optima) {
                let got = try #require(stage.optimum)
                #expect(closeEnough(got, want), "\(c.name): \(stage.term) optimum \(got), expected \(want)")
            }
            let warnings = (expected["warning_contains"] as? [String]) ?? (expected["warning_contains"] as? String).map { [$0] } ?? []
            for warning in warnings {
                #expect(scenario.warnings.contains { $0.message.contains(warning) }, "\(c.name): warning '\(warning)'")
            }
            try checkReference(expected, scenario, plan, c.name)
        }
    }

    /// `reference`: the plan's `changes`, `moved` and committed ids, where the case fixes them.
    func checkReference(_ expected: [String: Any], _ scenario: Scenario, _ plan: Plan, _ name: String) throws {
        guard let reference = expected["reference"] as? [String: Any] else { return }
        if let committed = reference["committed"] as? [String] { #expect(scenario.committedIDs == committed, "\(name): committed") }
        guard plan.hasAllocation else { return }
        if let changes = reference["changes"] { #expect(scenario.changes(in: plan) == rational("\(changes)"), "\(name): changes") }
        if let moved = reference["moved"] { #expect(scenario.moved(in: plan) == rational("\(moved)"), "\(name): moved") }
    }
}
