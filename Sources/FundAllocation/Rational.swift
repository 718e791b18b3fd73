import BigInt

/// An exact rational number, always in lowest terms with a positive denominator.
///
/// Money, households, scores and shares are kept exact in the domain: every input number is a
/// finite decimal, so a plan can be re-checked against every rule without rounding error.
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Numerator (carries the sign).
    public let numerator: BigInt
    /// Denominator, always > 0.
    public let denominator: BigInt

    /// Zero.
    public static let zero = Rational(0)
    /// One.
    public static let one = Rational(1)

    /// An integer.
    public init(_ value: Int) {
        numerator = BigInt(value)
        denominator = 1
    }

    /// An integer given as a big integer.
    public init(_ value: BigInt) {
        numerator = value
        denominator = 1
    }

    /// `numerator / denominator`, reduced; the denominator must not be zero.
    public init(_ numerator: BigInt, _ denominator: BigInt) {
        precondition(!denominator.isZero, "Rational with zero denominator")
        var n = numerator, d = denominator
        if d.sign == .minus { n = -n; d = -d }
        let g = n.greatestCommonDivisor(with: d)
        if g > 1 { n /= g; d /= g }
        self.numerator = n
        self.denominator = d
    }

    /// True when the value is a whole number.
    public var isInteger: Bool { denominator == 1 }
    /// True when the value is < 0.
    public var isNegative: Bool { numerator.sign == .minus && !numerator.isZero }
    /// True when the value is 0.
    public var isZero: Bool { numerator.isZero }

    /// The nearest Double (exact up to Double's precision).
    public var doubleValue: Double {
        if denominator == 1 { return Double(numerator) }
        // Scale so that the integer division keeps 64 significant bits.
        let shift = max(0, 64 - (numerator.magnitude.bitWidth - denominator.magnitude.bitWidth))
        let q = (numerator << shift) / denominator
        return Double(q) / pow2(shift)
    }

    /// The largest integer ≤ self.
    public var floor: BigInt {
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        return (r.sign == .minus && !r.isZero) ? q - 1 : q
    }

    /// The smallest integer ≥ self.
    public var ceiling: BigInt { -((-self).floor) }

    /// The integer nearest to self (halves round away from zero).
    public var rounded: BigInt {
        let twice = Rational(numerator * 2 + (isNegative ? -denominator : denominator), denominator * 2)
        return isNegative ? twice.ceiling : twice.floor
    }

    /// The value as Int64 when it is a whole number that fits.
    public var int64Value: Int64? {
        guard isInteger else { return nil }
        return Int64(exactly: numerator)
    }

    /// The absolute value.
    public var magnitude: Rational { isNegative ? -self : self }

    /// A decimal text with at most `places` decimals, trailing zeros removed (rounded half away from zero).
    public func decimalString(places: Int = 6) -> String {
        let scale = BigInt(10).power(places)
        let scaled = Rational(numerator * scale, denominator).rounded
        let negative = scaled.sign == .minus && !scaled.isZero
        var digits = String(scaled.magnitude)
        if places > 0 {
            while digits.count <= places { digits = "0" + digits }
            let cut = digits.index(digits.endIndex, offsetBy: -places)
            var fraction = String(digits[cut...])
            let whole = String(digits[..<cut])
            while fraction.hasSuffix("0") { fraction.removeLast() }
            digits = fraction.isEmpty ? whole : whole + "." + fraction
        }
        return negative ? "-" + digits : digits
    }

    public var description: String { decimalString(places: 9) }

    public static func + (a: Rational, b: Rational) -> Rational {
        if a.denominator == b.denominator {
            return Rational(a.numerator + b.numerator, a.denominator)
        }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }
    public static prefix func - (a: Rational) -> Rational {
        Rational(unreduced: -a.numerator, a.denominator)
    }
    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }
    public static func / (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator, a.denominator * b.numerator)
    }
    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }
    public static func < (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// The largest rational g such that a and b are both whole multiples of g (gcd(a, 0) = |a|).
    public static func gcd(_ a: Rational, _ b: Rational) -> Rational {
        if a.isZero { return b.magnitude }
        if b.isZero { return a.magnitude }
        let n = a.numerator.magnitude.greatestCommonDivisor(with: b.numerator.magnitude)
        let d = a.denominator.magnitude / a.denominator.magnitude.greatestCommonDivisor(with: b.denominator.magnitude)
            * b.denominator.magnitude
        return Rational(BigInt(n), BigInt(d))
    }

    private init(unreduced n: BigInt, _ d: BigInt) {
        numerator = n
        denominator = d
    }
}

private func pow2(_ k: Int) -> Double {
    var result = 1.0
    for _ in 0..<k { result *= 2 }
    return result
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational {
    /// `numerator / denominator` for machine integers; the denominator must not be zero.
    public init(_ numerator: Int, _ denominator: Int) { self.init(BigInt(numerator), BigInt(denominator)) }

    /// An Int64 value.
    public init(_ value: Int64) { self.init(BigInt(value)) }
}

extension Sequence where Element == Rational {
    /// The exact sum.
    public func sum() -> Rational { reduce(Rational.zero, +) }
}
