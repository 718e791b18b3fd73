/// The `uncertainty:` block (MODEL.md §9): how far the 五个好 scores and the household counts
/// may be off. `fundalloc robust` samples it.
public struct Uncertainty: Sendable, Equatable {
    /// How many samples a run draws (default 100).
    public var samples: Int
    /// The seed: sample k is drawn from a generator seeded by (seed, k) alone (default 1).
    public var seed: UInt64
    /// Every 五个好 score ± this many points, uniform, clipped to [1, 5]; nil: exact.
    public var scores: Rational?
    /// Every project's and village's households × uniform [1 − s, 1 + s]; nil: exact.
    public var households: Rational?
    public var location: SourceLocation?

    public init(samples: Int = 100, seed: UInt64 = 1, scores: Rational? = nil, households: Rational? = nil,
                location: SourceLocation? = nil) {
        self.samples = samples
        self.seed = seed
        self.scores = scores
        self.households = households
        self.location = location
    }
}

/// A project's own interval for an uncertain field (`households_low` / `households_high`,
/// `score_linkage_low` …), in place of the block's spread.
public struct Interval: Sendable, Equatable {
    public var low: Rational
    public var high: Rational

    public init(low: Rational, high: Rational) {
        self.low = low
        self.high = high
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same stream on every machine —
/// the generator of robustness samples, synthetic scenarios (`generate`) and test scenarios.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The generator of robustness sample `sample` (MODEL.md §9): seeded by (seed, sample)
    /// alone, so that sample k is the same whatever else is drawn, in whichever process.
    public init(seed: UInt64, sample: Int) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: sample) &* 0xD1B5_4A32_D192_ED03
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<n (Lemire's multiply-shift; the bias, below 2^-32 for small n, is harmless).
    public mutating func below(_ n: Int) -> Int { Int(next().multipliedFullWidth(by: UInt64(n)).high) }

    /// A value uniform in [low, high] on a grid of a millionth of the width (exact rationals).
    public mutating func uniform(_ low: Rational, _ high: Rational) -> Rational {
        let u = Rational(Int(next() % 1_000_001), 1_000_000)
        return low + (high - low) * u
    }
}

extension Scenario {
    /// The uncertain fields of a project: `households` and each `score_<criterion>`.
    public static let uncertainFields = ["households"] + Criterion.allCases.map(\.field)

    /// Sample `k` (0-based) of the uncertainty: every uncertain value drawn independently, in
    /// a fixed order (projects in order: households, then each score present; then villages'
    /// households). Eligibility follows from the drawn scores. The scenario itself without an
    /// uncertainty block.
    public func sample(_ k: Int) -> Scenario {
        guard let u = uncertainty else { return self }
        var g = SplitMix64(seed: u.seed, sample: k)
        var s = self
        for j in s.projects.indices {
            let p = s.projects[j]
            if let i = p.intervals["households"] {
                s.projects[j].households = g.uniform(i.low, i.high)
            } else if let spread = u.households {
                s.projects[j].households = g.uniform(p.households * (.one - spread), p.households * (.one + spread))
            }
            for c in Criterion.allCases {
                guard let score = p.scores[c] else { continue }
                if let i = p.intervals[c.field] {
                    s.projects[j].scores[c] = g.uniform(i.low, i.high)
                } else if let spread = u.scores {
                    s.projects[j].scores[c] = g.uniform(max(.one, score - spread), min(Rational(5), score + spread))
                }
            }
        }
        if let spread = u.households {
            // One assignment: every change of `villages` rebuilds the scenario's village index.
            var villages = s.villages
            for v in villages.indices {
                let h = villages[v].households
                villages[v].households = g.uniform(h * (.one - spread), h * (.one + spread))
            }
            s.villages = villages
        }
        return s
    }
}
