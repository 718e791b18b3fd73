import FundAllocation
import Foundation
import Testing

struct FieldValueTests {
    /// `normalizedForComparison` skips Foundation's NFC for text it cannot change: checked
    /// against Foundation on random strings that mix what Chinese lists hold with what NFC does
    /// change (a combining accent after e, U+2000, a kana voicing mark, Hangul jamo, a CJK
    /// compatibility ideograph, a tone mark).
    @Test func normalisedTextIsFoundationsNFC() {
        let pool: [Unicode.Scalar] = ["a", "Z", "1", " ", "é", "e", "\u{301}", "·", "—", "–", "\u{2000}", "\u{2002}", "咸", "阳",
                                      "县", "（", "）", "，", "。", "１", "\u{3000}", "か", "\u{3099}", "\u{1100}", "\u{1161}",
                                      "\u{F900}", "\u{302A}", "\u{302B}", "Å", "\u{212B}", "𠀀"]
        var random = SplitMix64(seed: 11)
        var changed = 0
        for _ in 0..<20_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...6, using: &random) { s.append(pool.randomElement(using: &random)!) }
            let text = String(s)
            let expected = text.trimmingSpaces().precomposedStringWithCanonicalMapping
            if expected.unicodeScalars.elementsEqual(text.trimmingSpaces().unicodeScalars) == false { changed += 1 }
            #expect(text.normalizedForComparison.unicodeScalars.elementsEqual(expected.unicodeScalars), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(changed > 1_000)   // the strings NFC changes are well represented
    }
}
