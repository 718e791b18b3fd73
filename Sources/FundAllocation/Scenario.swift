import Synchronization

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
    public var villages: [Village] { didSet { villageIndex = Scenario.index(villages); reach = VillageReach() } }
    /// Position of each village id in `villages` (kept with it).
    public private(set) var villageIndex: [String: Int] = [:]
    /// The region table (counties), in file order; may be empty.
    public var regions: [Group] { didSet { regionIndex = Scenario.index(regions) } }
    /// The category table, in file order; may be empty.
    public var categories: [Group] { didSet { categoryIndex = Scenario.index(categories) } }
    /// Position of each region and category id in its table (kept with it): every filter on a
    /// region or category looks its group up, for every project of every figure of a report
    /// (a linear search was ≈ 1 s of a province-scale report).
    private var regionIndex: [String: Int] = [:], categoryIndex: [String: Int] = [:]
    /// Candidate projects in file order.
    public var projects: [Project] { didSet { reach = VillageReach() } }
    /// The villages each project reaches, found on first use (a new one whenever projects or
    /// villages change).
    private var reach = VillageReach()
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
    /// Where blocks and keys that checks across the scenario refer to were written, by YAML
    /// path (`budget`, `budget.min_use`): `ScenarioValidator` names them in its errors.
    public var locations: [String: SourceLocation] = [:]
    /// The plan being revised (`reference:`, MODEL.md §8); nil: none.
    public var reference: ReferencePlan?
    /// How far scores and households may be off (`uncertainty:`, MODEL.md §9); nil: exact.
    public var uncertainty: Uncertainty?
    /// Bounds that replace those of one concrete rule (index into `concreteRules()`): how
    /// `explain` and the infeasibility diagnosis move or drop one group's bound alone.
    public var ruleBoundOverrides: [Int: Bounds<Rational>] = [:]

    /// Position of each id in `items` (the first, when an id repeats).
    private static func index<T: Identifiable>(_ items: [T]) -> [T.ID: Int] {
        Dictionary(items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Positions in `villages` of the villages project j reaches (its unknown ids left out;
    /// empty without a `villages` cell). Every households figure of a report walks them: looking
    /// each id up by its text was most of a province-scale report's time.
    public var villagesReached: [[Int]] { reach.positions(self) }

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
        self.regionIndex = Scenario.index(regions)
        self.categoryIndex = Scenario.index(categories)
        self.projects = projects
        self.fiveGood = fiveGood
        self.rules = rules
        self.objective = objective
        self.solver = solver
        self.warnings = warnings
    }

    /// The region with this id.
    public func region(_ id: String?) -> Group? {
        guard let id, let i = regionIndex[id] else { return nil }
        return regions[i]
    }

    /// The category with this id.
    public func category(_ id: String?) -> Group? {
        guard let id, let i = categoryIndex[id] else { return nil }
        return categories[i]
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

/// `Scenario.villagesReached`, computed once and shared by the copies of a scenario until one
/// of them changes its projects or villages (which gives that copy a new one).
private final class VillageReach: Sendable {
    private let computed = Mutex<[[Int]]?>(nil)

    func positions(_ s: Scenario) -> [[Int]] {
        computed.withLock { cached in
            if let cached { return cached }
            let positions = s.projects.map { p in (p.villageIDs ?? []).compactMap { s.villageIndex[$0] } }
            cached = positions
            return positions
        }
    }
}
