import Foundation
import Testing
import TestSupport

/// Runs the built `fundalloc` binary and compares stdout, stderr and the exit code with the
/// golden files in Golden/. Re-record with `FUNDALLOC_RECORD=1 swift test --filter EndToEnd`.
struct EndToEndTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var testDescription: String { name }
    }

    static let fixtures = "Tests/fundallocEndToEndTests/Fixtures"

    static let cases: [Case] = {
        var cases: [Case] = []
        let scenarios = ["xianyang-baseline", "xianyang-budget-cut-20", "xianyang-coverage-first", "xianyang-strict-gate",
                         "xianyang-villages", "xianyang-replan-2018", "xianyang-uncertain"]
        for s in scenarios {
            cases.append(Case(name: "\(s).table-zh", arguments: ["solve", "scenarios/\(s).yaml", "--lang", "zh"]))
            cases.append(Case(name: "\(s).json", arguments: ["solve", "scenarios/\(s).yaml", "--format", "json"]))
        }
        cases += [
            Case(name: "xianyang-baseline.table-en", arguments: ["solve", "scenarios/xianyang-baseline.yaml", "--lang", "en"]),
            Case(name: "xianyang-baseline.csv", arguments: ["solve", "scenarios/xianyang-baseline.yaml", "--format", "csv"]),
            Case(name: "xianyang-replan-2018.csv", arguments: ["solve", "scenarios/xianyang-replan-2018.yaml", "--format", "csv"]),
            Case(name: "xianyang-replan-2018.table-en", arguments: ["solve", "scenarios/xianyang-replan-2018.yaml", "--lang", "en"]),
            Case(name: "robust.table-zh", arguments: ["robust", "scenarios/xianyang-uncertain.yaml", "--samples", "6", "--lang", "zh"]),
            Case(name: "robust.csv", arguments: ["robust", "scenarios/xianyang-uncertain.yaml", "--samples", "6", "--format", "csv"]),
            Case(name: "robust-plan.json", arguments: ["robust", "scenarios/xianyang-uncertain.yaml", "--samples", "6", "--plan", "worst",
                                                        "--format", "json"]),
            Case(name: "robust-bad-shard", arguments: ["robust", "scenarios/xianyang-uncertain.yaml", "--shard", "2/2"]),
            Case(name: "replan-sweep-changes.csv", arguments: ["sweep", "scenarios/xianyang-replan-2018.yaml",
                                                               "--vary", "rules.变更项目数上限.max=0:8:9"]),
            Case(name: "xianyang-baseline.check-zh", arguments: ["check", "scenarios/xianyang-baseline.yaml", "--lang", "zh"]),
            Case(name: "xianyang-baseline.check-en", arguments: ["check", "scenarios/xianyang-baseline.yaml", "--lang", "en"]),
            Case(name: "xianyang-coverage-first.check-resolved", arguments: ["check", "scenarios/xianyang-coverage-first.yaml", "--resolved"]),
            Case(name: "xianyang-villages.table-en", arguments: ["solve", "scenarios/xianyang-villages.yaml", "--lang", "en"]),
            Case(name: "extends-cycle", arguments: ["check", "\(fixtures)/cycle-a.yaml"]),
            Case(name: "infeasible.table-en", arguments: ["solve", "\(fixtures)/infeasible.yaml", "--lang", "en"]),
            Case(name: "infeasible.json", arguments: ["solve", "\(fixtures)/infeasible.yaml", "--format", "json"]),
            Case(name: "missing-file", arguments: ["solve", "\(fixtures)/no-such-file.yaml"]),
            Case(name: "bad-yaml", arguments: ["check", "\(fixtures)/bad-yaml.yaml"]),
            Case(name: "bad-keys-and-projects", arguments: ["solve", "\(fixtures)/bad-keys.yaml"]),
            Case(name: "bad-columns", arguments: ["check", "\(fixtures)/bad-columns.yaml"]),
            Case(name: "bad-keys-and-projects.zh", arguments: ["solve", "\(fixtures)/bad-keys.yaml", "--lang", "zh"]),
            Case(name: "bad-columns.zh", arguments: ["check", "\(fixtures)/bad-columns.yaml", "--lang", "zh"]),
            Case(name: "usage-no-scenario", arguments: ["solve"]),
            Case(name: "usage-bad-format", arguments: ["solve", "scenarios/xianyang-baseline.yaml", "--format", "xml"]),
            Case(name: "usage-excel-without-csv", arguments: ["solve", "scenarios/xianyang-baseline.yaml", "--excel"]),
            Case(name: "output-missing-folder", arguments: ["solve", "scenarios/xianyang-baseline.yaml", "--output", "/nonexistent-folder/plan.csv"]),
            // Planner workflows.
            Case(name: "set-errors", arguments: ["check", "scenarios/xianyang-baseline.yaml", "--set", "budget.totl=9600万",
                                                 "--set", "budget.min_use=abc", "--set", "regions.旬邑.households.min=2000",
                                                 "--set", "name.zh=x", "--set", "nothing"]),
            Case(name: "set-errors.zh", arguments: ["check", "scenarios/xianyang-baseline.yaml", "--set", "budget.totl=9600万",
                                                    "--set", "budget.min_use=abc", "--set", "regions.旬邑.households.min=2000",
                                                    "--set", "name.zh=x", "--set", "nothing", "--lang", "zh"]),
            Case(name: "set-cell-errors", arguments: ["check", "scenarios/xianyang-baseline.yaml", "--set", "projects.P99.pin=in",
                                                      "--set", "projects.P01=in", "--set", "villages.V1.poor_households=3"]),
            Case(name: "compare.table-en", arguments: ["compare", "scenarios/xianyang-baseline.yaml", "scenarios/xianyang-budget-cut-20.yaml",
                                                       "scenarios/xianyang-strict-gate.yaml", "--lang", "en"]),
            Case(name: "compare.table-zh", arguments: ["compare", "scenarios/xianyang-baseline.yaml", "scenarios/xianyang-budget-cut-20.yaml",
                                                       "--lang", "zh"]),
            Case(name: "compare.csv", arguments: ["compare", "scenarios/xianyang-baseline.yaml", "scenarios/xianyang-budget-cut-20.yaml",
                                                  "scenarios/xianyang-strict-gate.yaml", "--format", "csv"]),
            Case(name: "compare.json", arguments: ["compare", "scenarios/xianyang-baseline.yaml", "scenarios/xianyang-budget-cut-20.yaml",
                                                   "--format", "json"]),
            Case(name: "compare-with-infeasible", arguments: ["compare", "scenarios/xianyang-baseline.yaml", "\(fixtures)/infeasible.yaml",
                                                              "--lang", "en"]),
            Case(name: "frontier.table-zh", arguments: ["frontier", "scenarios/xianyang-baseline.yaml", "--budget", "8800万:1.36亿:7",
                                                        "--lang", "zh"]),
            Case(name: "frontier.csv", arguments: ["frontier", "scenarios/xianyang-baseline.yaml", "--budget", "1亿:1.2亿:3", "--format", "csv"]),
            Case(name: "sweep.csv", arguments: ["sweep", "scenarios/xianyang-baseline.yaml", "--vary", "budget.total=1亿:1.2亿:3",
                                                "--vary", "regions.旬邑县.households.min=1700,2300"]),
            Case(name: "sweep-bad-vary", arguments: ["sweep", "scenarios/xianyang-baseline.yaml", "--vary", "budget.total=1亿:1.2亿",
                                                     "--vary", "budget.unit=1:3:x"]),
            Case(name: "sweep-bad-vary.zh", arguments: ["sweep", "scenarios/xianyang-baseline.yaml", "--vary", "budget.total=1亿:1.2亿",
                                                        "--vary", "budget.unit=1:3:x", "--lang", "zh"]),
            Case(name: "sweep-bad-point", arguments: ["sweep", "scenarios/xianyang-baseline.yaml", "--vary", "budget.min_use=0.5,1.5"]),
            Case(name: "sweep-usage-no-vary", arguments: ["sweep", "scenarios/xianyang-baseline.yaml"]),
            Case(name: "compare-usage-one-scenario", arguments: ["compare", "scenarios/xianyang-baseline.yaml"]),
            // Trust: explain, diagnosis, alternatives, export.
            Case(name: "explain-P43.table-zh", arguments: ["explain", "scenarios/xianyang-baseline.yaml", "--project", "P43", "--lang", "zh"]),
            Case(name: "explain-P43.json", arguments: ["explain", "scenarios/xianyang-baseline.yaml", "--project", "P43", "--format", "json"]),
            Case(name: "explain-P11-ineligible.table-en", arguments: ["explain", "scenarios/xianyang-baseline.yaml", "--project", "P11", "--lang", "en"]),
            Case(name: "explain-infeasible.table-en", arguments: ["explain", "\(fixtures)/infeasible.yaml", "--lang", "en"]),
            Case(name: "explain-unknown-project", arguments: ["explain", "scenarios/xianyang-baseline.yaml", "--project", "P99"]),
            Case(name: "infeasible-county.table-zh", arguments: ["solve", "scenarios/xianyang-baseline.yaml", "--set",
                                                                 "regions.旬邑县.households_target=3000", "--lang", "zh"]),
            Case(name: "alternatives.table-en", arguments: ["solve", "scenarios/xianyang-baseline.yaml", "--alternatives", "2", "--lang", "en"]),
            Case(name: "alternatives-zero", arguments: ["solve", "scenarios/xianyang-baseline.yaml", "--alternatives", "0"]),
            Case(name: "alternatives-negative-within", arguments: ["solve", "scenarios/xianyang-baseline.yaml", "--alternatives", "2",
                                                                   "--within", "-0.02"]),
            // The HTML report.
            Case(name: "report-baseline.html-zh", arguments: ["report", "scenarios/xianyang-baseline.yaml", "--frontier", "1亿:1.2亿:3",
                                                               "--explain"]),
            Case(name: "report-compare.html-en", arguments: ["report", "scenarios/xianyang-baseline.yaml", "scenarios/xianyang-budget-cut-20.yaml",
                                                              "--lang", "en"]),
            Case(name: "report-infeasible.html-en", arguments: ["report", "\(fixtures)/infeasible.yaml", "--lang", "en"]),
            Case(name: "export-missing-folder", arguments: ["export", "scenarios/xianyang-baseline.yaml", "--lp", "/nonexistent-folder/m.lp"]),
        ]
        return cases
    }()

    @Test(arguments: cases)
    func matchesGolden(_ c: Case) throws {
        let result = try Binary.run(c.arguments)
        let golden = Paths.repositoryFile("Tests/fundallocEndToEndTests/Golden/\(c.name)")
        let actual = ["stdout": result.stdout, "stderr": result.stderr, "exit": "\(result.exitCode)\n"]
        for kind in ["exit", "stdout", "stderr"] {
            try Golden.check(actual[kind]!, against: "\(golden).\(kind)")
        }
    }

    /// Every golden of a command that solves, run on CBC (issue 19): the same output byte for
    /// byte but for the engine's name and node counts (`GLPK, 18 nodes` / `CBC, 0 nodes`).
    static let solvingCases = cases.filter { ["solve", "compare", "frontier", "sweep", "robust", "explain", "report"].contains($0.arguments[0]) }

    @Test(arguments: solvingCases)
    func matchesGoldenOnCBC(_ c: Case) throws {
        let result = try Binary.run(c.arguments + ["--backend", "cbc"])
        let golden = Paths.repositoryFile("Tests/fundallocEndToEndTests/Golden/\(c.name)")
        func engineFree(_ text: String) -> String {
            var text = text
            for (pattern, replacement) in [("GLPK|CBC", "ENGINE"), ("\"nodes\" : [0-9]+", "\"nodes\" : N"),
                                           ("[0-9,]+ (nodes|个节点)", "N $1")] {
                text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
            }
            return text
        }
        let actual = ["stdout": result.stdout, "stderr": result.stderr, "exit": "\(result.exitCode)\n"]
        for kind in ["exit", "stdout", "stderr"] {
            let expected = try String(contentsOfFile: "\(golden).\(kind)", encoding: .utf8)
            #expect(engineFree(actual[kind]!) == engineFree(expected), "\(c.name).\(kind) on CBC")
        }
    }

    /// The two budgets of the 101-point sweep where GLPK and CBC once reported different plans
    /// with the same Σ (N − j)·funds_j (1.016亿, 1.11亿; issue 19): since the order among such
    /// ties (`Planner.orderTies`), the same report byte for byte but for the engine line.
    @Test(arguments: ["1.016亿", "1.11亿"])
    func theBudgetsWhereTheEnginesPartedGiveOneReport(_ budget: String) throws {
        let runs = try ["glpk", "cbc"].map { engine in
            try Binary.run(["solve", "scenarios/xianyang-baseline.yaml", "--set", "budget.total=\(budget)", "--format", "csv",
                            "--backend", engine])
        }
        #expect(runs.allSatisfy { $0.exitCode == 0 })
        #expect(runs[0].stdout == runs[1].stdout)
    }

    @Test func exitCodesAreDistinct() throws {
        #expect(try Binary.run(["solve", "scenarios/xianyang-baseline.yaml", "--format", "json"]).exitCode == 0)
        #expect(try Binary.run(["solve", "\(Self.fixtures)/infeasible.yaml"]).exitCode == 3)
        #expect(try Binary.run(["solve", "\(Self.fixtures)/bad-yaml.yaml"]).exitCode == 65)
        #expect(try Binary.run(["solve"]).exitCode == 64)
        #expect(try Binary.run(["solve", "scenarios/xianyang-baseline.yaml", "-o", "/nonexistent/x.json"]).exitCode == 73)
    }

    /// A solve stopped by mip_gap exits 2 and says, per objective term, how far from proven
    /// it stopped; the solver's gap is the largest of them.
    @Test func aSolveStoppedAtTheGapReportsEachStagesGap() throws {
        let r = try Binary.run(["solve", "scenarios/xianyang-budget-cut-20.yaml", "--set", "solver.mip_gap=0.1", "--format", "json"])
        #expect(r.exitCode == 2)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let terms = try #require(document["objective"] as? [[String: Any]])
        let gaps = terms.compactMap { $0["gap"] as? Double }
        #expect(terms.count == 3 && gaps.count == terms.filter { $0["proven"] as? Bool == false }.count)
        #expect(!gaps.isEmpty && gaps.allSatisfy { $0 >= 0 && $0 <= 0.1 })
        let solver = try #require(document["solver"] as? [String: Any])
        #expect(solver["gap"] as? Double == gaps.max())
        #expect(document["status"] as? String == "feasible")
    }

    @Test func outputFileHoldsExactlyWhatStdoutWouldAndExcelGetsABOM() throws {
        let folder = Paths.temporaryFolder()
        let stdout = try Binary.run(["solve", "scenarios/xianyang-baseline.yaml", "--format", "csv"]).stdout
        let written = try Binary.run(["solve", "scenarios/xianyang-baseline.yaml", "--format", "csv", "-o", "\(folder)/plan.csv"])
        #expect(written.exitCode == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOfFile: "\(folder)/plan.csv", encoding: .utf8) == stdout)
        _ = try Binary.run(["solve", "scenarios/xianyang-baseline.yaml", "--format", "csv", "--excel", "-o", "\(folder)/excel.csv"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/excel.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["excel.csv", "plan.csv"])
    }

    @Test func sameCommandSameBytes() throws {
        let a = try Binary.run(["solve", "scenarios/xianyang-budget-cut-20.yaml", "--format", "json"])
        let b = try Binary.run(["solve", "scenarios/xianyang-budget-cut-20.yaml", "--format", "json"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(a.stdout == b.stdout && a.stderr == b.stderr)
    }

    @Test func languageComesFromTheLocaleByDefault() throws {
        let zh = try Binary.run(["check", "scenarios/xianyang-baseline.yaml"], environment: ["LANG": "zh_CN.UTF-8"])
        let en = try Binary.run(["check", "scenarios/xianyang-baseline.yaml"], environment: ["LANG": "C"])
        #expect(zh.stdout.hasPrefix("方案") && en.stdout.hasPrefix("scenario"))
    }
}

/// Golden files: compared byte for byte; `FUNDALLOC_RECORD=1` writes them instead and fails the
/// test, so a run in record mode can never pass silently (run again without it to check).
enum Golden {
    static let recording = ProcessInfo.processInfo.environment["FUNDALLOC_RECORD"] == "1"

    static func check(_ actual: String, against path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if recording {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("recorded \(path); run again without FUNDALLOC_RECORD to check it", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "\(path) differs from the golden file:\n\(Binary.diff(expected, actual))", sourceLocation: sourceLocation)
    }
}

/// Runs the `fundalloc` built next to the test bundle, from the repository's top folder.
enum Binary {
    struct Result { var stdout: String; var stderr: String; var exitCode: Int32 }

    static let path: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("fundalloc").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return Paths.repositoryFile(".build/debug/fundalloc")
    }()

    /// Runs the binary. With `interruptWhen`, sends it SIGINT as soon as what it has printed so
    /// far (stdout, stderr) satisfies the condition — never after a fixed time. The test fails
    /// if the process ends before printing it.
    static func run(_ arguments: [String], environment: [String: String] = ["LANG": "C"],
                    interruptWhen printed: ((String, String) -> Bool)? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = Paths.repository
        process.environment = environment.merging(["PATH": "/usr/bin:/bin", "COLUMNS": "120",
                                                   "TMPDIR": Paths.temporaryRoot]) { a, _ in a }
        // Files, not pipes: nothing can fill up and block the child.
        let folder = Paths.temporaryFolder()
        FileManager.default.createFile(atPath: "\(folder)/out", contents: nil)
        FileManager.default.createFile(atPath: "\(folder)/err", contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder)/out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder)/err"))
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let printed {
            // Polls the output files (a condition, not a clock: the wait ends when it holds).
            func read(_ name: String) -> String { (try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)) ?? "" }
            while process.isRunning && !printed(read("out"), read("err")) { usleep(2_000) }
            if process.isRunning { process.interrupt() } else {
                Issue.record("the process ended before printing what the test waits for", sourceLocation: sourceLocation)
            }
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return Result(stdout: try String(contentsOfFile: "\(folder)/out", encoding: .utf8),
                      stderr: try String(contentsOfFile: "\(folder)/err", encoding: .utf8),
                      exitCode: process.terminationStatus)
    }

    /// The first differing lines, for a readable failure.
    static func diff(_ expected: String, _ actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(e.count, a.count) where out.count < 12 {
            let l = i < e.count ? String(e[i]) : "<none>", r = i < a.count ? String(a[i]) : "<none>"
            if l != r { out.append("line \(i + 1):\n  - \(l)\n  + \(r)") }
        }
        return out.joined(separator: "\n")
    }
}
