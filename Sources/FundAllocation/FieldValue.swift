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
        // ASCII text is already in NFC.
        return trimmed.utf8.allSatisfy({ $0 < 0x80 }) ? trimmed : trimmed.precomposedStringWithCanonicalMapping
    }
}
