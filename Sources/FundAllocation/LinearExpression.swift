/// A sparse linear expression Σ a_i·v_i + c over model columns, with exact coefficients.
public struct LinearExpression: Sendable, Equatable {
    /// Coefficient per column index.
    public private(set) var terms: [Int: Rational] = [:]
    public var constant: Rational = .zero

    public init() {}

    /// Adds `coefficient × column`.
    public mutating func add(_ coefficient: Rational, _ column: Int) {
        guard !coefficient.isZero else { return }
        let sum = (terms[column] ?? .zero) + coefficient
        terms[column] = sum.isZero ? nil : sum
    }

    /// Adds `factor × other`.
    public mutating func add(_ other: LinearExpression, times factor: Rational = .one) {
        guard !factor.isZero else { return }
        for (column, coefficient) in other.terms { add(coefficient * factor, column) }
        constant += other.constant * factor
    }

    /// The terms in column order (determinism: never dictionary order).
    public var sortedTerms: [(column: Int, coefficient: Rational)] {
        terms.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The exact value for column values `x`.
    public func value(_ x: [Rational]) -> Rational {
        terms.reduce(constant) { $0 + $1.value * x[$1.key] }
    }
}
