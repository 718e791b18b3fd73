/// One of the five 五个好 criteria.
public enum Criterion: String, CaseIterable, Sendable, Comparable {
    case industry, leader, linkage, policy, organisation

    /// The project field holding the score (`score_industry`, …).
    public var field: String { "score_\(rawValue)" }

    /// The criterion's Chinese name.
    public var chineseName: String {
        switch self {
        case .industry: return "产业项目好"
        case .leader: return "龙头带动好"
        case .linkage: return "利益联结好"
        case .policy: return "政策配套好"
        case .organisation: return "组织领导好"
        }
    }

    public static func < (a: Criterion, b: Criterion) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The 五个好 block: weights, gates and portfolio floors.
public struct FiveGood: Sendable, Equatable {
    /// Weights normalised to sum to 1 (missing criteria weigh 0 when a partial map is given).
    public var weights: [Criterion: Rational]
    /// Every score must be ≥ its floor (1e-9 tolerance).
    public var minEach: [Criterion: Rational]
    /// The weighted score must be ≥ this (1e-9 tolerance).
    public var minWeighted: Rational?
    /// Σ (s_jk − floor)·y_j ≥ 0 over funded projects, per criterion.
    public var portfolioMin: [Criterion: Rational]
    public var location: SourceLocation?

    public init(weights: [Criterion: Rational] = FiveGood.equalWeights, minEach: [Criterion: Rational] = [:],
                minWeighted: Rational? = nil, portfolioMin: [Criterion: Rational] = [:], location: SourceLocation? = nil) {
        self.weights = weights
        self.minEach = minEach
        self.minWeighted = minWeighted
        self.portfolioMin = portfolioMin
        self.location = location
    }

    /// Each criterion weighs 1/5.
    public static let equalWeights: [Criterion: Rational] =
        Dictionary(uniqueKeysWithValues: Criterion.allCases.map { ($0, Rational(1, 5)) })
}
