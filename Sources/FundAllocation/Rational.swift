import BigInt

/// An exact rational number, always in lowest terms with a positive denominator.
///
/// Money, households, scores and shares are kept exact in the domain: every input number is a
/// finite decimal, so a plan can be re-checked against every rule without rounding error.
/// Values whose numerator and denominator fit in 64 bits (nearly all of them) are computed
/// with machine integers; anything larger moves to arbitrary precision on overflow.
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    private enum Storage: Hashable, Sendable {
        case small(Int64, Int64)          // reduced, denominator > 0
        case big(BigInt, BigInt)          // reduced, denominator > 0, does not fit `small`
    }

    private let storage: Storage

    /// Zero.
    public static let zero = Rational(small: 0, 1)
    /// One.
    public static let one = Rational(small: 1, 1)

    private init(small n: Int64, _ d: Int64) { storage = .small(n, d) }

    /// An integer.
    public init(_ value: Int) { storage = .small(Int64(value), 1) }

    /// An Int64 value.
    public init(_ value: Int64) { storage = .small(value, 1) }

    /// An integer given as a big integer.
    public init(_ value: BigInt) { self.init(value, BigInt(1)) }

    /// `numerator / denominator` for machine integers; the denominator must not be zero.
    public init(_ numerator: Int, _ denominator: Int) { self.init(BigInt(numerator), BigInt(denominator)) }

    /// `numerator / denominator`, reduced; the denominator must not be zero.
    public init(_ numerator: BigInt, _ denominator: BigInt) {
        precondition(!denominator.isZero, "Rational with zero denominator")
        var n = numerator, d = denominator
        if d.sign == .minus { n = -n; d = -d }
        let g = BigInt(n.magnitude.greatestCommonDivisor(with: d.magnitude))
        if g > 1 { n /= g; d /= g }
        if let sn = Int64(exactly: n), let sd = Int64(exactly: d), sn != .min {
            storage = .small(sn, sd)
        } else {
            storage = .big(n, d)
        }
    }

    /// Reduces a machine-integer fraction (d ≠ 0); nil when it cannot be represented small.
    private static func reduced(_ n: Int64, _ d: Int64) -> Rational? {
        guard n != .min, d != .min else { return nil }
        var n = n, d = d
        if d < 0 { n = -n; d = -d }
        let g = gcd64(n.magnitude, d.magnitude)
        if g > 1 { n /= Int64(g); d /= Int64(g) }
        return Rational(small: n, d)
    }

    private static func gcd64(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var a = a, b = b
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// Numerator (carries the sign).
    public var numerator: BigInt {
        switch storage {
        case .small(let n, _): return BigInt(n)
        case .big(let n, _): return n
        }
    }

    /// Denominator, always > 0.
    public var denominator: BigInt {
        switch storage {
        case .small(_, let d): return BigInt(d)
        case .big(_, let d): return d
        }
    }

    /// True when the value is a whole number.
    public var isInteger: Bool {
        switch storage {
        case .small(_, let d): return d == 1
        case .big(_, let d): return d == 1
        }
    }

    /// True when the value is < 0.
    public var isNegative: Bool {
        switch storage {
        case .small(let n, _): return n < 0
        case .big(let n, _): return n.sign == .minus && !n.isZero
        }
    }

    /// True when the value is 0.
    public var isZero: Bool {
        switch storage {
        case .small(let n, _): return n == 0
        case .big(let n, _): return n.isZero
        }
    }

    /// The nearest Double (exact up to Double's precision).
    public var doubleValue: Double {
        switch storage {
        case .small(let n, let d):
            if d == 1 { return Double(n) }
            if n.magnitude < (1 << 53) && d < (1 << 53) { return Double(n) / Double(d) }
            return Rational.bigDouble(BigInt(n), BigInt(d))
        case .big(let n, let d):
            return Rational.bigDouble(n, d)
        }
    }

    private static func bigDouble(_ n: BigInt, _ d: BigInt) -> Double {
        if d == 1 { return Double(n) }
        // Scale so that the integer division keeps 64 significant bits.
        let shift = max(0, 64 - (n.magnitude.bitWidth - d.magnitude.bitWidth))
        let q = (n << shift) / d
        var scale = 1.0
        for _ in 0..<shift { scale *= 2 }
        return Double(q) / scale
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
        let half = Rational(1, 2)
        return isNegative ? (self - half).ceiling : (self + half).floor
    }

    /// The value as Int64 when it is a whole number that fits.
    public var int64Value: Int64? {
        switch storage {
        case .small(let n, let d): return d == 1 ? n : nil
        case .big: return nil
        }
    }

    /// The absolute value.
    public var magnitude: Rational { isNegative ? -self : self }

    /// A decimal text with at most `places` decimals, trailing zeros removed (rounded half away from zero).
    public func decimalString(places: Int = 6) -> String {
        // Reports print thousands of these: a small value with up to 18 places fits Int128
        // (|n|·10¹⁸ < 2¹²⁶), which is far cheaper than BigInt's arithmetic and printing.
        if case .small(let n, let d) = storage, (0...18).contains(places) {
            var scale: Int128 = 1
            for _ in 0..<places { scale *= 10 }
            let (q, r) = (Int128(n.magnitude) * scale).quotientAndRemainder(dividingBy: Int128(d))
            let rounded = 2 * r >= Int128(d) ? q + 1 : q
            return Rational.decimal(digits: String(rounded), places: places, negative: n < 0 && rounded != 0)
        }
        return decimalStringExactly(places: places)
    }

    /// `decimalString` in BigInt arithmetic, for any value (and the reference its fast path is
    /// tested against).
    public func decimalStringExactly(places: Int) -> String {
        let scaled = Rational(numerator * BigInt(10).power(places), denominator).rounded
        return Rational.decimal(digits: String(scaled.magnitude), places: places,
                                negative: scaled.sign == .minus && !scaled.isZero)
    }

    /// `digits` (a whole number of 10⁻ᵖˡᵃᶜᵉˢ) as a decimal with trailing zeros removed.
    private static func decimal(digits: String, places: Int, negative: Bool) -> String {
        var digits = digits
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places + 1 - digits.count) + digits }
            let cut = digits.index(digits.endIndex, offsetBy: -places)
            var fraction = digits[cut...]
            while fraction.last == "0" { fraction.removeLast() }
            let whole = digits[..<cut]
            digits = fraction.isEmpty ? String(whole) : whole + "." + fraction
        }
        return negative ? "-" + digits : digits
    }

    public var description: String { decimalString(places: 9) }

    public static func + (a: Rational, b: Rational) -> Rational {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            if ad == bd {
                let (s, o) = an.addingReportingOverflow(bn)
                if !o, let r = reduced(s, ad) { return r }
            } else {
                let (x, o1) = an.multipliedReportingOverflow(by: bd)
                let (y, o2) = bn.multipliedReportingOverflow(by: ad)
                let (d, o3) = ad.multipliedReportingOverflow(by: bd)
                if !o1 && !o2 && !o3 {
                    let (s, o4) = x.addingReportingOverflow(y)
                    if !o4, let r = reduced(s, d) { return r }
                }
            }
        }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    public static prefix func - (a: Rational) -> Rational {
        switch a.storage {
        case .small(let n, let d): return Rational(small: -n, d)   // n ≠ Int64.min by construction
        case .big(let n, let d): return Rational(-n, d)
        }
    }

    public static func * (a: Rational, b: Rational) -> Rational {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            // Cross-reduce first to keep the products small.
            let g1 = Int64(gcd64(an.magnitude, bd.magnitude)), g2 = Int64(gcd64(bn.magnitude, ad.magnitude))
            let n1 = g1 > 1 ? an / g1 : an, d2 = g1 > 1 ? bd / g1 : bd
            let n2 = g2 > 1 ? bn / g2 : bn, d1 = g2 > 1 ? ad / g2 : ad
            let (n, o1) = n1.multipliedReportingOverflow(by: n2)
            let (d, o2) = d1.multipliedReportingOverflow(by: d2)
            if !o1 && !o2 && n != .min { return Rational(small: n, d) }
        }
        return Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "Rational division by zero")
        switch b.storage {
        case .small(let n, let d) where n != .min:
            return a * (n < 0 ? Rational(small: -d, -n) : Rational(small: d, n))
        default:
            return Rational(a.numerator * b.denominator, a.denominator * b.numerator)
        }
    }

    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }

    public static func < (a: Rational, b: Rational) -> Bool {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            // Compare an·bd with bn·ad as 128-bit products (high word signed, low unsigned).
            let left = an.multipliedFullWidth(by: bd), right = bn.multipliedFullWidth(by: ad)
            return (left.high, left.low) < (right.high, right.low)
        }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// The largest rational g such that a and b are both whole multiples of g (gcd(a, 0) = |a|).
    public static func gcd(_ a: Rational, _ b: Rational) -> Rational {
        if a.isZero { return b.magnitude }
        if b.isZero { return a.magnitude }
        // Both small (the model's coefficients almost always are): gcd of the numerators over
        // the lcm of the denominators in machine integers, BigInt only on overflow.
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            let n = gcd64(an.magnitude, bn.magnitude)
            let (lcm, overflow) = (ad.magnitude / gcd64(ad.magnitude, bd.magnitude)).multipliedReportingOverflow(by: bd.magnitude)
            if !overflow, n <= UInt64(Int64.max), lcm <= UInt64(Int64.max) {
                return Rational(small: Int64(n), Int64(lcm))   // reduced: gcd(n, lcm) = 1 for reduced inputs
            }
        }
        let n = a.numerator.magnitude.greatestCommonDivisor(with: b.numerator.magnitude)
        let d = a.denominator.magnitude / a.denominator.magnitude.greatestCommonDivisor(with: b.denominator.magnitude)
            * b.denominator.magnitude
        return Rational(BigInt(n), BigInt(d))
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Sequence where Element == Rational {
    /// The exact sum.
    public func sum() -> Rational { reduce(Rational.zero, +) }
}

extension Rational {
    /// The exact value as text, `n` or `n/d` (lowest terms): what shard files carry so that
    /// a merge gives the same numbers as one run.
    public var exactText: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    /// Reads `exactText`; nil for anything else.
    public init?(exactText text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let n = BigInt(String(parts[0]), radix: 10) else { return nil }
        let d = parts.count == 2 ? BigInt(String(parts[1]), radix: 10) : BigInt(1)
        guard let d, d > 0 else { return nil }
        self.init(n, d)
    }
}
