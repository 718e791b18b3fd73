import Foundation
import Testing
import TestSupport

/// The bad-input corpus (Corpus/cases.tsv): broken scenarios and project files as planners'
/// machines produce them, each with the exit code and a phrase of the message it must get.
/// Also the seed corpus of the fuzzing script (scripts/fuzz.sh).
struct BadInputCorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var exit: Int32
        var expected: String
        var testDescription: String { name }
    }

    static let folder = "Tests/fundallocEndToEndTests/Corpus"

    static let cases: [Case] = {
        let text = try! String(contentsOfFile: Paths.repositoryFile("\(folder)/cases.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let arguments = parts[1].split(separator: " ").map { word in
                word.hasSuffix(".yaml") ? "\(folder)/\(word)" : String(word)
            }
            return Case(name: parts[0], arguments: arguments, exit: Int32(parts[2])!, expected: parts.count > 3 ? parts[3] : "")
        }
    }()

    @Test func theCorpusHasAtLeastFortyCases() {
        #expect(Self.cases.count >= 40)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }

    @Test(arguments: cases)
    func eachBadInputGetsItsMessageAndExitCode(_ c: Case) throws {
        let result = try Binary.run(c.arguments)
        #expect(result.exitCode == c.exit, "\(result.stderr)")
        #expect(result.stdout.contains(c.expected) || result.stderr.contains(c.expected), "\(result.stderr)\(result.stdout.prefix(300))")
        // Never a crash, never GLPK's own abort text.
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("glp_") && result.exitCode < 128)
        if c.exit == 65 { #expect(result.stdout.isEmpty) }
    }

    /// In a Chinese locale every message line says something in Chinese (a message with no
    /// catalog entry would stay English), with the same exit code.
    @Test(arguments: cases.filter { $0.exit != 0 })
    func eachBadInputIsExplainedInChinese(_ c: Case) throws {
        let result = try Binary.run(c.arguments, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(result.exitCode == c.exit, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("Usage:") && !$0.hasPrefix("  See") && !$0.isEmpty }
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) },
                    "not in Chinese: \(line)")
        }
    }
}

/// Limits: a 10⁵-project scenario is handled; a 100 MB file is refused before it is read.
@Suite(.slow)
struct InputLimitTests {
    @Test func aHundredMegabyteFileIsRefusedWithoutReadingIt() throws {
        let folder = Paths.temporaryFolder()
        FileManager.default.createFile(atPath: "\(folder)/huge.csv", contents: Data("id,cost,households\n".utf8))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder)/huge.csv"))
        try handle.truncate(atOffset: 100_000_000)   // sparse: no disk is used
        try handle.close()
        try "format: 1\nbudget: {total: 1亿}\nprojects: huge.csv\n".write(toFile: "\(folder)/s.yaml", atomically: true, encoding: .utf8)
        let result = try Binary.run(["check", "\(folder)/s.yaml"])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("huge.csv: is 100 MB; fundalloc reads files up to 16 MB"))
    }

    @Test func aHundredThousandProjectsAreHandled() throws {
        let folder = Paths.temporaryFolder()
        var csv = "id,county,cost,households\n"
        csv.reserveCapacity(3_000_000)
        for i in 0..<100_000 { csv += "P\(i),C\(i % 56),\((i * 7919) % 590 * 10_000 + 100_000),\(i % 380 + 20)\n" }
        try csv.write(toFile: "\(folder)/p.csv", atomically: true, encoding: .utf8)
        try "format: 1\nbudget: {total: 120亿}\nprojects: p.csv\ncolumns: {region: county}\n"
            .write(toFile: "\(folder)/s.yaml", atomically: true, encoding: .utf8)
        let result = try Binary.run(["check", "\(folder)/s.yaml"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("projects: 100000 (100000 eligible"))
    }
}
