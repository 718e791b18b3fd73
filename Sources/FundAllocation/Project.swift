/// What the planner pinned about a project.
public enum Pin: String, Sendable { case `in`, out }

/// A candidate project.
public struct Project: Sendable, Equatable {
    /// Unique id (trimmed, NFC).
    public var id: String
    public var name: String?
    public var region: String?
    public var category: String?
    /// Requested yuan (full funding).
    public var cost: Int64
    /// Smallest share of `cost` it may be funded with, 0 < m ≤ 1 (1: all or nothing).
    public var minShare: Rational
    /// Poor households linked at full funding.
    public var households: Rational
    /// The free `value` number.
    public var value: Rational
    /// 五个好 scores present for this project, each in [1, 5].
    public var scores: [Criterion: Rational]
    /// Ids that must all be funded for this one to be funded.
    public var requires: [String]
    /// Ids never funded together with this one.
    public var excludes: [String]
    public var pin: Pin?
    /// A fixed disbursement profile: yuan per period label (`cost.<period>`); empty: none.
    public var profile: [String: Int64]
    /// Timing window (period labels): the whole amount is paid in one period within it.
    public var start: String?
    public var end: String?
    /// Village ids the project reaches (only with a village table); nil: the cell was empty.
    public var villageIDs: [String]?
    /// Every field as written (standard ones included), for filters and `sum.<field>`.
    public var fields: [String: FieldValue]
    /// Its own intervals for uncertain fields (`households_low`/`_high`, `score_<c>_low`/`_high`;
    /// MODEL.md §9), by field name.
    public var intervals: [String: Interval] = [:]
    public var location: SourceLocation

    public init(id: String, name: String? = nil, region: String? = nil, category: String? = nil,
                cost: Int64, minShare: Rational = .one, households: Rational = .zero, value: Rational = .zero,
                scores: [Criterion: Rational] = [:], requires: [String] = [], excludes: [String] = [],
                pin: Pin? = nil, profile: [String: Int64] = [:], start: String? = nil, end: String? = nil,
                villageIDs: [String]? = nil, fields: [String: FieldValue] = [:], location: SourceLocation) {
        self.id = id
        self.name = name
        self.region = region
        self.category = category
        self.cost = cost
        self.minShare = minShare
        self.households = households
        self.value = value
        self.scores = scores
        self.requires = requires
        self.excludes = excludes
        self.pin = pin
        self.profile = profile
        self.start = start
        self.end = end
        self.villageIDs = villageIDs
        self.fields = fields
        self.location = location
    }

    /// True when the project can be funded with less than its cost.
    public var isPartlyFundable: Bool { minShare < .one && cost > 0 }
}
