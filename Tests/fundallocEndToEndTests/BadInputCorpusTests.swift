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
}
