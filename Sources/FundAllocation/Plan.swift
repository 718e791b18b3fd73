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
    public var stages: [Stage]
    /// Wall-clock seconds of all solver calls.
    public var seconds: Double
    /// Branch-and-bound nodes over all stages.
    public var nodes: Int
    /// Relative gap when not proven optimal (the largest over the stages), else nil.
    public var gap: Double?
    /// The solver's terminal output (shown with `--verbose`).
    public var solverLog: String

    public init(status: Status, amounts: [Int64], funded: [Bool], stages: [Stage], seconds: Double = 0,
                nodes: Int = 0, gap: Double? = nil, solverLog: String = "") {
        self.status = status
        self.amounts = amounts
        self.funded = funded
        self.stages = stages
        self.seconds = seconds
        self.nodes = nodes
        self.gap = gap
        self.solverLog = solverLog
    }

    /// True when the plan holds an allocation (optimal or feasible).
    public var hasAllocation: Bool { status == .optimal || status == .feasible }
}

extension Scenario {
    /// y_j / cost_j of a plan, exact (1 for a funded zero-cost project, 0 when unfunded).
    public func fundedFraction(_ j: Int, in plan: Plan) -> Rational {
        guard plan.funded[j] else { return .zero }
        let cost = projects[j].cost
        return cost == 0 ? .one : Rational(plan.amounts[j]) / Rational(cost)
    }

    /// The exact value of `metric` over funded projects matching `filter`. For
    /// `funds_per_household` the ratio funds/households (nil-safe: 0 households gives 0).
    public func evaluate(_ metric: Metric, _ filter: Filter = .all, in plan: Plan) -> Rational {
        if metric == .fundsPerHousehold {
            let households = evaluate(.households, filter, in: plan)
            return households.isZero ? .zero : evaluate(.funds, filter, in: plan) / households
        }
        var total = Rational.zero
        for (j, p) in projects.enumerated() where plan.funded[j] && matches(p, filter) {
            guard let c = contribution(of: p, to: metric) else { continue }
            total += c.scalesWithFunding ? c.perFull * fundedFraction(j, in: plan) : c.perFull
        }
        return total
    }
}
