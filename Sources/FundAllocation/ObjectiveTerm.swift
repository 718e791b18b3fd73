/// Whether a term is maximised or minimised.
public enum Sense: String, Sendable { case maximize, minimize }

/// One term of the lexicographic objective (MODEL.md §4): optimised with every earlier term held
/// within its tolerance.
public struct ObjectiveTerm: Sendable, Hashable, CustomStringConvertible {
    public var sense: Sense
    public var metric: Metric
    public var filter: Filter
    /// Relative tolerance kept for this term while later terms are optimised (≥ 0; default 0):
    /// for a maximised term, value ≥ opt − within·|opt|.
    public var within: Rational
    /// Restrict the term to one period.
    public var period: String?
    public var location: SourceLocation?

    public init(sense: Sense, metric: Metric, filter: Filter = .all, within: Rational = .zero, period: String? = nil,
                location: SourceLocation? = nil) {
        self.period = period
        self.sense = sense
        self.metric = metric
        self.filter = filter
        self.within = within
        self.location = location
    }

    /// `maximize households where …`.
    public var description: String {
        var text = "\(sense.rawValue) \(metric)"
        if !filter.conditions.isEmpty { text += " where \(filter)" }
        if let period { text += " in \(period)" }
        return text
    }
}
