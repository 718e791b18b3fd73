import Foundation
import FundAllocation
import GLPKBackend
import ScenarioIO
import Testing
import TestSupport
import Workflows

/// `fundalloc generate` and `ScenarioGenerator`: valid, deterministic, drawn from the seed list.
struct GenerateTests {
    static let golden = "Tests/fundallocEndToEndTests/Golden/generate-small"
    static let smallArguments = ["--projects", "12", "--regions", "3", "--sources", "2", "--periods", "3", "--villages", "--seed", "5"]

    /// The same options give the same bytes (compared with files generated once and kept:
    /// a change to the draw shows up here). Re-record with FUNDALLOC_RECORD=1.
    @Test func sameOptionsSameFilesAsRecorded() throws {
        let folder = Paths.temporaryFolder()
        let result = try Binary.run(["generate"] + Self.smallArguments + ["--out", "\(folder)/g"])
        #expect(result.exitCode == 0 && result.stdout.isEmpty && result.stderr.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/g").sorted()
        #expect(names == ["projects.csv", "scenario.yaml", "villages.csv"])
        for name in names {
            let actual = try String(contentsOfFile: "\(folder)/g/\(name)", encoding: .utf8)
            try Golden.check(actual, against: Paths.repositoryFile("\(Self.golden)/\(name)"))
        }
    }

    @Test func seedChangesTheDrawAndNothingElseDoes() {
        let a = ScenarioGenerator(projects: 40, regions: 4, sources: 2, periods: 4, villages: true, seed: 1).files()
        let b = ScenarioGenerator(projects: 40, regions: 4, sources: 2, periods: 4, villages: true, seed: 1).files()
        let c = ScenarioGenerator(projects: 40, regions: 4, sources: 2, periods: 4, villages: true, seed: 2).files()
        #expect(a.map(\.text) == b.map(\.text))
        #expect(a[1].text != c[1].text)
    }

    /// What the generated scenario holds, read back through the loader.
    @Test(arguments: [(60, 4, 2, 4, true), (200, 10, 0, 1, false), (7, 7, 7, 2, false)])
    func scenarioHasTheAskedShapeAndSeedDistributions(_ size: (Int, Int, Int, Int, Bool)) throws {
        let (n, r, s, p, villages) = size
        let folder = Paths.temporaryFolder()
        for file in ScenarioGenerator(projects: n, regions: r, sources: s, periods: p, villages: villages, seed: 9).files() {
            try file.text.write(toFile: "\(folder)/\(file.name)", atomically: true, encoding: .utf8)
        }
        let scenario = try ScenarioLoader.load(path: "\(folder)/scenario.yaml")
        #expect(scenario.projects.count == n)
        #expect(scenario.regions.count == r)
        #expect(scenario.sources.count == s)
        #expect(scenario.periods.count == p)
        #expect(scenario.villages.isEmpty != villages)
        // Every region has a project, every source a region of its own.
        #expect(Set(scenario.projects.compactMap(\.region)).count == r)
        // Each project is a seed project resampled: its category's seed costs scaled by 0.6–1.4
        // (whole 万元), scores moved by at most one point within 1–5.
        let seed = try ScenarioLoader.load(path: Paths.repositoryFile("scenarios/xianyang-baseline.yaml"))
        for project in scenario.projects {
            let same = seed.projects.filter { $0.category == project.category }
            #expect(!same.isEmpty, "category \(project.category ?? "-") is not in the seed list")
            let low = same.map(\.cost).min()! * 6 / 10 - 10_000, high = same.map(\.cost).max()! * 14 / 10 + 10_000
            #expect(project.cost >= low && project.cost <= high && project.cost % 10_000 == 0)
            #expect(project.scores.count == 5 && project.scores.values.allSatisfy { $0 >= Rational(1) && $0 <= Rational(5) })
        }
    }

    /// A generated scenario solves, and its plan passes the exact re-check (Planner) and agrees
    /// with glpsol on the exported first stage.
    @Test func generatedScenarioSolvesAndAgreesWithGlpsol() throws {
        let folder = Paths.temporaryFolder()
        #expect(try Binary.run(["generate", "--projects", "60", "--regions", "4", "--sources", "2", "--periods", "4",
                                "--villages", "--seed", "7", "--out", folder]).exitCode == 0)
        let solved = try Binary.run(["solve", "\(folder)/scenario.yaml", "--format", "json"])
        #expect(solved.exitCode == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(solved.stdout.utf8)) as! [String: Any]
        let first = (doc["objective"] as! [[String: Any]])[0]
        #expect(first["proven"] as? Bool == true)
        #expect(try Binary.run(["export", "\(folder)/scenario.yaml", "--lp", "\(folder)/m.lp"]).exitCode == 0)
        let value = try ExportEndToEndTests.glpsolObjective(["--lp", "\(folder)/m.lp"])
        let optimum = (first["stage_optimum"] as! NSNumber).doubleValue
        #expect(abs(value - optimum) <= 1e-6 * max(1, optimum), "glpsol \(value) vs fundalloc \(optimum)")
    }

    @Test func badSizesAreUsageErrors() throws {
        let result = try Binary.run(["generate", "--projects", "5", "--regions", "2", "--sources", "3", "--out", Paths.temporaryFolder()])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--sources must be between 0 and --regions"))
        #expect(try Binary.run(["generate", "--projects", "0", "--regions", "2", "--out", Paths.temporaryFolder()]).exitCode == 64)
    }
}
