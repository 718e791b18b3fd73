/// Why a scenario has no plan, in the planner's words: which targets conflict and by how much,
/// and how much more money would resolve it.
public struct InfeasibilityDiagnosis: Sendable {
    /// A target that cannot be met, with the best value found for it.
    public struct Shortfall: Sendable {
        public var target: Target
        /// The rule's label (or `budget.min_use`, `five_good.portfolio_min.<criterion>`).
        public var label: String
        public var metric: String
        /// `≥`, `≤`, `share ≥`, …
        public var relation: String
        public var location: SourceLocation?
        /// The bound as written (a share for shares and min_use, a score for a floor).
        public var bound: Rational
        /// The value of the target's measure in the plan that comes closest to the bound.
        public var reached: Rational
        /// True when `reached` is proven the best possible (a plain min or max bound solved to
        /// optimality); false when it is the closest plan found (shares, floors, time limit).
        public var proven: Bool
        /// When not proven: the solver's bound on the best value (nil for shares and floors).
        public var bestBound: Rational?
        /// True when `reached` holds with every other target of the scenario in place; false
        /// when only the other targets of the conflict were kept (others conflict too).
        public var withAllOtherTargets: Bool

        /// How far the bound must move for the target to be met.
        public var relaxBy: Rational { target.isLower ? bound - reached : reached - bound }
        /// The least the bound must move, from `bestBound` (nil when there is none).
        public var relaxAtLeast: Rational? { bestBound.map { target.isLower ? bound - $0 : $0 - bound } }
    }

    /// A small set of targets that cannot all be met together with the money caps, pins and
    /// eligibility (each alone could); empty when the hard structure alone is infeasible.
    public var conflict: [Shortfall]
    /// True when every test of the shrinking finished, so no target of `conflict` can be left out.
    public var minimal: Bool
    /// With every target dropped still no plan: the pinned-in projects that cannot all be
    /// funded (a smallest such set).
    public var pinned: [String]
    /// Committed projects (MODEL.md §8) that cannot all be kept: a smallest set whose
    /// commitments make the scenario infeasible when without them it has a plan; empty
    /// otherwise.
    public var commitments: [String] = []
    /// One way out, from the elastic model (every target may be missed, the total relative
    /// miss is minimised): the targets it misses and by how much.
    public var relaxation: [Shortfall]
    /// The fund now (`budget.total`, or the sources' sum).
    public var fund: Int64?
    /// The smallest fund, a whole number of 万元 more than now, with which every target can be
    /// met (tranches and sources scaled in proportion); nil when no fund up to 1000 times the
    /// present one is enough (checked by a re-solve at that fund).
    public var fundNeeded: Int64?
    /// When the smallest fund was not proven within the time limit: the solver's lower bound
    /// on it (`fundNeeded` is then a fund that works, perhaps not the smallest).
    public var fundAtLeast: Int64?
}

/// Diagnoses an infeasible scenario (docs/explain.md):
/// 1. elastic model: every target may be missed by a slack, the sum of relative slacks is
///    minimised — infeasible even so means the hard structure (pins) is the cause;
/// 2. the targets the elastic plan misses are tried alone, then shrunk by a deletion filter
///    (drop a target; if the rest is still infeasible it was not needed) to a small conflict;
/// 3. for each target of the conflict, the best value reachable with the others in place;
/// 4. the smallest fund growth (a continuous variable scaling every money cap) that makes
///    the whole scenario feasible, rounded up to whole 万元 and checked by a solve.
public struct InfeasibilityDiagnoser: Sendable {
    public var solver: any MILPSolving
    /// Branch-and-bound nodes for each solve of the diagnosis — a work limit, never the clock,
    /// so the same scenario gets the same diagnosis on every run (`MILPOptions.deterministic`).
    /// A test that runs out counts as "could be infeasible" (its target is kept: the conflict
    /// is then not proven minimal); a best value not proven within it is reported with the
    /// solver's bound. Default: `Planner.analysisNodeLimit`.
    public var nodeLimit: Int

    public init(solver: any MILPSolving, nodeLimit: Int = Planner.analysisNodeLimit) {
        self.solver = solver
        self.nodeLimit = nodeLimit
    }

    /// The options of every solve of the diagnosis.
    func options(_ s: Scenario, mipGap: Double = 0) -> MILPOptions {
        MILPOptions(mipGap: mipGap, nodeLimit: nodeLimit, deterministic: true, backend: s.solver.backend)
    }

    /// An objective term that must stay at least as good as a value (`explain`'s "no loss").
    public struct Hold: Sendable {
        public var term: ObjectiveTerm
        public var bound: Rational

        public init(term: ObjectiveTerm, bound: Rational) {
            self.term = term
            self.bound = bound
        }

        func row(_ model: AllocationModel) -> AllocationModel.Row {
            let s = model.scenario
            return AllocationModel.holdRow("hold", model.expression(term.metric, term.filter, period: s.periodIndex(term.period)),
                                           sense: term.sense, bound: bound)
        }
    }

    /// Feasible, infeasible, or nil when the solve did not finish.
    public func isFeasible(_ s: Scenario, hold: Hold? = nil) throws -> Bool? {
        let model = AllocationModel(s)
        let solution = try solver.solve(model.milpModel(extraRows: hold.map { [$0.row(model)] } ?? []),
                                        objective: MILPObjective(sense: .minimize, terms: []),
                                        options: options(s))
        switch solution.status {
        case .optimal, .feasible: return true
        case .infeasible: return false
        case .unbounded, .noSolution: return nil
        }
    }

    /// The plan of `s` that misses `targets` least (relative slack summed), with whether the
    /// solve was proven optimal; nil when even that is infeasible or nothing was found.
    func elasticPlan(_ s: Scenario, relaxing targets: [Target]) throws -> (plan: Plan, proven: Bool)? {
        let (model, expression) = AllocationModel(s).elastic(targets)
        let (objective, _, _) = Planner.objective(expression, sense: .minimize)
        let solution = try solver.solve(model.milpModel(), objective: objective,
                                        options: options(s, mipGap: 1e-9))
        guard solution.status == .optimal || solution.status == .feasible else { return nil }
        return (model.plan(from: solution.values), solution.status == .optimal)
    }

    /// The diagnosis of `s` (meant for an infeasible scenario; for a feasible one the conflict
    /// and the relaxation come back empty).
    public func diagnose(_ s: Scenario) throws -> InfeasibilityDiagnosis {
        let all = s.targets()
        var diagnosis = InfeasibilityDiagnosis(conflict: [], minimal: true, pinned: [], relaxation: [],
                                               fund: s.totalCap, fundNeeded: nil)
        (diagnosis.fundNeeded, diagnosis.fundAtLeast) = try fundNeeded(s)
        diagnosis.commitments = try conflictingCommitments(s)
        guard let (elastic, _) = try elasticPlan(s, relaxing: all) else {
            (diagnosis.pinned, diagnosis.minimal) = try conflictingPins(s.dropping(all))
            return diagnosis
        }
        let missed = all.filter { missedBy(elastic, $0, in: s) }
        diagnosis.relaxation = missed.map { shortfall($0, in: s, plan: elastic, proven: false, bound: nil, allOthers: false) }
        guard !missed.isEmpty else { return diagnosis }

        // Shrink: the missed targets alone usually conflict already; else start from all.
        let others = all.filter { !missed.contains($0) }
        var kept = try isFeasible(s.dropping(others)) == false ? missed : others + missed
        var minimal = true
        for target in kept {
            let trial = kept.filter { $0 != target }
            switch try isFeasible(s.dropping(all.filter { !trial.contains($0) })) {
            case false?: kept = trial
            case true?: break
            case nil: minimal = false
            }
        }
        diagnosis.minimal = minimal
        let context = s.dropping(all.filter { !kept.contains($0) })
        for target in kept {
            // The best for this target with every other target in place, or failing that
            // (another conflict elsewhere) with the other targets of this conflict.
            // The elastic plan is a start when it misses this target only.
            let start = missed == [target] ? elastic : nil
            if let (plan, proven, bound) = try closest(target, in: s, start: start) {
                diagnosis.conflict.append(shortfall(target, in: s, plan: plan, proven: proven, bound: bound, allOthers: true))
            } else if let (plan, proven, bound) = try closest(target, in: context, start: nil) {
                diagnosis.conflict.append(shortfall(target, in: s, plan: plan, proven: proven, bound: bound, allOthers: false))
            }
        }
        return diagnosis
    }

    /// The plan of `s` closest to meeting `target`: for a plain min or max bound, the plan
    /// that optimises the rule's metric with the bound dropped (so its value is the best
    /// reachable, solved like an objective term, proven within `Planner.optimalityTolerance`);
    /// for shares, min_use, floors and funds_per_household, the elastic plan.
    func closest(_ target: Target, in s: Scenario, start: Plan?) throws -> (plan: Plan, proven: Bool, bound: Rational?)? {
        func elastic() throws -> (plan: Plan, proven: Bool, bound: Rational?)? {
            try elasticPlan(s, relaxing: [target]).map { ($0.plan, $0.proven, nil) }
        }
        guard case .rule(let i, let side) = target.kind, !side.isShare else { return try elastic() }
        let rule = s.concreteRules().rules[i]
        guard rule.metric != .fundsPerHousehold else { return try elastic() }
        var free = s.setting(target, to: nil)
        free.objective = [ObjectiveTerm(sense: side == .min ? .maximize : .minimize, metric: rule.metric,
                                        filter: rule.filter, period: rule.period)]
        let plan = try Planner(solver: solver).solve(free, start: start, workLimit: nodeLimit)
        guard plan.hasAllocation, let stage = plan.stages.first, let value = stage.optimum else { return nil }
        // GLPK's gap is |incumbent − bound| / |incumbent|: the bound, rounded outwards.
        let bound = stage.gap.map { gap -> Rational in
            let slack = value.magnitude * Rational(Int((gap * 1e9).rounded(.up)), 1_000_000_000)
            return side == .min ? value + slack : value - slack
        }
        return (plan, plan.status == .optimal, plan.status == .optimal ? nil : bound)
    }

    func missedBy(_ plan: Plan, _ target: Target, in s: Scenario) -> Bool {
        guard let bound = s.bound(of: target) else { return false }
        let value = s.measure(target, in: plan)
        return target.isLower ? value < bound : value > bound
    }

    func shortfall(_ target: Target, in s: Scenario, plan: Plan, proven: Bool, bound: Rational?,
                   allOthers: Bool) -> InfeasibilityDiagnosis.Shortfall {
        let d = s.describe(target)
        var plainBound = false
        if case .rule = target.kind, !target.isShare { plainBound = true }
        return .init(target: target, label: d.label, metric: d.metric, relation: d.relation, location: d.location,
                     bound: s.bound(of: target) ?? .zero, reached: s.measure(target, in: plan),
                     proven: proven && plainBound, bestBound: bound, withAllOtherTargets: allOthers)
    }

    /// The smallest set of pinned-in projects that cannot all be funded (deletion filter).
    /// The commitments that cannot all be kept: when `s` has a plan with no commitment kept,
    /// a deletion filter over them (drop one; if the rest still leaves no plan it was not
    /// needed); empty when there are none or they are not the cause.
    func conflictingCommitments(_ s: Scenario) throws -> [String] {
        var kept = s.committedIDs
        guard !kept.isEmpty, try isFeasible(s.keepingCommitments([])) == true else { return [] }
        for id in kept {
            let trial = kept.filter { $0 != id }
            if try isFeasible(s.keepingCommitments(Set(trial))) == false { kept = trial }
        }
        return kept
    }

    func conflictingPins(_ s: Scenario) throws -> (pins: [String], minimal: Bool) {
        var kept = s.projects.indices.filter { s.projects[$0].pin == .in }
        var minimal = true
        func unpinning(_ keep: [Int]) -> Scenario {
            var t = s
            for j in t.projects.indices where t.projects[j].pin == .in && !keep.contains(j) { t.projects[j].pin = nil }
            return t
        }
        for j in kept {
            let trial = kept.filter { $0 != j }
            switch try isFeasible(unpinning(trial)) {
            case false?: kept = trial
            case true?: break
            case nil: minimal = false
            }
        }
        return (kept.map { s.projects[$0].id }, minimal)
    }

    /// The smallest fund (now, or a whole number of 万元 more) with which `s` is feasible and
    /// `hold` holds, or nil when there is none; when that was not proven in time, a fund that
    /// works and the solver's lower bound on the smallest.
    public func fundNeeded(_ s: Scenario, hold: Hold? = nil) throws -> (fund: Int64?, atLeast: Int64?) {
        guard let fund = s.totalCap, fund > 0,
              let (model, growth) = AllocationModel(s).withFundGrowth() else { return (nil, nil) }
        let solution = try solver.solve(model.milpModel(extraRows: hold.map { [$0.row(model)] } ?? []),
                                        objective: MILPObjective(sense: .minimize, terms: [(growth, 1)]),
                                        options: options(s, mipGap: 1e-9))
        guard solution.status == .optimal || solution.status == .feasible else { return (nil, nil) }
        let atLeast = solution.status == .optimal ? nil
            : solution.bestBound.map { fund + Int64((max(0, $0) * Double(fund)).rounded(.down)) }
        let step: Int64 = 10_000
        let increase = Int64((solution.values[growth] * Double(fund) / Double(step)).rounded(.up)) * step
        // The solver's tolerance may undercut by a few yuan: check, and step up a little.
        for extra in 0..<4 {
            let candidate = fund + increase + Int64(extra) * step
            guard try isFeasible(s.withFund(candidate), hold: hold) == true else { continue }
            // The fund grows in whole steps: a bound within the step below the candidate proves it.
            let proven = atLeast.map { fund + ($0 - fund + step - 1) / step * step >= candidate } ?? true
            return (candidate, proven ? nil : atLeast)
        }
        return (nil, nil)
    }
}
