import FundAllocation
import ScenarioIO
import Workflows

/// Terminal display width: East Asian wide and full-width characters take two columns,
/// combining marks none.
public enum TextWidth {
    /// The number of terminal columns `text` occupies.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width($1) }
    }

    static func width(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        // Fast paths without the Unicode property lookup (2 % of a whole baseline solve):
        // below U+0300 nothing combines, and the CJK Unified Ideographs block has no marks.
        if v < 0x300 { return v == 0 ? 0 : 1 }
        if (0x4E00...0x9FFF).contains(v) { return 2 }
        let category = scalar.properties.generalCategory
        if category == .nonspacingMark || category == .enclosingMark || (0x200B...0x200F).contains(v) {
            return 0
        }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// `text` padded with spaces to `columns` (left-aligned, or right-aligned for numbers).
    public static func pad(_ text: String, _ columns: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, columns - of(text)))
        return right ? fill + text : text + fill
    }

    /// `text` cut to at most `columns`, ending with `…` when cut.
    public static func truncate(_ text: String, _ columns: Int) -> String {
        guard of(text) > columns else { return text }
        var out = "", used = 0
        for ch in text {
            let w = of(String(ch))
            if used + w > columns - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }
}
