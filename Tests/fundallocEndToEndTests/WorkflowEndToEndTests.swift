import Foundation
import FundAllocation
import Rendering
import ScenarioIO
import Testing
import TestSupport

/// `--set`, sweep, frontier and compare through the built binary.
struct WorkflowEndToEndTests {
    /// Ctrl-C during `robust --shard`: the samples finished are written, each a whole line
    /// (waits for the first progress line, never for the clock).
    @Test(.slow) func anInterruptedShardKeepsItsWholeSamples() throws {
        let folder = Paths.temporaryFolder()
        let r = try Binary.run(["robust", "scenarios/xianyang-uncertain.yaml", "--samples", "200", "--jobs", "1", "--shard", "0/1",
                                "-o", "\(folder)/part.jsonl", "--progress"],
                               interruptWhen: { _, stderr in stderr.contains("1/200\n") })
        #expect(r.exitCode == 130, "\(r.stderr)")
        #expect(r.stderr.contains("samples written"))
        let lines = try String(contentsOfFile: "\(folder)/part.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 2 && lines.count < 201)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil) }
    }

    /// `robust --write-samples`: each sample is a scenario that plain `solve` re-solves to the
    /// optimum robust found for it.
    @Test func writtenSamplesReSolveToTheSameOptimum() throws {
        let folder = Paths.temporaryFolder()
        let r = try Binary.run(["robust", "scenarios/xianyang-uncertain.yaml", "--samples", "3", "--write-samples", "\(folder)/s",
                                "--shard", "0/1", "-o", "\(folder)/all.jsonl"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: "\(folder)/all.jsonl", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(lines.count == 3)
        for line in lines {
            let sample = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let k = try #require(sample["sample"] as? Int)
            let exact = try #require(sample["optimum"] as? String).split(separator: "/").map { Double($0)! }
            let solved = try Binary.run(["solve", "\(folder)/s/" + String(format: "sample-%04d.yaml", k), "--format", "json"])
            #expect(solved.exitCode == 0, "\(solved.stderr)")
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(solved.stdout.utf8)) as? [String: Any])
            let optimum = try #require(((doc["objective"] as? [[String: Any]])?.first?["stage_optimum"] as? NSNumber)?.doubleValue)
            #expect(abs(optimum - exact[0] / (exact.count > 1 ? exact[1] : 1)) < 1e-6, "sample \(k)")
        }
    }

    /// `robust --shard i/n` files merged give the bytes of one run (any split, any order); a
    /// missing shard is an error naming the samples it lacks.
    @Test func robustShardsMergeIntoTheBytesOfOneRun() throws {
        let folder = Paths.temporaryFolder()
        let base = ["robust", "scenarios/xianyang-uncertain.yaml", "--samples", "6"]
        let one = try Binary.run(base + ["--format", "json", "--jobs", "2"])
        #expect(one.exitCode == 0, "\(one.stderr)")
        for i in 0..<2 {
            let r = try Binary.run(base + ["--shard", "\(i)/2", "-o", "\(folder)/s\(i).jsonl", "--jobs", "1"])
            #expect(r.exitCode == 0, "\(r.stderr)")
        }
        let merged = try Binary.run(["merge", "scenarios/xianyang-uncertain.yaml", "\(folder)/s1.jsonl", "\(folder)/s0.jsonl", "--format", "json"])
        #expect(merged.exitCode == 0, "\(merged.stderr)")
        #expect(merged.stdout == one.stdout)
        let partial = try Binary.run(["merge", "scenarios/xianyang-uncertain.yaml", "\(folder)/s0.jsonl"])
        #expect(partial.exitCode == 65 && partial.stderr.contains("samples missing from the shards: 1, 3, 5"), "\(partial.stderr)")
    }

    static let baseline = "scenarios/xianyang-baseline.yaml"

    @Test func sweepBytesDoNotDependOnJobs() throws {
        let arguments = ["sweep", Self.baseline, "--vary", "budget.total=1.1亿,1.16亿,1.2亿",
                         "--vary", "regions.旬邑县.households.min=1700,2200", "--format", "jsonl"]
        let one = try Binary.run(arguments + ["--jobs", "1"])
        let two = try Binary.run(arguments + ["--jobs", "2"])
        let three = try Binary.run(arguments + ["--jobs", "3"])
        #expect(one.exitCode == 0 && one.stdout.split(separator: "\n").count == 6)
        #expect(one.stdout == two.stdout && two.stdout == three.stdout)
    }

    /// A sweep row holds what `solve --set` reports for the same point.
    @Test func sweepRowsEqualSolveWithSet() throws {
        let values = ["9800万", "1.16亿"]
        let sweep = try Binary.run(["sweep", Self.baseline, "--vary", "budget.total=\(values.joined(separator: ","))",
                                    "--vary", "five_good.min_weighted=3", "--format", "jsonl"])
        let rows = try sweep.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(rows.count == 2)
        for (value, row) in zip(values, rows) {
            let solve = try Binary.run(["solve", Self.baseline, "--set", "budget.total=\(value)", "--set", "five_good.min_weighted=3",
                                        "--format", "json"])
            let plan = try #require(try JSONSerialization.jsonObject(with: Data(solve.stdout.utf8)) as? [String: Any])
            let totals = try #require(plan["totals"] as? [String: Any])
            #expect(row["status"] as? String == plan["status"] as? String)
            #expect(row["funds"] as? Int == totals["funds"] as? Int)
            #expect(row["households"] as? Double == totals["households"] as? Double)
            let ids = (plan["projects"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(row["funded"] as? [String] == ids)
            let terms = (row["objective"] as? [[String: Any]])?.map { $0["plan_value"] as? Double }
            let planTerms = (plan["objective"] as? [[String: Any]])?.map { $0["plan_value"] as? Double }
            #expect(terms == planTerms)
        }
    }

    @Test func setChangesTheSolve() throws {
        let strict = try Binary.run(["solve", Self.baseline, "--set", "regions.旬邑县.households.min=1e6", "--lang", "en"])
        #expect(strict.exitCode == 3)
        let pinned = try Binary.run(["solve", Self.baseline, "--set", "projects.P30.pin=in", "--format", "csv"])
        #expect(pinned.exitCode == 0 && pinned.stdout.contains("\r\nP30,"))
        let out = try Binary.run(["solve", Self.baseline, "--set", "projects.P01.pin=out", "--format", "csv"])
        #expect(out.exitCode == 0 && !out.stdout.contains("\r\nP01,"))
    }

    /// Ctrl-C during a sweep: exit 130, what was written is whole rows equal to the full run's
    /// first rows, and no temporary file is left beside -o. The signal is sent once the sweep
    /// has printed its first row (or, with -o, its first progress line), never after a fixed time.
    @Test(.slow) func interruptedSweepWritesFinishedRowsWhole() throws {
        // 40 points that each solve in a fraction of a second (the name only labels the point).
        let arguments = ["sweep", Self.baseline, "--vary", "budget.total=1.1亿,1.16亿,1.2亿,1.25亿",
                         "--vary", "name=a,b,c,d,e,f,g,h,i,j", "--jobs", "1"]
        let folder = Paths.temporaryFolder()
        let full = try Binary.run(arguments + ["--jobs", "2", "-o", "\(folder)/all.csv"])
        #expect(full.exitCode == 0)
        let all = try String(contentsOfFile: "\(folder)/all.csv", encoding: .utf8)
        #expect(all.split(separator: "\r\n").count == 41)
        let stopped = try Binary.run(arguments, interruptWhen: { out, _ in out.split(separator: "\r\n").count >= 2 })
        #expect(stopped.exitCode == 130)
        #expect(stopped.stderr.contains("interrupted (signal 2)"))
        #expect(stopped.stdout.hasSuffix("\r\n") && all.hasPrefix(stopped.stdout))
        #expect((2..<41).contains(stopped.stdout.split(separator: "\r\n").count))
        let toFile = try Binary.run(arguments + ["-o", "\(folder)/part.csv", "--progress"],
                                    interruptWhen: { _, err in err.hasPrefix("1/40\n") })
        #expect(toFile.exitCode == 130)
        let part = try String(contentsOfFile: "\(folder)/part.csv", encoding: .utf8)
        #expect(part.hasSuffix("\r\n") && all.hasPrefix(part) && part.count < all.count)
        #expect(part.split(separator: "\r\n").count >= 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["all.csv", "part.csv"])
    }

    /// Ctrl-C while GLPK searches (the signal is sent once the first stage has started): exit
    /// 130 and no output file.
    @Test(.slow) func interruptedSolveStopsAndWritesNothing() throws {
        // mknapcb1's first problem (100 projects × 5 periods) takes GLPK seconds to prove.
        let problem = ORLibrary.mknap1(Paths.fixture("orlib/mknapcb1.txt"))[0]
        let folder = Paths.temporaryFolder()
        try problem.multiPeriodScenarioYAML.write(toFile: "\(folder)/cb1.yaml", atomically: true, encoding: .utf8)
        let result = try Binary.run(["solve", "\(folder)/cb1.yaml", "-o", "\(folder)/plan.json", "--progress"],
                                    interruptWhen: { _, err in err.contains("stage 1/") })
        #expect(result.exitCode == 130)
        #expect(result.stderr.contains("nothing written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["cb1.yaml"])
    }
}

/// The exported model, re-solved by GLPK's own CLI, has the optimum `solve` reports.
struct ExportEndToEndTests {
    static func glpsolObjective(_ arguments: [String]) throws -> Double {
        let folder = Paths.temporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
        process.arguments = arguments + ["-o", "\(folder)/solution.txt"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOfFile: "\(folder)/solution.txt", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        // "Objective:  obj = 8431 (MAXimum)"
        let value = try #require(line.split(separator: "=").last?.split(separator: " ").first)
        return try #require(Double(value))
    }

    @Test(arguments: ["xianyang-baseline", "xianyang-budget-cut-20", "xianyang-coverage-first", "xianyang-strict-gate", "xianyang-villages"])
    func exportedModelsResolveToTheSameOptimum(_ name: String) throws {
        let folder = Paths.temporaryFolder()
        let solved = try Binary.run(["solve", "scenarios/\(name).yaml", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(solved.stdout.utf8)) as? [String: Any])
        let first = try #require((json["objective"] as? [[String: Any]])?.first)
        let optimum = try #require((first["stage_optimum"] as? NSNumber)?.doubleValue)
        // MPS has no objective sense (glpsol needs --max) and GLPK writes its numbers with 12
        // digits, which sends glpsol's branch-and-bound on a long walk on three of the five
        // models (the LP file, 15 digits, solves in under 0.3 s): MPS is checked on two.
        var formats = [("--lp", "model.lp", ["--lp"])]
        if ["xianyang-strict-gate", "xianyang-villages"].contains(name) { formats.append(("--mps", "model.mps", ["--freemps", "--max"])) }
        for (flag, file, read) in formats {
            let exported = try Binary.run(["export", "scenarios/\(name).yaml", flag, "\(folder)/\(file)"])
            #expect(exported.exitCode == 0)
            // The problem carries the scenario's name (GLPK wrote "Unknown").
            let head = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8).prefix(200)
            #expect(head.contains("Problem: 咸阳_2017–2020_") || head.contains("NAME"), "\(head)")
            #expect(!head.contains("Unknown"))
            let objective = try Self.glpsolObjective(read + ["\(folder)/\(file)", "--cuts"])
            #expect(abs(objective - optimum) <= 1e-6 * max(1, abs(optimum)), "\(name) \(flag): glpsol \(objective), solve \(optimum)")
        }
        // Written whole, by rename: no temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == formats.map(\.1).sorted())
    }
}

/// The HTML report is self-contained and complete.
struct ReportEndToEndTests {
    /// `report --robust`: a robustness section with the projects coloured by class and the
    /// robust plan against the nominal one.
    @Test func theReportCarriesTheRobustness() throws {
        let folder = Paths.temporaryFolder()
        let r = try Binary.run(["report", "scenarios/xianyang-uncertain.yaml", "--robust", "--set", "uncertainty.samples=4",
                                "-o", "\(folder)/r.html"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let page = try String(contentsOfFile: "\(folder)/r.html", encoding: .utf8)
        #expect(page.contains("稳健性（4 个样本，种子 1）") && page.contains("<tr class=\"core\">") && page.contains("稳健方案（最坏样本最好）"))
    }

    @Test func reportIsSelfContainedAndWrittenWhole() throws {
        let folder = Paths.temporaryFolder()
        let run = try Binary.run(["report", "scenarios/xianyang-baseline.yaml", "scenarios/xianyang-strict-gate.yaml",
                                  "--frontier", "1亿:1.2亿:3", "-o", "\(folder)/report.html"])
        #expect(run.exitCode == 0 && run.stdout.isEmpty)
        let html = try String(contentsOfFile: "\(folder)/report.html", encoding: .utf8)
        for forbidden in ["<script", "http://", "https://", "src=", "@import", "url(", "<link"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        func count(_ s: String) -> Int { html.components(separatedBy: s).count - 1 }
        for tag in ["svg", "table", "thead", "tbody", "section", "figure", "tr", "td", "th", "title", "text"] {
            #expect(count("<\(tag)>") + count("<\(tag) ") == count("</\(tag)>"), "\(tag)")
        }
        // Every funded project of both plans is in a table, with its funds in 万元 and yuan in the tooltip.
        let plan = try Binary.run(["solve", "scenarios/xianyang-strict-gate.yaml", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        for p in try #require(json["projects"] as? [[String: Any]]) {
            let id = try #require(p["id"] as? String), funds = try #require((p["funds"] as? NSNumber)?.int64Value)
            #expect(html.contains("<td>\(id)</td>"))
            let digits = Array(String(funds))
            let yuan = String(digits.enumerated().flatMap { i, d in (i > 0 && (digits.count - i) % 3 == 0 ? [","] : []) + [d] })
            #expect(html.contains("title=\"\(yuan)\""), "\(id) \(funds)")
        }
        #expect(html.contains("@page { size: A4") && html.contains("break-before: page"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.html"])
    }
}

/// The same scenario gives the same bytes whatever the locale (with the language fixed).
struct LocaleDeterminismTests {
    @Test(arguments: [["solve", "scenarios/xianyang-baseline.yaml", "--lang", "zh"],
                      ["solve", "scenarios/xianyang-villages.yaml", "--format", "json"],
                      ["solve", "scenarios/xianyang-baseline.yaml", "--format", "csv"],
                      ["report", "scenarios/xianyang-baseline.yaml", "--lang", "zh"]])
    func outputDoesNotDependOnTheLocale(_ arguments: [String]) throws {
        let environments: [[String: String]] = [["LANG": "C"], ["LANG": "zh_CN.UTF-8"], ["LC_ALL": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"],
                                                ["LANG": "de_DE.UTF-8", "LC_NUMERIC": "de_DE.UTF-8"], ["LANG": "en_US.UTF-8"]]
        let outputs = try environments.map { try Binary.run(arguments, environment: $0) }
        #expect(outputs.allSatisfy { $0.exitCode == 0 })
        #expect(Set(outputs.map(\.stdout)).count == 1)
    }
}

/// Where a search stops does not depend on how fast the machine is at the moment: the budget
/// cut scenario (hundreds of nodes per stage, a tie-break search) solved by four processes at
/// once on a loaded machine gives the same bytes each time. (The gap test used to be throttled
/// by time, which a loaded machine could move to another node.)
@Suite(.slow)
struct LoadDeterminismTests {
    @Test func searchesStopAtTheSamePlaceUnderLoad() async throws {
        let arguments = ["solve", "scenarios/xianyang-budget-cut-20.yaml", "--format", "json"]
        let outputs = try await withThrowingTaskGroup(of: Binary.Result.self) { group in
            for _ in 0..<4 { group.addTask { try Binary.run(arguments) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.allSatisfy { $0.exitCode == 0 })
        #expect(Set(outputs.map(\.stdout)).count == 1)
    }
}

/// Flags and values as a planner types them (issue 17, items 11 and 12).
struct TypedAsPlannersTypeTests {
    static let baseline = "scenarios/xianyang-baseline.yaml"

    @Test func theOutputFilesExtensionChoosesTheFormatAndAContradictionIsRefused() throws {
        let folder = Paths.temporaryFolder()
        #expect(try Binary.run(["solve", Self.baseline, "-o", "\(folder)/plan.csv"]).exitCode == 0)
        #expect(try String(contentsOfFile: "\(folder)/plan.csv", encoding: .utf8).hasPrefix("id,name,region,"))
        #expect(try Binary.run(["solve", Self.baseline, "-o", "\(folder)/plan.json"]).exitCode == 0)
        #expect(try String(contentsOfFile: "\(folder)/plan.json", encoding: .utf8).hasPrefix("{"))
        let clash = try Binary.run(["solve", Self.baseline, "--format", "json", "-o", "\(folder)/other.csv"])
        #expect(clash.exitCode == 64 && clash.stderr.contains("--format json does not match the output file"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["plan.csv", "plan.json"])
    }

    @Test func durationsTyposRangesAndListsAreReadOrExplained() throws {
        #expect(try Binary.run(["solve", Self.baseline, "--time-limit", "30s", "--format", "json"]).exitCode == 0)
        let badLimit = try Binary.run(["solve", Self.baseline, "--time-limit", "soon"])
        #expect(badLimit.exitCode == 64 && badLimit.stderr.contains("--time-limit <duration>"))
        let typo = try Binary.run(["solev", Self.baseline])
        #expect(typo.exitCode == 64 && typo.stderr.contains("unknown command 'solev' (did you mean 'solve'?)"))
        let dash = try Binary.run(["frontier", Self.baseline, "--budget", "9600万-1.36亿"])
        #expect(dash.exitCode == 64 && dash.stderr.contains("a range is FROM:TO:STEPS, e.g. 9600万:1.36亿:5"))
        let separators = try Binary.run(["sweep", Self.baseline, "--vary", "budget.total=1,000,000,2,000,000"])
        #expect(separators.exitCode == 64 && separators.stderr.contains("cannot carry thousands separators"))
        #expect(separators.stdout.isEmpty)
        let twoBad = try Binary.run(["sweep", Self.baseline, "--vary", "budget.total=1:2", "--vary", "budget.unit=1:3:x"])
        #expect(twoBad.exitCode == 64)
        #expect(twoBad.stderr.components(separatedBy: "a range is FROM:TO:STEPS").count == 2)   // each reported once
        #expect(twoBad.stderr.contains("STEPS must be a whole number"))
    }
}

/// Output for scripts (issue 17, item 9): safe column names, the same shape for every
/// scenario, numbers as numbers.
struct ScriptOutputTests {
    @Test func sweepColumnsAreIdentifiersAndJSONLinesHoldNumbers() throws {
        let csv = try Binary.run(["sweep", "scenarios/xianyang-baseline.yaml", "--vary", "budget.total=1亿,1.2亿",
                                  "--vary", "regions.旬邑县.households.min=1700"])
        #expect(csv.exitCode == 0)
        let lines = csv.stdout.split(separator: "\r\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(Array(header.prefix(12)) == ["point", "budget_total", "regions_旬邑县_households_min", "status", "gap",
                                             "term1", "term2", "term3", "funds_yuan", "households", "persons", "score"])
        #expect(header.contains("households_旬邑县") && header.contains("funds_yuan_长武县") && header.last == "funded")
        #expect(header.allSatisfy { !$0.contains(" ") && !$0.contains(".") })
        #expect(lines[1].hasPrefix("1,100000000,1700,optimal,"))
        // Another scenario, other terms: the same term columns.
        let other = try Binary.run(["sweep", "scenarios/xianyang-coverage-first.yaml", "--vary", "budget.total=1.2亿"])
        #expect(other.stdout.hasPrefix("point,budget_total,status,gap,term1,"))
        let jsonl = try Binary.run(["sweep", "scenarios/xianyang-baseline.yaml", "--vary", "budget.total=1.2亿", "--format", "jsonl"])
        let row = try #require(try JSONSerialization.jsonObject(with: Data(jsonl.stdout.utf8)) as? [String: Any])
        let values = try #require(row["values"] as? [String: Any])
        #expect((values["budget.total"] as? NSNumber)?.int64Value == 120_000_000)
        #expect(row["score"] is NSNumber && row["persons"] is NSNumber && row["regions"] is [Any])
    }
}

/// Progress (issue 17, item 10): on a terminal a bar; with --progress, plain lines on stderr;
/// otherwise nothing, so that scripts read clean output.
struct ProgressTests {
    @Test func longCommandsSayWhatTheyDoWhenAskedAndNothingOtherwise() throws {
        let baseline = "scenarios/xianyang-baseline.yaml"
        let explain = try Binary.run(["explain", baseline, "--project", "P30", "--progress"])
        #expect(explain.exitCode == 0 && explain.stderr.contains("re-solve 1/1\n"))
        let quiet = try Binary.run(["explain", baseline, "--project", "P30"])
        #expect(quiet.stderr.isEmpty && quiet.stdout == explain.stdout)
        let diagnosis = try Binary.run(["solve", "Tests/fundallocEndToEndTests/Fixtures/infeasible.yaml", "--progress", "--format", "json"])
        #expect(diagnosis.exitCode == 3)
        #expect(diagnosis.stderr.hasPrefix("stage 1/"))
        #expect(diagnosis.stderr.contains("no plan satisfies every rule: diagnosing why\n"))
        let compare = try Binary.run(["compare", baseline, "scenarios/xianyang-budget-cut-20.yaml", "--progress"])
        #expect(compare.stderr == "1/2\n2/2\n")
    }
}

/// `--format xlsx` through the binary: each command's workbook holds its CSV's table (numbers
/// as numbers), after a cover sheet; without `-o` it is a usage error.
struct WorkbookEndToEndTests {
    static let commands: [[String]] = [
        ["sweep", "scenarios/xianyang-baseline.yaml", "--vary", "budget.total=1亿,1.2亿"],
        ["frontier", "scenarios/xianyang-baseline.yaml", "--budget", "1.1亿:1.2亿:2"],
        ["compare", "scenarios/xianyang-baseline.yaml", "scenarios/xianyang-budget-cut-20.yaml"],
        ["robust", "scenarios/xianyang-uncertain.yaml", "--samples", "3"],
    ]

    @Test(arguments: commands)
    func aCommandsWorkbookHoldsItsCSV(_ command: [String]) throws {
        let csv = try Binary.run(command + ["--format", "csv", "--lang", "en"])
        #expect(csv.exitCode == 0, "\(csv.stderr)")
        let path = Paths.temporaryFolder() + "/out.xlsx"
        let r = try Binary.run(command + ["-o", path, "--lang", "en"])
        #expect(r.exitCode == 0 && r.stdout.isEmpty, "\(r.stderr)")
        var errors: [Diagnostic] = []
        let sheets = try #require(WorkbookReader.textSheets(path: path, errors: &errors), "\(errors)")
        #expect(sheets.count == 2 && sheets[0].name == "Summary")
        let expected = CSVText.rows(csv.stdout.hasPrefix("\u{FEFF}") ? String(csv.stdout.dropFirst()) : csv.stdout)
        let rows = sheets[1].rows
        #expect(rows.count == expected.count)
        for (row, want) in zip(rows, expected) {
            for (c, text) in want.enumerated() {
                let got = c < row.count ? row[c] : ""
                if let a = Double(got), let b = Double(text) {
                    #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(command[0]) \(want[0]) column \(c): \(got) ≠ \(text)")
                } else {
                    #expect(got == text, "\(command[0]) \(want[0]) column \(c)")
                }
            }
        }
    }

    @Test func aWorkbookNeedsAFile() throws {
        let r = try Binary.run(["solve", "scenarios/xianyang-baseline.yaml", "--format", "xlsx"])
        #expect(r.exitCode == 64 && r.stdout.isEmpty && r.stderr.contains("-o FILE.xlsx"), "\(r.stderr)")
        let folder = Paths.temporaryFolder()
        let missing = try Binary.run(["solve", "scenarios/xianyang-baseline.yaml", "-o", "\(folder)/no/plan.xlsx"])
        #expect(missing.exitCode == 73 && missing.stderr.contains("does not exist"), "\(missing.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
