/// A plan being revised (MODEL.md §8): what it paid each project, and how much of it is
/// committed. Read by `ScenarioIO` from a plan fundalloc wrote (JSON, or its CSV export).
public struct ReferencePlan: Sendable {
    /// One project the reference funds.
    public struct Entry: Sendable, Equatable {
        public var id: String
        /// r_j, whole yuan (0 for a project of cost 0 that it lists).
        public var yuan: Int64
        /// The period labels it pays the project in, as written (one for a timed project; a
        /// profile project's come from the scenario's profile; none without periods).
        public var periods: [String]
        /// Where the entry is written (the reference file and its line).
        public var location: SourceLocation

        public init(id: String, yuan: Int64, periods: [String], location: SourceLocation) {
            self.id = id
            self.yuan = yuan
            self.periods = periods
            self.location = location
        }
    }

    /// The reference file, as resolved against the scenario that names it.
    public var file: String
    /// In file order; ids are normalised as project ids are.
    public var entries: [Entry]
    /// `committed_through`: a period label; nil: nothing is committed.
    public var committedThrough: String?
    /// Where the `reference:` block is written.
    public var location: SourceLocation?
    /// Ids of the entries paid in a period up to `committedThrough` (`Scenario.withCommitments`).
    public internal(set) var committed: Set<String> = []

    public init(file: String, entries: [Entry], committedThrough: String? = nil, location: SourceLocation? = nil) {
        self.file = file
        self.entries = entries
        self.committedThrough = committedThrough
        self.location = location
    }
}

/// What the reference means for one project of the scenario.
public struct ReferenceTerms: Sendable, Equatable {
    /// r_j: what the reference pays (0 when it does not fund the project).
    public var yuan: Int64
    /// True when the reference funds the project.
    public var funded: Bool
    /// The period index the reference pays a timed project in; nil otherwise (or when the
    /// period it names is not one the project may take now: then any funding is a change).
    public var period: Int?
    /// True when the reference pays it in a period up to `committed_through`: kept as it is.
    public var committed: Bool
}

extension Scenario {
    /// Per project (scenario order): what the reference says of it; nil without a reference.
    public var referenceTerms: [ReferenceTerms]? {
        guard let reference else { return nil }
        let byID = Dictionary(reference.entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return projects.map { p in
            guard let e = byID[p.id] else { return ReferenceTerms(yuan: 0, funded: false, period: nil, committed: false) }
            let paid = referencePeriods(of: p, e)
            let period = window(of: p) != nil && paid.count == 1 ? paid.first : nil
            return ReferenceTerms(yuan: e.yuan, funded: true, period: period, committed: reference.committed.contains(p.id))
        }
    }

    /// The scenario with `reference.committed` worked out: the entries the reference pays in a
    /// period up to `committed_through` (a profile project by its profile, any other by the
    /// periods the reference names). Called once the projects and periods are read.
    public func withCommitments() -> Scenario {
        guard var reference, let closed = closedThrough else { return self }
        let index = Dictionary(projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        reference.committed = Set(reference.entries.filter { e in
            let paid = index[e.id].map { referencePeriods(of: $0, e) } ?? e.periods.compactMap { periodIndex($0) }
            return paid.contains { $0 <= closed }
        }.map(\.id))
        var s = self
        s.reference = reference
        return s
    }

    /// The scenario with only the commitments of `ids` kept (the periods stay closed): how the
    /// diagnosis finds the commitments that cannot all be kept.
    public func keepingCommitments(_ ids: Set<String>) -> Scenario {
        guard var reference else { return self }
        reference.committed.formIntersection(ids)
        var s = self
        s.reference = reference
        return s
    }

    /// Ids of the committed entries (empty without a reference).
    var committedIDSet: Set<String> { reference?.committed ?? [] }

    /// The index of `reference.committed_through`: periods up to it are closed (nil: none).
    public var closedThrough: Int? { reference?.committedThrough.flatMap { periodIndex($0) } }

    /// The periods (indices) in which the reference pays `project`: a profile project's from
    /// the scenario's profile, a timed one's as the reference names them (declared ones only).
    func referencePeriods(of project: Project, _ entry: ReferencePlan.Entry) -> [Int] {
        if !project.profile.isEmpty {
            return periods.indices.filter { (project.profile[periods[$0]] ?? 0) > 0 }
        }
        return entry.periods.compactMap { periodIndex($0) }
    }

    /// Ids of the committed projects, in scenario order.
    public var committedIDs: [String] {
        guard let terms = referenceTerms else { return [] }
        return projects.indices.filter { terms[$0].committed }.map { projects[$0].id }
    }

    /// True when a project that is not committed may not be paid in period `t` (closed).
    public func isClosed(_ t: Int) -> Bool { closedThrough.map { t <= $0 } ?? false }

    /// `changes` (MODEL.md §8) of `plan` over the projects matching `filter`: each project
    /// funded in one plan and not the other, or in both with different yuan or (timed) a
    /// different period, counts 1. Reference ids not in the project list count nothing.
    public func changes(_ filter: Filter = .all, in plan: Plan) -> Rational {
        guard let terms = referenceTerms else { return .zero }
        var count = 0
        for (j, p) in projects.enumerated() where matches(p, filter) && differs(j, terms[j], plan) { count += 1 }
        return Rational(count)
    }

    /// `moved`: Σ |y_j − r_j| over the projects matching `filter`, yuan.
    public func moved(_ filter: Filter = .all, in plan: Plan) -> Rational {
        guard let terms = referenceTerms else { return .zero }
        var total: Int64 = 0
        for (j, p) in projects.enumerated() where matches(p, filter) {
            total += abs((plan.funded[j] ? plan.amounts[j] : 0) - terms[j].yuan)
        }
        return Rational(total)
    }

    /// True when project j is funded differently in `plan` than in the reference.
    func differs(_ j: Int, _ r: ReferenceTerms, _ plan: Plan) -> Bool {
        guard plan.funded[j] == r.funded else { return true }
        guard plan.funded[j] else { return false }
        if plan.amounts[j] != r.yuan { return true }
        return window(of: projects[j]) != nil && plan.periodChoice[j] != r.period
    }
}
