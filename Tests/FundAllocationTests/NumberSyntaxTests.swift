import FundAllocation
import Foundation
import Testing

struct NumberSyntaxTests {
    @Test(arguments: [
        ("12,000", "12000"), ("1.2亿", "120000000"), ("350万", "3500000"), ("1.2亿元", "120000000"),
        ("¥12,000元", "12000"), ("１００万", "1000000"), ("３００万", "3000000"), ("1e8", "100000000"),
        ("-3.5", "-3.5"), ("+2", "2"), (" 42 ", "42"), ("0.05", "0.05"), ("1,234,567.5", "1234567.5"),
        ("12.5万", "125000"), ("-0", "0"), ("1E3", "1000"), ("2.5e-1", "0.25"), ("１２，０００", "12000"),
    ])
    func reads(_ text: String, _ expected: String) throws {
        let value = try NumberSyntax.number(text).get()
        #expect(value.decimalString(places: 9) == expected)
    }

    @Test(arguments: ["12,00", "1,2345", ",100", "1,,000", "abc", "", "1e400", "NaN", "inf", "1.", ".5", "1e", "--1",
                      "1e8万x", "1,000e3", "10000000000000000"])
    func refuses(_ text: String) {
        #expect(throws: NumberSyntax.Failure.self) { try NumberSyntax.number(text).get() }
    }

    @Test func moneyMustBeWholeYuanAndNotNegative() throws {
        #expect(try NumberSyntax.money("1.2亿").get() == 120_000_000)
        #expect(try NumberSyntax.money("0.5万").get() == 5_000)
        #expect(NumberSyntax.money("12.5") == .failure(.notWholeYuan("12.5")))
        #expect(NumberSyntax.money("-1") == .failure(.negative("-1")))
        #expect(NumberSyntax.money("12,00") == .failure(.badSeparators("12,00")))
        #expect(try NumberSyntax.money("1,000,000,000,000,000").get() == 1_000_000_000_000_000)
        #expect(NumberSyntax.money("1,000,000,000,000,001") == .failure(.tooLarge("1,000,000,000,000,001")))
    }

    @Test func booleans() {
        for t in ["true", "yes", "1", "TRUE", "是"] { #expect(NumberSyntax.boolean(t) == true) }
        for f in ["false", "no", "0", "No", "否"] { #expect(NumberSyntax.boolean(f) == false) }
        #expect(NumberSyntax.boolean("maybe") == nil)
    }

    /// `Double.fixed` writes what printf writes: on thousandths, halves of them (the cases next
    /// to a half, where the scaled product may be an ulp off), random numbers of both signs and
    /// sizes, and the edges.
    @Test func fixedDecimalsAreWhatPrintfWrites() {
        var random = SplitMix64(seed: 7)
        var values: [Double] = [0, -0.0, 0.0045, 2.675, 1e12, -1e300, 5e-324, .infinity, -.infinity, .nan]
        for i in 0..<20_000 {
            let k = Double(i)
            values += [k / 1000, k / 2000, -k / 20_000]
            values.append(Double(Int64.random(in: -1_000_000_000...1_000_000_000, using: &random)) / 997)
        }
        for value in values {
            for digits in [0, 2, 3] where value.fixed(digits) != String(format: "%.\(digits)f", value) {
                Issue.record("\(value) with \(digits) decimals: \(value.fixed(digits)), printf \(String(format: "%.\(digits)f", value))")
            }
        }
    }
}
