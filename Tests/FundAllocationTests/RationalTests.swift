import BigInt
import FundAllocation
import Testing
import TestSupport

struct RationalTests {
    @Test func reducesAndKeepsTheSignInTheNumerator() {
        let r = Rational(6, -4)
        #expect(r.numerator == -3 && r.denominator == 2)
        #expect(Rational(0, -5) == .zero)
        #expect(Rational(10, 5).isInteger)
    }

    @Test func arithmeticAgreesWithBigIntegersAcrossTheOverflowBoundary() {
        var rng = SeededGenerator(seed: 7)
        let magnitudes: [Int64] = [1, 7, 1_000_000_007, 3_037_000_499, Int64.max / 3, Int64.max]
        for _ in 0..<2000 {
            let a = (magnitudes.randomElement(using: &rng)!, Int64.random(in: 1...Int64.max, using: &rng) % magnitudes.randomElement(using: &rng)! + 1)
            let b = (magnitudes.randomElement(using: &rng)!, Int64.random(in: 1...Int64.max, using: &rng) % magnitudes.randomElement(using: &rng)! + 1)
            let signA: Int64 = Bool.random(using: &rng) ? 1 : -1, signB: Int64 = Bool.random(using: &rng) ? 1 : -1
            let x = Rational(BigInt(a.0) * BigInt(signA), BigInt(a.1)), y = Rational(BigInt(b.0) * BigInt(signB), BigInt(b.1))
            let (xn, xd, yn, yd) = (BigInt(a.0) * BigInt(signA), BigInt(a.1), BigInt(b.0) * BigInt(signB), BigInt(b.1))
            #expect(x + y == Rational(xn * yd + yn * xd, xd * yd))
            #expect(x - y == Rational(xn * yd - yn * xd, xd * yd))
            #expect(x * y == Rational(xn * yn, xd * yd))
            #expect(x / y == Rational(xn * yd, xd * yn))
            #expect((x < y) == (xn * yd < yn * xd))
            #expect((x + y) - y == x)
        }
    }

    @Test func roundingAndDecimals() {
        #expect(Rational(5, 2).rounded == 3)
        #expect(Rational(-5, 2).rounded == -3)
        #expect(Rational(7, 3).floor == 2 && Rational(-7, 3).floor == -3)
        #expect(Rational(-7, 3).ceiling == -2)
        #expect(Rational(1, 3).decimalString(places: 4) == "0.3333")
        #expect(Rational(2, 3).decimalString(places: 2) == "0.67")
        #expect(Rational(-1, 8).decimalString(places: 2) == "-0.13")
        #expect(Rational(120, 1).decimalString() == "120")
    }

    @Test func decimalsAgreeWithBigIntegerArithmetic() {
        var rng = SeededGenerator(seed: 11)
        let magnitudes: [Int64] = [1, 2, 8, 10, 1_000_000_007, Int64.max / 3, Int64.max]
        var checked = 0
        for _ in 0..<3000 {
            let n = Int64.random(in: 0...Int64.max, using: &rng) % magnitudes.randomElement(using: &rng)!
            let d = Int64.random(in: 1...Int64.max, using: &rng) % magnitudes.randomElement(using: &rng)! + 1
            let places = Int.random(in: 0...18, using: &rng)
            for x in [Rational(BigInt(n), BigInt(d)), Rational(-BigInt(n), BigInt(d))] {
                #expect(x.decimalString(places: places) == x.decimalStringExactly(places: places), "\(n)/\(d), \(places) places")
                checked += 1
            }
        }
        // Exact halves round away from zero; tiny values print as 0, never -0.
        for places in 0...18 {
            let half = Rational(BigInt(5), BigInt(10).power(places + 1))
            #expect(half.decimalString(places: places) == half.decimalStringExactly(places: places))
            #expect((-half).decimalString(places: places) == (-half).decimalStringExactly(places: places))
        }
        #expect(Rational(-1, 1000).decimalString(places: 2) == "0")
        #expect(Rational(-5, 2).decimalString(places: 0) == "-3")
        #expect(Rational(Int64.max).decimalString(places: 18) == "9223372036854775807")
        #expect(checked == 6000)
    }

    @Test func doubleValueIsClose() {
        #expect(Rational(1, 3).doubleValue == 1.0 / 3.0)
        let huge = Rational(BigInt(10).power(30) + 1, BigInt(3))
        #expect(abs(huge.doubleValue / 3.333333333333333e29 - 1) < 1e-15)
    }

    @Test func gcdOfRationals() {
        #expect(Rational.gcd(Rational(1, 2), Rational(1, 3)) == Rational(1, 6))
        #expect(Rational.gcd(Rational(10_000), Rational(3_400_000)) == Rational(10_000))
        #expect(Rational.gcd(.zero, Rational(-4)) == Rational(4))
    }
}

/// `Rational.gcd`'s machine-integer path agrees with the BigInt formula, gcd of numerators
/// over lcm of denominators, on random fractions (and a and b are whole multiples of it).
struct RationalGCDTests {
    @Test func theSmallPathAgreesWithTheBigIntFormula() {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ bound: UInt64) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % bound)
        }
        for _ in 0..<5_000 {
            let a = Rational(next(2_000_000) - 1_000_000, next(100_000) + 1)
            let b = Rational(next(2_000_000) - 1_000_000, next(100_000) + 1)
            let g = Rational.gcd(a, b)
            guard !a.isZero || !b.isZero else { continue }
            let n = a.numerator.magnitude.greatestCommonDivisor(with: b.numerator.magnitude)
            let d = a.denominator.magnitude / a.denominator.magnitude.greatestCommonDivisor(with: b.denominator.magnitude) * b.denominator.magnitude
            let expected = a.isZero ? b.magnitude : b.isZero ? a.magnitude : Rational(BigInt(n), BigInt(d))
            #expect(g == expected, "gcd(\(a), \(b))")
            #expect((a / g).isInteger && (b / g).isInteger)
        }
    }
}
