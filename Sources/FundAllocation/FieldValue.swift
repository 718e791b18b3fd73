import Foundation

/// A project field, attribute or filter operand as written, with its readings as a number and
/// as a boolean (either may be absent).
///
/// Numbers accept money syntax (`500万`, `1,000`); booleans are `true`/`yes`/`1` and
/// `false`/`no`/`0`. Text compares after trimming and Unicode NFC normalisation.
public struct FieldValue: Hashable, Sendable, CustomStringConvertible {
    /// The text, trimmed and NFC-normalised.
    public let text: String
    /// The value as a number, when it reads as one.
    public let number: Rational?
    /// The value as a boolean, when it reads as one.
    public let boolean: Bool?

    public init(_ raw: String) {
        text = raw.normalizedForComparison
        if case .success(let value) = NumberSyntax.number(text) { number = value } else { number = nil }
        boolean = NumberSyntax.boolean(text)
    }

    public var description: String { text }

    /// True when the cell was empty.
    public var isEmpty: Bool { text.isEmpty }
}

extension String {
    /// Trimmed and in Unicode NFC: how ids and text values are compared and stored.
    public var normalizedForComparison: String {
        let trimmed = trimmingSpaces()
        // Text of NFC-stable scalars alone (ASCII, Latin-1, CJK ideographs and punctuation) is
        // already in NFC: Foundation's normalisation of every Chinese name and county cost
        // ≈ 1 ms of loading the Xianyang list.
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) || trimmed.unicodeScalars.allSatisfy(\.isNFCStable) { return trimmed }
        return trimmed.precomposedStringWithCanonicalMapping
    }
}

extension Unicode.Scalar {
    /// In NFC whatever stands beside it: no canonical decomposition, combining class 0, and
    /// nothing composes with it. Below U+0300 (the combining marks), general punctuation but
    /// U+2000/U+2001 (singleton decompositions), CJK symbols but the tone marks U+302A–U+302F,
    /// the CJK ideographs and extension A, and the full-width forms. Tested against Foundation.
    var isNFCStable: Bool {
        switch value {
        case 0..<0x300, 0x2010...0x206F, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFFEF:
            return true
        default:
            return false
        }
    }
}
