/// A validated scenario: everything the optimizer needs, in the order the planner wrote it.
///
/// Built by `ScenarioIO` from YAML/CSV and checked by `ScenarioValidator`; the domain never
/// sees raw text.
public struct Scenario: Sendable {
    /// The scenario's `name`, or nil.
    public var name: String?
    /// The file the scenario came from (for messages).
    public var file: String
    /// `units.persons_per_household`, needed by the `persons` metric.
    public var personsPerHousehold: Rational?
    /// Period labels in order (`periods`); empty when the scenario has no periods.
    public var periods: [String]
    /// The money caps.
    public var budget: Budget
    /// Funding sources (`sources`), in file order; empty: the fund is one pot.
    public var sources: [Source]
    /// The village table (`villages`); empty: households are counted per project.
    public var villages: [Village] { didSet { villageIndex = Scenario.index(villages) } }
    /// Position of each village id in `villages` (kept with it).
    public private(set) var villageIndex: [String: Int] = [:]
    /// The region table (counties), in file order; may be empty.
    public var regions: [Group]
    /// The category table, in file order; may be empty.
    public var categories: [Group]
    /// Candidate projects in file order.
    public var projects: [Project]
    /// The 五个好 screening block, when present.
    public var fiveGood: FiveGood?
    /// Rules: the `rules` list followed by the region and category shorthands.
    public var rules: [Rule]
    /// The lexicographic objective (the default one when the file gives none).
    public var objective: [ObjectiveTerm]
    /// Solver settings from the file.
    public var solver: SolverSettings
    /// Warnings and notes found while loading (never errors: a scenario with errors is not built).
    public var warnings: [Diagnostic]
    /// Bounds that replace those of one concrete rule (index into `concreteRules()`): how
    /// `explain` and the infeasibility diagnosis move or drop one group's bound alone.
    public var ruleBoundOverrides: [Int: Bounds<Rational>] = [:]

    private static func index(_ villages: [Village]) -> [String: Int] {
        Dictionary(villages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public init(name: String? = nil, file: String = "<scenario>", personsPerHousehold: Rational? = nil,
                periods: [String] = [], budget: Budget = Budget(), sources: [Source] = [], villages: [Village] = [],
                regions: [Group] = [], categories: [Group] = [],
                projects: [Project] = [], fiveGood: FiveGood? = nil, rules: [Rule] = [],
                objective: [ObjectiveTerm] = [], solver: SolverSettings = SolverSettings(),
                warnings: [Diagnostic] = []) {
        self.name = name
        self.file = file
        self.personsPerHousehold = personsPerHousehold
        self.periods = periods
        self.budget = budget
        self.sources = sources
        self.villages = villages
        self.villageIndex = Scenario.index(villages)
        self.regions = regions
        self.categories = categories
        self.projects = projects
        self.fiveGood = fiveGood
        self.rules = rules
        self.objective = objective
        self.solver = solver
        self.warnings = warnings
    }

    /// The region with this id.
    public func region(_ id: String?) -> Group? {
        guard let id else { return nil }
        return regions.first { $0.id == id }
    }

    /// The category with this id.
    public func category(_ id: String?) -> Group? {
        guard let id else { return nil }
        return categories.first { $0.id == id }
    }

    /// The objective used when a scenario gives none: maximise households, then the 五个好
    /// score (only when a `five_good` block is present), then minimise funds.
    public static func defaultObjective(hasFiveGood: Bool) -> [ObjectiveTerm] {
        var terms = [ObjectiveTerm(sense: .maximize, metric: .households)]
        if hasFiveGood { terms.append(ObjectiveTerm(sense: .maximize, metric: .score)) }
        terms.append(ObjectiveTerm(sense: .minimize, metric: .funds))
        return terms
    }
}

/// The `budget` block. All amounts in whole yuan.
public struct Budget: Sendable, Equatable {
    /// Cap on total funds; nil: no cap.
    public var total: Int64?
    /// Partly funded amounts are whole multiples of this (yuan, ≥ 1; default 1).
    public var unit: Int64
    /// Spend at least this share of `total` (0–1); nil: no floor.
    public var minUse: Rational?
    /// Cap per period label (yuan); periods not listed are uncapped.
    public var byPeriod: [String: Int64]
    /// Unspent money of a period may be spent later: the caps are cumulative.
    public var carryOver: Bool

    public init(total: Int64? = nil, unit: Int64 = 1, minUse: Rational? = nil, byPeriod: [String: Int64] = [:],
                carryOver: Bool = false) {
        self.total = total
        self.unit = unit
        self.minUse = minUse
        self.byPeriod = byPeriod
        self.carryOver = carryOver
    }
}

/// A row of the region or category table: an id and free attributes for filters and bounds.
public struct Group: Sendable, Equatable {
    public var id: String
    /// Display name (`name`), when given.
    public var name: String?
    /// Every other key, for filters (`region.national_poverty`) and bounds (`region.households_target`).
    public var attributes: [String: FieldValue]
    public var location: SourceLocation

    public init(id: String, name: String? = nil, attributes: [String: FieldValue] = [:], location: SourceLocation) {
        self.id = id
        self.name = name
        self.attributes = attributes
        self.location = location
    }
}

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

/// Solver settings from the `solver` block.
public struct SolverSettings: Sendable, Equatable {
    /// Seconds for the whole (lexicographic) solve; nil: no limit.
    public var timeLimit: Double?
    /// Relative gap at which a stage may stop; nil: the optimality tolerance
    /// (`Planner.optimalityTolerance`, 1e-6), within which a plan counts as optimal.
    public var mipGap: Double?

    public init(timeLimit: Double? = nil, mipGap: Double? = nil) {
        self.timeLimit = timeLimit
        self.mipGap = mipGap
    }
}

/// A source of money (a paired city, a municipal pool) and the projects it may fund.
public struct Source: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// Yuan it holds.
    public var amount: Int64
    /// The projects it may fund (`eligible`); `.all` when absent.
    public var eligible: Filter
    public var location: SourceLocation

    public init(id: String, name: String? = nil, amount: Int64, eligible: Filter = .all, location: SourceLocation) {
        self.id = id
        self.name = name
        self.amount = amount
        self.eligible = eligible
        self.location = location
    }
}

/// A village of the village table: its poor households count once however many funded
/// projects reach it.
public struct Village: Sendable, Equatable {
    public var id: String
    public var region: String? { didSet { regionValue = region.map(FieldValue.init) } }
    /// `region` as a filter reads it (kept: parsing it per filter test dominated building a
    /// 10⁴-village model).
    public private(set) var regionValue: FieldValue?
    /// Registered poor households (an empty cell counts 0).
    public var households: Rational
    /// Every other column, for `village.<attr>` filters.
    public var attributes: [String: FieldValue]
    public var location: SourceLocation

    public init(id: String, region: String? = nil, households: Rational, attributes: [String: FieldValue] = [:],
                location: SourceLocation) {
        self.id = id
        self.region = region
        self.regionValue = region.map(FieldValue.init)
        self.households = households
        self.attributes = attributes
        self.location = location
    }
}

extension Scenario {
    /// The index of a period label.
    public func periodIndex(_ label: String?) -> Int? {
        guard let label else { return nil }
        return periods.firstIndex(of: label)
    }

    /// The periods in which `project` may be paid in full (timing window), or nil for a project
    /// with a disbursement profile or in a scenario without periods.
    public func window(of project: Project) -> [Int]? {
        guard !periods.isEmpty, project.profile.isEmpty else { return nil }
        let first = periodIndex(project.start) ?? 0
        let last = periodIndex(project.end) ?? periods.count - 1
        return first <= last ? Array(first...last) : []
    }

    /// The total money cap: `budget.total`, or with sources and no total, their sum.
    public var totalCap: Int64? {
        if let total = budget.total { return total }
        return sources.isEmpty ? nil : sources.reduce(0) { $0 + $1.amount }
    }
}
