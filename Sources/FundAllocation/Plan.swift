/// The result of a solve: the allocation and what is known about its optimality.
public struct Plan: Sendable {
    /// What the solve proved.
    public enum Status: String, Sendable {
        /// Every objective stage solved to proven optimality.
        case optimal
        /// A plan that satisfies every rule, optimality not proven (time limit or mip_gap).
        case feasible
        /// No plan satisfies the rules.
        case infeasible
        /// The time limit ran out before any plan was found.
        case noSolution = "no_solution"

        /// True when there is a plan (optimal or feasible).
        public var hasAllocation: Bool { self == .optimal || self == .feasible }
    }

    /// One lexicographic stage.
    public struct Stage: Sendable {
        public var term: ObjectiveTerm
        /// The term's optimum in its own stage (exact value of the stage's plan); nil when the
        /// stage was not solved.
        public var optimum: Rational?
        /// The term's value in the final plan.
        public var value: Rational?
        /// True when the stage optimum was proven.
        public var proven: Bool
        /// The relative gap GLPK reported when the stage stopped early.
        public var gap: Double?

        public init(term: ObjectiveTerm, optimum: Rational? = nil, value: Rational? = nil, proven: Bool = false,
                    gap: Double? = nil) {
            self.term = term
            self.optimum = optimum
            self.value = value
            self.proven = proven
            self.gap = gap
        }
    }

    public var status: Status
    /// Yuan given to each project (scenario order); 0 when unfunded.
    public var amounts: [Int64]
    /// Whether each project is funded (a zero-cost project can be funded with 0 yuan).
    public var funded: [Bool]
    /// For a funded project with a timing window: the index of the period it is paid in.
    public var periodChoice: [Int?]
    /// With sources: yuan from each source (scenario order) to each project; empty otherwise.
    public var sourceAmounts: [[Int64]]
    public var stages: [Stage]
    /// Wall-clock seconds of all solver calls.
    public var seconds: Double
    /// Branch-and-bound nodes over all stages.
    public var nodes: Int
    /// Relative gap when not proven optimal (the largest over the stages), else nil.
    public var gap: Double?
    /// The solver's terminal output (shown with `--verbose`).
    public var solverLog: String
    /// The engines that solved its stages, in order of first use (`GLPK`, `CBC`).
    public var engines: [String] = []

    public init(status: Status, amounts: [Int64], funded: [Bool], periodChoice: [Int?]? = nil,
                sourceAmounts: [[Int64]] = [], stages: [Stage], seconds: Double = 0,
                nodes: Int = 0, gap: Double? = nil, solverLog: String = "") {
        self.status = status
        self.amounts = amounts
        self.funded = funded
        self.periodChoice = periodChoice ?? Array(repeating: nil, count: amounts.count)
        self.sourceAmounts = sourceAmounts
        self.stages = stages
        self.seconds = seconds
        self.nodes = nodes
        self.gap = gap
        self.solverLog = solverLog
    }

    /// True when the plan holds an allocation (optimal or feasible).
    public var hasAllocation: Bool { status.hasAllocation }
}

extension Scenario {
    /// y_j / cost_j of a plan, exact (1 for a funded zero-cost project, 0 when unfunded).
    public func fundedFraction(_ j: Int, in plan: Plan) -> Rational {
        guard plan.funded[j] else { return .zero }
        let cost = projects[j].cost
        return cost == 0 ? .one : Rational(plan.amounts[j]) / Rational(cost)
    }

    /// How much of project j's contribution to `metric` falls in `period` (1 without a period):
    /// a profile pays c_jt/cost_j of its money in t and counts as funded in every period it is
    /// paid in; a timed project falls wholly in the period it is paid in.
    public func periodWeight(_ j: Int, _ metric: Metric, _ period: Int?, choice: Int?) -> Rational {
        guard let period else { return .one }
        let p = projects[j]
        if !p.profile.isEmpty {
            let paid = p.profile[periods[period]] ?? 0
            if metric == .funds { return p.cost == 0 ? .zero : Rational(paid) / Rational(p.cost) }
            return paid > 0 ? .one : .zero
        }
        return choice == period ? .one : .zero
    }

    /// The exact value of `metric` over funded projects matching `filter`, in one period or
    /// over all. For `funds_per_household`, the ratio funds/households (0 with no households).
    /// With a village table, households count each village once (MODEL.md §3).
    public func evaluate(_ metric: Metric, _ filter: Filter = .all, period: Int? = nil, in plan: Plan) -> Rational {
        if metric == .changes { return changes(filter, in: plan) }
        if metric == .moved { return moved(filter, in: plan) }
        if metric == .fundsPerHousehold {
            let households = evaluate(.households, filter, period: period, in: plan)
            return households.isZero ? .zero : evaluate(.funds, filter, period: period, in: plan) / households
        }
        if !villages.isEmpty && (metric == .households || metric == .persons) {
            let households = villageHouseholds(filter, period: period, in: plan)
            return metric == .persons ? households * (personsPerHousehold ?? .zero) : households
        }
        var total = Rational.zero
        for (j, p) in projects.enumerated() where plan.funded[j] && matches(p, filter) {
            guard let c = contribution(of: p, to: metric) else { continue }
            let weight = periodWeight(j, metric, period, choice: plan.periodChoice[j])
            if weight.isZero { continue }
            total += c.scalesWithFunding ? c.perFull * fundedFraction(j, in: plan) * weight : c.perFull
        }
        return total
    }

    /// Households with a village table: each village passing the filter's village conditions
    /// counts once when a funded project passing its project conditions (and funded in the
    /// period) reaches it; projects with an empty `villages` cell count h_j·y_j/cost_j.
    private func villageHouseholds(_ filter: Filter, period: Int?, in plan: Plan) -> Rational {
        // Called for every households figure of a report (per region, category, period, rule):
        // positions instead of a set of id strings, and no walk over unreached villages
        // (province scale, 3,500 projects: ≈ 10 % of a 10 s run's samples before).
        let projectPart = projectPart(filter)
        let readsVillages = filter.conditions.contains { $0.field.readsVillage }
        let reachedBy = villagesReached
        var reached = [Bool](repeating: false, count: villages.count)
        var total = Rational.zero
        for j in projects.indices where plan.funded[j] {
            let weight = periodWeight(j, .households, period, choice: plan.periodChoice[j])
            if weight.isZero { continue }
            if projects[j].villageIDs != nil {
                guard projectPart.conditions.isEmpty || matches(projects[j], projectPart) else { continue }
                for v in reachedBy[j] where !reached[v] {
                    reached[v] = true
                    if !readsVillages || matches(villages[v], filter) { total += villages[v].households }
                }
            } else if matches(projects[j], filter) {
                total += projects[j].households * fundedFraction(j, in: plan) * weight
            }
        }
        return total
    }

    /// The poor households of the village with this id (0 for an unknown id).
    public func households(ofVillage id: String) -> Rational {
        villageIndex[id].map { villages[$0].households } ?? .zero
    }

    /// What additive counting would claim: every funded project's villages counted in full
    /// (and its own households without villages), summed over projects.
    public func additiveHouseholds(in plan: Plan) -> Rational {
        var total = Rational.zero
        for (j, p) in projects.enumerated() where plan.funded[j] {
            if let ids = p.villageIDs {
                total += ids.reduce(Rational.zero) { $0 + households(ofVillage: $1) }
            } else {
                total += p.households * fundedFraction(j, in: plan)
            }
        }
        return total
    }
}
