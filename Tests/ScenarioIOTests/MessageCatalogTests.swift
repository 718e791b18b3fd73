import Foundation
import FundAllocation
@testable import ScenarioIO
import Testing
import TestSupport

/// Every message a person may read has its Chinese (`Message.chinese`), with the same
/// arguments; English output is the template as written.
struct MessageCatalogTests {
    /// The literals passed where a `Message` is taken, found by reading the sources: a string
    /// literal on a line that calls a function taking a message (or on the line after one
    /// ending in `(`), with `\(…)` turned into `{}`. Literals without a space are keys or
    /// ids (`budget.total`) and need no translation.
    static func templatesInSources() throws -> [(file: String, template: String)] {
        let calls = ["log.error(", "log.warning(", "log.note(", ".error(", ".warning(", ".note(", "fail(",
                     "Diagnostic(", "reader.", "Message", "mapping(", "sequence(", "readBound", "readFilter(",
                     "readMetric(", "readPeriodReference(", "Console.usage(", "Console.error(", "hint(", "problem", "reason:"]
        var found: [(String, String)] = []
        let root = Paths.repository.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        for file in files.sorted() where !file.hasSuffix("Message+ChineseCatalog.swift") {
            let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() {
                let context = i > 0 ? String(lines[i - 1]) + String(line) : String(line)
                for literal in stringLiterals(in: String(line)) {
                    let before = String(line.prefix(upTo: line.range(of: "\"")!.lowerBound))
                    let callsHere = calls.contains { before.contains($0) }
                        || (before.trimmingCharacters(in: .whitespaces).isEmpty && calls.contains { context.contains($0) })
                    if callsHere && literal.contains(" ") && literal.contains(where: \.isLetter) { found.append((file, literal)) }
                }
            }
        }
        return found
    }

    /// The string literals of one line as templates (`\(…)` → `{}`, `\"` → `"`).
    static func stringLiterals(in line: String) -> [String] {
        var result: [String] = []
        var chars = Array(line)[...]
        while let start = chars.firstIndex(of: "\"") {
            chars = chars[(start + 1)...]
            var text = ""
            var closed = false
            while let c = chars.first {
                chars = chars.dropFirst()
                if c == "\"" { closed = true; break }
                if c == "\\", let next = chars.first {
                    chars = chars.dropFirst()
                    if next == "(" {
                        var depth = 1
                        while depth > 0, let d = chars.first {
                            chars = chars.dropFirst()
                            if d == "(" { depth += 1 } else if d == ")" { depth -= 1 } else if d == "\"" {
                                // A literal inside the interpolation: skip it whole.
                                while let e = chars.first { chars = chars.dropFirst(); if e == "\"" { break } }
                            }
                        }
                        text += "{}"
                    } else {
                        text += next == "n" ? "\n" : String(next)
                    }
                } else {
                    text.append(c)
                }
            }
            if closed { result.append(text) } else { break }
        }
        return result
    }

    /// How many arguments a template uses: `{}` in order, or `{N}` by position.
    static func argumentCount(_ template: String) -> Int {
        var count = 0
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let inside = rest[rest.index(after: open)..<close]
            if inside.isEmpty { count += 1 } else if let i = Int(inside) { count = max(count, i + 1) }
            rest = rest[rest.index(after: close)...]
        }
        return count
    }

    @Test func everyMessageInTheSourcesHasItsChinese() throws {
        let templates = try Self.templatesInSources()
        #expect(templates.count > 150, "the scan found \(templates.count) messages: has the way messages are written changed?")
        for (file, template) in templates {
            #expect(Message.chinese[template] != nil, "\(file): no Chinese for \"\(template)\"")
        }
    }

    @Test func eachTranslationTakesTheSameArguments() {
        for (english, chinese) in Message.chinese {
            #expect(Self.argumentCount(english) == Self.argumentCount(chinese), "\(english) → \(chinese)")
        }
    }

    @Test func nestedMessagesAndReorderedArgumentsAreTranslated() {
        let what: Message = "source '\("s1")' amount"
        let message: Message = "\(what): \(NumberSyntax.Failure.notANumber("abc").message)"
        #expect(message.text(in: .en) == "source 's1' amount: 'abc' is not a number")
        #expect(message.text(in: .zh) == "资金来源 's1' 的金额：'abc' 不是数字")
        let unknown: Message = "unknown key '\("totl")' in \("budget")\(KeySuggestion.hint(for: "totl", in: ["total"])); expected one of: \("total")"
        #expect(unknown.text(in: .en) == "unknown key 'totl' in budget (did you mean 'total'?); expected one of: total")
        #expect(unknown.text(in: .zh) == "budget 中有未知的键 'totl'（是否想写 'total'？）；可用的键：total")
        // Arguments are shown as written, even when they look like templates.
        let verbatim: Message = "point \("{}"): \(Message.verbatim("x {0}"))"
        #expect(verbatim.text(in: .zh) == "第 {} 点：x {0}")
    }

    @Test func everyNumberFailureAndValueKindIsTranslated() {
        let failures: [NumberSyntax.Failure] = [.notANumber("x"), .badSeparators("1,00"), .tooLarge("1e99"), .notWholeYuan("1.5"), .negative("-1")]
        for f in failures { #expect(Message.chinese[f.message.template] != nil, "\(f.message)") }
        for kind in ["null", "a value", "a map", "a list"] { #expect(Message.chinese[kind] != nil) }
    }

    @Test func aWarningIsLabelledInItsLanguage() {
        let d = Diagnostic(.warning, SourceLocation(file: "s.yaml", line: 3), "source '\("s1")' may fund no project: its \("100") yuan cannot be used")
        #expect(d.text(in: .en) == d.description)
        #expect(d.text(in: .zh) == "s.yaml:3: 警告：资金来源 's1' 没有可资助的项目：其 100 元无法使用")
    }
}
