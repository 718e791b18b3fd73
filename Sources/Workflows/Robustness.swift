import FundAllocation
import Foundation

/// `fundalloc robust` (MODEL.md §9): how sure the plan is when scores and households are
/// uncertain. Every sample re-evaluates eligibility and runs the whole lexicographic solve.
public enum Robustness {
    /// What one sample gave: the solve's status, its first term's optimum, the projects it
    /// funds, and how the nominal plan fares on the sample's data.
    public struct Sample: Sendable, Equatable, Codable {
        public var sample: Int
        public var status: String
        /// The first objective term's optimum (exact text, `Rational.exactText`), when solved.
        public var optimum: String?
        public var funded: [String]
        /// The nominal plan keeps every rule on this sample's data (eligibility included).
        public var nominal_feasible: Bool
        /// The nominal plan's value of the first term on this sample's data.
        public var nominal_value: String?
    }

    /// The plan of the scenario as written, the one every sample is measured against.
    public static func nominalPlan(_ s: Scenario, solver: any MILPSolving, timeLimit: Double?) throws -> Plan {
        try Planner(solver: solver).solve(s, timeLimit: Planner.commandTimeLimit(timeLimit, s))
    }

    /// The samples of `shard` (`i/n`: samples i, i + n, …; nil: all), in order.
    public static func indices(_ count: Int, shard: (index: Int, of: Int)?) -> [Int] {
        guard let shard else { return Array(0..<count) }
        return Array(stride(from: shard.index, to: count, by: shard.of))
    }

    /// Solves `indices` of `scenario`'s uncertainty on `jobs` threads, handing each result to
    /// `emit` in order; stops starting new samples after Ctrl-C. `nominal` is the plan of the
    /// scenario as written. A sample whose solve fails is a status `error`.
    @discardableResult
    public static func run(_ scenario: Scenario, nominal: Plan, indices: [Int], solver: any MILPSolving, jobs: Int,
                           timeLimit: Double?, emit: (Sample) -> Void) -> Int {
        let term = scenario.objective.first
        return ParallelRunner.run(count: indices.count, jobs: jobs, shouldStop: { solver.interruptSignal != nil },
                                  work: { i -> Sample? in
            let k = indices[i]
            let s = scenario.sample(k)
            let nominalFeasible = nominal.hasAllocation && PlanVerifier.violations(of: nominal, in: s).isEmpty
            let nominalValue = term.flatMap { t in
                nominal.hasAllocation ? s.evaluate(t.metric, t.filter, period: s.periodIndex(t.period), in: nominal) : nil
            }
            do {
                let plan = try Planner(solver: solver).solve(s, timeLimit: Planner.commandTimeLimit(timeLimit, s))
                return Sample(sample: k, status: plan.status.rawValue,
                              optimum: plan.hasAllocation ? plan.stages.first?.optimum?.exactText : nil,
                              funded: s.projects.indices.filter { plan.funded[$0] }.map { s.projects[$0].id },
                              nominal_feasible: nominalFeasible, nominal_value: nominalValue?.exactText)
            } catch is SolveInterrupted {
                return nil
            } catch {
                return Sample(sample: k, status: "error", optimum: nil, funded: [], nominal_feasible: nominalFeasible,
                              nominal_value: nominalValue?.exactText)
            }
        }, emit: { _, sample in emit(sample) })
    }

    /// Thresholds of the classes of projects.
    public struct Thresholds: Sendable {
        /// Core: funded in at least this share of the samples (default 0.9).
        public var core: Rational
        /// Exterior: funded in at most this share (default 0.1); borderline between.
        public var exterior: Rational

        public init(core: Rational = Rational(9, 10), exterior: Rational = Rational(1, 10)) {
            self.core = core
            self.exterior = exterior
        }
    }

    /// Min, 5th, 50th and 95th percentile (nearest rank) and max of `values`; nil when empty.
    public struct Distribution: Sendable, Equatable {
        public var min: Rational, p5: Rational, p50: Rational, p95: Rational, max: Rational
        public var count: Int

        public init?(_ values: [Rational]) {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            func rank(_ q: Int) -> Rational { sorted[Swift.max(0, (q * sorted.count + 99) / 100 - 1)] }
            min = sorted[0]; p5 = rank(5); p50 = rank(50); p95 = rank(95); max = sorted[sorted.count - 1]
            count = sorted.count
        }
    }

    /// A run's summary: per project its core index and class, the nominal plan's feasibility
    /// and regret, the first term's optimum distribution.
    public struct Summary: Sendable {
        public enum Class: String, Sendable { case core, borderline, exterior }
        public struct ProjectIndex: Sendable {
            public var id: String
            public var name: String?
            public var region: String?
            /// The share of the samples in which it is funded (infeasible samples fund nothing).
            public var coreIndex: Rational
            public var kind: Class
            /// Funded in the nominal plan.
            public var nominal: Bool
        }

        public var scenarioName: String?
        public var scenarioFile: String
        public var samples: Int
        public var seed: UInt64
        public var term: ObjectiveTerm?
        public var thresholds: Thresholds
        public var projects: [ProjectIndex]
        /// Samples with a plan.
        public var solved: Int
        /// Samples on whose data the nominal plan keeps every rule.
        public var nominalFeasible: Int
        /// Sample optimum − nominal value (maximised; the reverse when minimised), over the
        /// samples where both exist and the nominal plan is feasible.
        public var regret: Distribution?
        public var optimum: Distribution?
        /// Statuses other than optimal, counted.
        public var statuses: [(status: String, count: Int)]
        /// `robust --plan worst|mean`: the robust plan against the nominal one.
        public var robustPlan: RobustPlan?

        /// The summary of `samples` (every sample of the run, in any order).
        public init(_ scenario: Scenario, nominal: Plan, samples: [Sample], thresholds: Thresholds) {
            let samples = samples.sorted { $0.sample < $1.sample }
            let u = scenario.uncertainty ?? Uncertainty()
            scenarioName = scenario.name
            scenarioFile = scenario.file
            self.samples = samples.count
            seed = u.seed
            term = scenario.objective.first
            self.thresholds = thresholds
            var count: [String: Int] = [:]
            for s in samples { for id in s.funded { count[id, default: 0] += 1 } }
            let n = Rational(Swift.max(1, samples.count))
            projects = scenario.projects.enumerated().map { j, p in
                let index = Rational(count[p.id] ?? 0) / n
                let kind: Class = index >= thresholds.core ? .core : index <= thresholds.exterior ? .exterior : .borderline
                return ProjectIndex(id: p.id, name: p.name, region: p.region, coreIndex: index, kind: kind,
                                    nominal: nominal.hasAllocation && nominal.funded[j])
            }.sorted { $0.coreIndex != $1.coreIndex ? $0.coreIndex > $1.coreIndex : $0.id < $1.id }
            solved = samples.filter { $0.optimum != nil }.count
            nominalFeasible = samples.filter(\.nominal_feasible).count
            let maximize = term?.sense != .minimize
            regret = Distribution(samples.compactMap { s in
                guard s.nominal_feasible, let o = s.optimum.flatMap(Rational.init(exactText:)),
                      let v = s.nominal_value.flatMap(Rational.init(exactText:)) else { return nil }
                return maximize ? o - v : v - o
            })
            optimum = Distribution(samples.compactMap { $0.optimum.flatMap(Rational.init(exactText:)) })
            var statusCount: [String: Int] = [:]
            for s in samples where s.status != Plan.Status.optimal.rawValue { statusCount[s.status, default: 0] += 1 }
            statuses = statusCount.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }
}

extension Robustness {
    /// What the robust plan optimises over the samples.
    public typealias PlanKind = SampledTerm.Aggregate

    /// A robust plan against the nominal one, each measured on the first term: as written, in
    /// the worst sample and on average.
    public struct RobustPlan: Sendable {
        public var kind: PlanKind
        public var plan: Plan
        public var funded: [String]
        public var nominalValue: Rational, worst: Rational, mean: Rational
        /// The nominal plan on the same samples.
        public var nominalPlanValue: Rational, nominalPlanWorst: Rational, nominalPlanMean: Rational
    }

    /// The plan, feasible for the scenario as written, that makes the worst case (`worst`) or
    /// the mean (`mean`) of the first objective term over `indices` best, then follows the
    /// scenario's later terms and its tie-break (`Planner.solve(_:sampled:)`): one model with a
    /// copy of the term's metric per sample (only the objective's data varies: eligibility
    /// and the rules are the scenario's). Nil when the scenario has no first term or no plan.
    public static func robustPlan(_ s: Scenario, nominal: Plan, indices: [Int], kind: PlanKind,
                                  solver: any MILPSolving, timeLimit: Double?) throws -> RobustPlan? {
        guard let term = s.objective.first, !indices.isEmpty else { return nil }
        let worst = SampledTerm(.worst, over: indices.map { s.sample($0) })
        let mean = SampledTerm(.mean, over: worst.samples)
        let plan = try Planner(solver: solver).solve(s, timeLimit: timeLimit, sampled: kind == .worst ? worst : mean)
        guard plan.hasAllocation else { return nil }
        let period = s.periodIndex(term.period)
        func measure(_ p: Plan) -> (Rational, Rational, Rational) {
            (s.evaluate(term.metric, term.filter, period: period, in: p), worst.value(term, in: p), mean.value(term, in: p))
        }
        let (value, worstValue, meanValue) = measure(plan)
        let (nv, nw, nm) = nominal.hasAllocation ? measure(nominal) : (.zero, .zero, .zero)
        return RobustPlan(kind: kind, plan: plan, funded: s.projects.indices.filter { plan.funded[$0] }.map { s.projects[$0].id },
                          nominalValue: value, worst: worstValue, mean: meanValue, nominalPlanValue: nv, nominalPlanWorst: nw,
                          nominalPlanMean: nm)
    }
}
