import FundAllocation

/// Suggests the nearest valid key for a misspelt one.
public enum KeySuggestion {
    /// The closest candidate within an edit distance of 1/3 of the key's length (at least 2).
    /// ` (did you mean 'KEY'?)` for the nearest candidate, or nothing: the end of an error.
    public static func hint(for key: String, in candidates: [String]) -> Message {
        nearest(to: key, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    public static func nearest(to key: String, in candidates: [String]) -> String? {
        let limit = max(2, key.count / 3)
        let scored = candidates.map { ($0, distance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }), best.1 <= limit else {
            return nil
        }
        return best.0
    }

    /// Levenshtein distance over Characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
