/// Why a project may not be funded.
public struct Ineligibility: Sendable, Hashable, CustomStringConvertible {
    /// What excluded it.
    public enum Reason: Sendable, Hashable {
        /// A criterion's score is below `min_each`.
        case criterionBelowMinimum(Criterion, score: Rational, minimum: Rational)
        /// The weighted score is below `min_weighted`.
        case weightedBelowMinimum(score: Rational, minimum: Rational)
        /// No funding source may fund it.
        case noSource
        /// Its timing window (start/end) holds no period.
        case emptyWindow
    }

    public var reasons: [Reason]

    public var description: String {
        reasons.map { reason in
            switch reason {
            case let .criterionBelowMinimum(c, score, minimum):
                return "\(c.rawValue) \(score.decimalString(places: 4)) < \(minimum.decimalString(places: 4))"
            case let .weightedBelowMinimum(score, minimum):
                return "weighted \(score.decimalString(places: 4)) < \(minimum.decimalString(places: 4))"
            case .noSource: return "no source may fund it"
            case .emptyWindow: return "no period between its start and end"
            }
        }.joined(separator: "; ")
    }
}

extension Scenario {
    /// The 五个好 gate tolerance: a score within 1e-9 of its floor passes.
    static let gateTolerance = Rational(1, 1_000_000_000)

    /// Why `project` fails the 五个好 gates, or nil when it passes (or there is no five_good block).
    public func ineligibility(of project: Project) -> Ineligibility? {
        // Committed means kept (MODEL.md §8): a committed project is funded whatever the gate says.
        if reference?.committedThrough != nil, committedIDSet.contains(project.id) { return nil }
        return ineligibility(of: project, ignoringCommitment: true)
    }

    /// Why `project` fails the gate or has no source or period, whether or not it is committed.
    public func ineligibility(of project: Project, ignoringCommitment: Bool) -> Ineligibility? {
        var reasons: [Ineligibility.Reason] = []
        if !sources.isEmpty && !sources.contains(where: { matches(project, $0.eligible) }) { reasons.append(.noSource) }
        if window(of: project)?.isEmpty == true { reasons.append(.emptyWindow) }
        guard let fiveGood else { return reasons.isEmpty ? nil : Ineligibility(reasons: reasons) }
        for criterion in Criterion.allCases {
            guard let minimum = fiveGood.minEach[criterion], let score = project.scores[criterion] else { continue }
            if score + Scenario.gateTolerance < minimum {
                reasons.append(.criterionBelowMinimum(criterion, score: score, minimum: minimum))
            }
        }
        if let minimum = fiveGood.minWeighted {
            let score = weightedScore(project)
            if score + Scenario.gateTolerance < minimum {
                reasons.append(.weightedBelowMinimum(score: score, minimum: minimum))
            }
        }
        return reasons.isEmpty ? nil : Ineligibility(reasons: reasons)
    }
}
