/// A linear quantity of a plan that rules bound and objective terms optimise (MODEL.md §3).
public enum Metric: Hashable, Sendable, CustomStringConvertible {
    /// Σ y_j, yuan.
    case funds
    /// Σ h_j·y_j/cost_j, poor households reached.
    case households
    /// households × `units.persons_per_household`.
    case persons
    /// Σ x_j, projects funded.
    case projects
    /// Σ s_j·x_j, the weighted 五个好 score of funded projects.
    case score
    /// Σ value_j·x_j, the free per-project number.
    case value
    /// Σ a_j·y_j/cost_j for a numeric project field a.
    case sum(String)
    /// funds ≤ k·households; only with `max`.
    case fundsPerHousehold
    /// Against the reference plan (MODEL.md §8): projects funded differently; `max` rules and
    /// `minimize` terms only.
    case changes
    /// Against the reference plan: Σ |y_j − r_j|, yuan; `max` rules and `minimize` terms only.
    case moved

    /// Parses a metric name as written in a scenario; nil when unknown.
    public init?(name: String) {
        switch name {
        case "funds": self = .funds
        case "households": self = .households
        case "persons": self = .persons
        case "projects": self = .projects
        case "score": self = .score
        case "value": self = .value
        case "funds_per_household": self = .fundsPerHousehold
        case "changes": self = .changes
        case "moved": self = .moved
        default:
            guard name.hasPrefix("sum."), name.count > 4 else { return nil }
            self = .sum(String(name.dropFirst(4)))
        }
    }

    /// The names accepted by `init(name:)` (sum.<field> written as such).
    public static let names = ["funds", "households", "persons", "projects", "score", "value",
                               "sum.<field>", "funds_per_household", "changes", "moved"]

    public var description: String {
        switch self {
        case .funds: return "funds"
        case .households: return "households"
        case .persons: return "persons"
        case .projects: return "projects"
        case .score: return "score"
        case .value: return "value"
        case .sum(let field): return "sum.\(field)"
        case .fundsPerHousehold: return "funds_per_household"
        case .changes: return "changes"
        case .moved: return "moved"
        }
    }

    /// True when the metric is counted in yuan (bounds on it must be whole yuan).
    public var isMoney: Bool { self == .funds || self == .moved }

    /// True for the metrics measured against the reference plan (`changes`, `moved`): they
    /// may only be bounded above (`max` rules) or minimised.
    public var isAgainstReference: Bool { self == .changes || self == .moved }
}

/// How a project contributes to a metric: `perFull × (y_j / cost_j)` for quantities that scale
/// with funding, or `perFull × x_j` for counts.
public struct Contribution: Sendable, Equatable {
    /// The contribution at full funding.
    public var perFull: Rational
    /// True: scales with y_j/cost_j (funds, households, sum.<field>); false: counts x_j.
    public var scalesWithFunding: Bool
}

extension Scenario {
    /// The weighted 五个好 score s_j: the normalised weights of the five_good block, or equal
    /// weights without one (a missing score counting 0).
    public func weightedScore(_ project: Project) -> Rational {
        let weights = fiveGood?.weights ?? FiveGood.equalWeights
        return Criterion.allCases.reduce(Rational.zero) { sum, c in
            sum + (weights[c] ?? .zero) * (project.scores[c] ?? .zero)
        }
    }

    /// What `project` contributes to `metric` at full funding. `fundsPerHousehold` is a ratio
    /// made of two metrics and has no contribution of its own (nil).
    public func contribution(of project: Project, to metric: Metric) -> Contribution? {
        switch metric {
        case .funds: return Contribution(perFull: Rational(project.cost), scalesWithFunding: true)
        case .households: return Contribution(perFull: project.households, scalesWithFunding: true)
        case .persons:
            return Contribution(perFull: project.households * (personsPerHousehold ?? .zero), scalesWithFunding: true)
        case .projects: return Contribution(perFull: .one, scalesWithFunding: false)
        case .score: return Contribution(perFull: weightedScore(project), scalesWithFunding: false)
        case .value: return Contribution(perFull: project.value, scalesWithFunding: false)
        case .sum(let field):
            return Contribution(perFull: project.fields[field]?.number ?? .zero, scalesWithFunding: true)
        case .fundsPerHousehold, .changes, .moved: return nil
        }
    }
}
