/// A sentence for a person, kept as its English template and arguments so that it can be
/// shown in another language (`ScenarioIO`'s `Message.text(in:)`, the Chinese catalog).
///
/// Written as an ordinary string literal: `"duplicate source id '\(id)'"` becomes the template
/// `duplicate source id '{}'` with the argument `id`. An argument that is itself a `Message`
/// (a nested reason such as a number's failure) is translated too; any other argument (ids,
/// numbers, file names, YAML keys) is shown as written in every language.
public struct Message: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// One argument: text shown as written, or a nested message translated with its parent.
    public enum Argument: Hashable, Sendable {
        case verbatim(String)
        case message(Message)
    }

    /// The English text with `{}` for each argument, in order: the key of every translation.
    public let template: String
    public let arguments: [Argument]

    public init(template: String, arguments: [Argument]) {
        self.template = template
        self.arguments = arguments
    }

    public init(stringLiteral value: String) { self.init(template: value, arguments: []) }

    public init(stringInterpolation: StringInterpolation) {
        self.init(template: stringInterpolation.template, arguments: stringInterpolation.arguments)
    }

    /// Text shown as written in every language (a message that came from a library).
    public static func verbatim(_ text: String) -> Message { Message(template: "{}", arguments: [.verbatim(text)]) }

    /// The English sentence.
    public var description: String { render { $0.template } }

    /// The sentence with each template replaced by `translate(message)` (the English template
    /// when it returns nil): `{}` takes the next argument, `{N}` the N-th (0-based), so that a
    /// translation may put them in another order.
    public func render(_ translate: (Message) -> String?) -> String {
        let pattern = translate(self) ?? template
        func argument(_ i: Int) -> String {
            guard arguments.indices.contains(i) else { return "{}" }
            switch arguments[i] {
            case .verbatim(let text): return text
            case .message(let m): return m.render(translate)
            }
        }
        var out = ""
        var next = 0
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let inside = rest[rest.index(after: open)..<close]
            if inside.isEmpty {
                out += argument(next)
                next += 1
            } else if let i = Int(inside) {
                out += argument(i)
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Builds the template and arguments of a string literal with interpolations.
    public struct StringInterpolation: StringInterpolationProtocol {
        var template = ""
        var arguments: [Argument] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            template.reserveCapacity(literalCapacity + 2 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { template += literal }

        public mutating func appendInterpolation(_ message: Message) {
            template += "{}"
            arguments.append(.message(message))
        }

        public mutating func appendInterpolation(_ value: some Any) {
            template += "{}"
            arguments.append(.verbatim("\(value)"))
        }
    }
}
