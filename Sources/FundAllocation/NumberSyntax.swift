import Foundation
import BigInt

/// Reads numbers as planners write them.
///
/// Accepted: a plain decimal with optional sign and exponent (`-3.5`, `1e8`); digits grouped by
/// thousands separators in groups of three (`12,000`); an optional `万` (×10⁴) or `亿` (×10⁸)
/// multiplier; an optional `元` suffix and `¥` prefix. Full-width digits and punctuation read as
/// ASCII (`１００万`). Values beyond ±10¹⁵ (and exponents beyond ±30) are refused: no amount a
/// fund could hold is that large, and they would only come from a typo or a corrupt file.
public enum NumberSyntax {
    /// A duration in seconds: a number, or a number with a unit — `30s`, `2m` (or `2min`),
    /// `1h`, `500ms`. Nil unless it is positive and finite.
    public static func duration(_ text: String) -> Double? {
        var s = text.trimmingSpaces().lowercased()
        var factor = 1.0
        for (suffix, f) in [("ms", 0.001), ("s", 1.0), ("min", 60.0), ("m", 60.0), ("h", 3600.0)] where s.hasSuffix(suffix) {
            factor = f
            s.removeLast(suffix.count)
            break
        }
        guard case .success(let v) = number(s.trimmingSpaces()), !v.isNegative, !v.isZero else { return nil }
        let seconds = v.doubleValue * factor
        return seconds.isFinite ? seconds : nil
    }

    /// The largest magnitude accepted, 10¹⁵.
    public static let limit = Rational(BigInt(10).power(15))

    /// Why a text is not a number.
    public enum Failure: Error, Equatable, Sendable {
        case notANumber(String)
        case badSeparators(String)
        case tooLarge(String)
        case notWholeYuan(String)
        case negative(String)

        /// A sentence for the planner.
        public var message: Message {
            switch self {
            case .notANumber(let t): return "'\(t)' is not a number"
            case .badSeparators(let t): return "'\(t)': thousands separators must split digits into groups of three"
            case .tooLarge(let t): return "'\(t)' is too large (the limit is 10^15)"
            case .notWholeYuan(let t): return "'\(t)' is not a whole number of yuan"
            case .negative(let t): return "'\(t)' must not be negative"
            }
        }
    }

    /// Parses any number (money syntax included).
    public static func number(_ text: String) -> Result<Rational, Failure> {
        // Fast refusal: a number has a digit (ASCII or full-width).
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
            || text.unicodeScalars.contains(where: { (0xFF10...0xFF19).contains($0.value) })
        else { return .failure(.notANumber(text)) }
        // Fast path: plain digits (most cells of a project table).
        if text.utf8.count <= 15, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {   // < 10¹⁵
            return .success(Rational(Int64(text)!))
        }
        var s = ""
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            s = text
        } else {
            s = fullWidthToASCII(text)
        }
        return parse(s.trimmingSpaces(), original: text)
    }

    private static func fullWidthToASCII(_ text: String) -> String {
        var s = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: s.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E: s.append(".")
            case 0xFF0C: s.append(",")
            case 0xFF0D, 0x2212: s.append("-")
            case 0xFF0B: s.append("+")
            case 0xFFE5, 0xA5: s.append("¥")
            case 0x3000: s.append(" ")
            default: s.unicodeScalars.append(scalar)
            }
        }
        return s
    }

    private static func parse(_ trimmed: String, original text: String) -> Result<Rational, Failure> {
        var s = trimmed
        if s.hasPrefix("¥") { s.removeFirst(); s = s.trimmingSpaces() }
        if s.hasSuffix("元") { s.removeLast(); s = s.trimmingSpaces() }
        var multiplier = Rational.one
        if s.hasSuffix("万") { multiplier = Rational(10_000); s.removeLast() }
        else if s.hasSuffix("亿") { multiplier = Rational(100_000_000); s.removeLast() }
        s = s.trimmingSpaces()
        guard let core = parseCore(s, original: text) else { return .failure(.notANumber(text)) }
        switch core {
        case .failure(let f): return .failure(f)
        case .success(let value):
            let result = value * multiplier
            if result.magnitude > limit { return .failure(.tooLarge(text)) }
            return .success(result)
        }
    }

    /// Parses an amount of money: a number that is a whole number of yuan ≥ 0.
    public static func money(_ text: String) -> Result<Int64, Failure> {
        switch number(text) {
        case .failure(let f): return .failure(f)
        case .success(let value):
            if value.isNegative { return .failure(.negative(text)) }
            guard value.isInteger, let yuan = value.int64Value else { return .failure(.notWholeYuan(text)) }
            return .success(yuan)
        }
    }

    /// Reads `true`/`yes`/`1` and `false`/`no`/`0` (any case); nil for anything else.
    public static func boolean(_ text: String) -> Bool? {
        guard text.utf8.count <= 16 else { return nil }   // longer than any boolean word with spaces
        switch text.trimmingSpaces().lowercased() {
        case "true", "yes", "1", "是": return true
        case "false", "no", "0", "否": return false
        default: return nil
        }
    }

    private static func parseCore(_ s: String, original: String) -> Result<Rational, Failure>? {
        var chars = Array(s.utf8)
        guard !chars.isEmpty else { return nil }
        var negative = false
        if chars[0] == UInt8(ascii: "+") || chars[0] == UInt8(ascii: "-") {
            negative = chars[0] == UInt8(ascii: "-")
            chars.removeFirst()
        }
        // Split mantissa and exponent.
        var exponent = 0
        if let e = chars.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            let expPart = chars[(e + 1)...]
            guard let exp = Int(String(decoding: expPart, as: UTF8.self)), !expPart.isEmpty,
                  expPart.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") })
            else { return nil }
            if abs(exp) > 30 { return .failure(.tooLarge(original)) }
            exponent = exp
            chars = Array(chars[..<e])
        }
        var whole = chars, fraction: [UInt8] = []
        if let dot = chars.firstIndex(of: UInt8(ascii: ".")) {
            whole = Array(chars[..<dot])
            fraction = Array(chars[(dot + 1)...])
            guard !fraction.isEmpty, fraction.allSatisfy(isDigit) else { return nil }
        }
        guard !whole.isEmpty else { return nil }
        if whole.contains(UInt8(ascii: ",")) {
            let groups = whole.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }) else { return nil }
            guard exponent == 0, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return .failure(.badSeparators(original)) }
            whole = whole.filter { $0 != UInt8(ascii: ",") }
        }
        guard whole.allSatisfy(isDigit) else { return nil }
        if whole.count + fraction.count > 60 { return .failure(.tooLarge(original)) }
        let digits = BigInt(String(decoding: whole + fraction, as: UTF8.self))!
        let scale = exponent - fraction.count
        var value = scale >= 0
            ? Rational(digits * BigInt(10).power(scale))
            : Rational(digits, BigInt(10).power(-scale))
        if negative { value = -value }
        return .success(value)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}

extension String {
    /// The string without leading and trailing white space (ASCII, ideographic and other Unicode spaces).
    public func trimmingSpaces() -> String {
        // Fast path: nothing to trim when both ends are printable ASCII.
        if let f = utf8.first, let l = utf8.last, f > 0x20 && f < 0x7F, l > 0x20 && l < 0x7F { return self }
        if let f = unicodeScalars.first, let l = unicodeScalars.last, !f.properties.isWhitespace, !l.properties.isWhitespace {
            return self
        }
        var scalars = Substring(self).unicodeScalars[...]
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

extension Double {
    /// The number with `digits` decimals, exactly as `String(format: "%.<digits>f")` writes it,
    /// mostly without Foundation's formatter: its first call costs ≈ 1.1 ms of a process
    /// (measured, release build), and every solve writes its log lines.
    public func fixed(_ digits: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let raw = magnitude * Double(scale)
        // printf rounds the exact binary value; the product may be an ulp off it, which matters
        // only next to a half: those, large and non-finite numbers go to the formatter.
        guard isFinite, raw < 1e9, abs(raw - raw.rounded(.down) - 0.5) > 1e-6 else {
            return String(format: "%.\(digits)f", self)
        }
        let n = Int64(raw.rounded())
        let fraction = String(n % scale)
        return (sign == .minus ? "-" : "") + String(n / scale)
            + (digits > 0 ? "." + String(repeating: "0", count: digits - fraction.count) + fraction : "")
    }
}
