/// How a project's funding differs between two plans.
public struct PlanChange: Sendable {
    public enum Kind: String, Sendable { case added, dropped, funds, period }
    public var kind: Kind
    public var id: String
    public var name: String?
    /// Yuan in the first plan and in the other (0 when unfunded).
    public var fundsBefore: Int64, fundsAfter: Int64
    /// Periods (timed projects), when funded.
    public var periodBefore: String?, periodAfter: String?
}

/// A plan almost as good as the best, as different from it as could be found (`solve --alternatives`).
public struct AlternativePlan: Sendable {
    public var plan: Plan
    public var report: PlanReport
    /// Project choices (funded or not) on which it differs from the best plan.
    public var differs: Int

    public init(plan: Plan, report: PlanReport, differs: Int) {
        self.plan = plan
        self.report = report
        self.differs = differs
    }
}

extension PlanReport {
    /// This plan's projects that `other` adds, drops, funds differently or pays in another
    /// period (in this plan's project order, then the new ids).
    public func changes(to other: PlanReport) -> [PlanChange] {
        let before = Dictionary(uniqueKeysWithValues: funded.map { ($0.id, $0) })
        let after = Dictionary(uniqueKeysWithValues: other.funded.map { ($0.id, $0) })
        var ids = funded.map(\.id)
        ids += other.funded.map(\.id).filter { before[$0] == nil }
        return ids.compactMap { id in
            let p = before[id], q = after[id]
            let period = { (x: PlanReport.FundedProject?) in x.flatMap { $0.paid.count == 1 ? $0.paid[0].period : nil } }
            let kind: PlanChange.Kind
            switch (p, q) {
            case (nil, _?): kind = .added
            case (_?, nil): kind = .dropped
            case let (p?, q?) where p.funds != q.funds: kind = .funds
            case let (p?, q?) where period(p) != period(q): kind = .period
            default: return nil
            }
            return PlanChange(kind: kind, id: id, name: (p ?? q)?.name, fundsBefore: p?.funds ?? 0, fundsAfter: q?.funds ?? 0,
                              periodBefore: period(p), periodAfter: period(q))
        }
    }
}

/// A plan against the reference plan it revises (MODEL.md §8): what changed, and the totals.
public struct ReferenceComparison: Sendable {
    /// The reference file.
    public var file: String
    /// `committed_through`, and the projects it kept.
    public var committedThrough: String?
    public var committed: [String]
    /// Every project funded differently (scenario order): added, dropped, funds or period
    /// changed, with yuan and period before (the reference) and after (this plan).
    public var changes: [PlanChange]
    /// The `changes` metric: `changes.count`.
    public var changeCount: Int { changes.count }
    /// The `moved` metric: Σ |y_j − r_j|, yuan.
    public var moved: Int64

    /// `plan` against `s.reference`; nil without a reference.
    public init?(_ s: Scenario, _ plan: Plan) {
        guard let reference = s.reference, let terms = s.referenceTerms else { return nil }
        file = reference.file
        committedThrough = reference.committedThrough
        committed = s.committedIDs
        changes = s.projects.indices.compactMap { j in
            let r = terms[j], p = s.projects[j]
            guard s.differs(j, r, plan) else { return nil }
            let funded = plan.funded[j]
            let kind: PlanChange.Kind = !r.funded ? .added : !funded ? .dropped : plan.amounts[j] != r.yuan ? .funds : .period
            let timed = s.window(of: p) != nil
            return PlanChange(kind: kind, id: p.id, name: p.name, fundsBefore: r.yuan, fundsAfter: funded ? plan.amounts[j] : 0,
                              periodBefore: timed && r.funded ? r.period.map { s.periods[$0] } : nil,
                              periodAfter: timed && funded ? plan.periodChoice[j].map { s.periods[$0] } : nil)
        }
        moved = s.moved(in: plan).int64Value ?? 0
    }
}
