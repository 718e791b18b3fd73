import Foundation
import FundAllocation

/// `explain`: why each decision of a plan is what it is, by re-solving the scenario with one
/// thing changed (docs/explain.md). Every comparison is of the first objective term's best
/// value (its stage optimum): the plan's own value may trade up to `within` of it for later
/// terms, the best value does not.
public struct Explanation: Sendable {
    /// The first objective term's best value in a re-solve.
    public struct Outcome: Sendable {
        public var status: Plan.Status
        /// The best value of the first objective term (nil without a plan).
        public var optimum: Rational?
        public var proven: Bool
    }

    /// An eligible project the plan does not fund, forced in.
    public struct ForcedIn: Sendable {
        public var id: String
        public var name: String?
        public var region: String?
        public var cost: Int64
        public var households: Rational
        /// Pinned out in the scenario: forcing it in lifts the pin, so the loss may be negative
        /// (what the pin costs).
        public var pinnedOut: Bool
        public var outcome: Outcome
        /// How much worse the best value is with it forced in (≥ 0 unless pinned out); nil when infeasible.
        public var loss: Rational?
        /// When forcing it in is infeasible: which targets stop it.
        public var stoppedBy: InfeasibilityDiagnosis?
        /// The smallest fund (whole 万元 more) with which it can be funded at no loss to the
        /// best value; nil when it costs nothing now or no fund is enough.
        public var fundNeeded: Int64?
        /// The solver's lower bound on that fund when it was not proven the least in time.
        public var fundAtLeast: Int64?
    }

    /// A funded project, forced out.
    public struct ForcedOut: Sendable {
        public var id: String
        public var name: String?
        public var region: String?
        public var funds: Int64
        /// Pinned in in the scenario: forcing it out lifts the pin (the loss may be negative).
        public var pinnedIn: Bool
        public var outcome: Outcome
        /// How much worse the best value is without it (≥ 0 unless pinned in; nil when
        /// infeasible without it, e.g. a required project).
        public var loss: Rational?
    }

    /// A bound of the scenario (a rule's side, min_use, a portfolio floor, the fund, a tranche,
    /// a source), its value in the plan, and what relaxing it by one step is worth.
    public struct Bound: Sendable {
        public var label: String
        public var metric: String
        public var relation: String
        public var location: SourceLocation?
        /// A share (0…1) for shares and min_use; yuan for money.
        public var isShare: Bool
        public var bound: Rational
        public var value: Rational
        /// How far the plan is from the bound (≥ 0).
        public var slack: Rational
        public var binds: Bool
        /// The bound relaxed by one step: 1 % of it (whole 万元 for money, whole units for
        /// counts), one percentage point for shares.
        public var relaxed: Rational
        public var outcome: Outcome
        /// How much better the best value is with the bound relaxed (≥ 0).
        public var gain: Rational?
    }

    public var base: PlanReport
    /// The term the comparisons are made on.
    public var term: ObjectiveTerm?
    public var baseOutcome: Outcome
    public var unfunded: [ForcedIn]
    public var funded: [ForcedOut]
    public var bounds: [Bound]
    /// How the worth of a bound was found.
    public let method = "re-solve with the bound moved"
}

public enum Explainer {
    /// Explains `scenario`'s plan (only `project` when given). The plan is solved as by
    /// `Solving.report` (`timeLimit`, else the scenario's, else `Planner.defaultTimeLimit`); every
    /// re-solve stops on `Planner.analysisNodeLimit` nodes, never on the clock; `jobs` threads
    /// share them. `boundsOnly`: only the bounds' worth (the report's use).
    public static func explain(_ scenario: Scenario, solver: any MILPSolving, project: String? = nil, boundsOnly: Bool = false,
                               jobs: Int, timeLimit: Double? = nil,
                               progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> Explanation {
        let (plan, base) = try Solving.report(scenario, solver: solver, timeLimit: timeLimit, diagnose: true)
        let term = scenario.objective.first
        let first = firstStage(scenario)
        let baseOutcome = try outcome(first, solver)
        var explanation = Explanation(base: base, term: term, baseOutcome: baseOutcome, unfunded: [], funded: [], bounds: [])
        guard plan.hasAllocation, let term, let best = baseOutcome.optimum else { return explanation }

        @Sendable func loss(_ o: Explanation.Outcome) -> Rational? {
            o.optimum.map { term.sense == .maximize ? best - $0 : $0 - best }
        }
        let diagnoser = InfeasibilityDiagnoser(solver: solver)
        let hold = InfeasibilityDiagnoser.Hold(term: term, bound: term.sense == .maximize
            ? best - Planner.holdSlack * max(.one, best.magnitude) : best + Planner.holdSlack * max(.one, best.magnitude))

        enum Task { case forceIn(Int), forceOut(Int), bound(BoundChange) }
        enum Done: Sendable { case forcedIn(Explanation.ForcedIn), forcedOut(Explanation.ForcedOut), bound(Explanation.Bound) }
        var tasks: [Task] = []
        for (j, p) in scenario.projects.enumerated() where !boundsOnly && (project == nil || p.id == project) {
            guard scenario.ineligibility(of: p) == nil else { continue }
            tasks.append(plan.funded[j] ? .forceOut(j) : .forceIn(j))
        }
        if project == nil { tasks += boundChanges(scenario, plan, base).map { .bound($0) } }
        let work = tasks
        var results: [Done?] = Array(repeating: nil, count: tasks.count)
        let failureBox = FirstError()
        ParallelRunner.run(count: work.count, jobs: jobs, shouldStop: { solver.interruptSignal != nil }, work: { i -> Done? in
            do {
                switch work[i] {
                case .forceIn(let j):
                    let p = scenario.projects[j]
                    var pinned = first
                    pinned.projects[j].pin = .in
                    let o = try outcome(pinned, solver)
                    var item = Explanation.ForcedIn(id: p.id, name: p.name, region: p.region, cost: p.cost, households: p.households,
                                                    pinnedOut: p.pin == .out, outcome: o, loss: loss(o))
                    if o.status == .infeasible {
                        item.stoppedBy = try diagnoser.diagnose(pinned)
                    }
                    if o.status == .infeasible || (item.loss.map { $0 > .zero } ?? false) {
                        (item.fundNeeded, item.fundAtLeast) = try diagnoser.fundNeeded(pinned, hold: hold)
                    }
                    return .forcedIn(item)
                case .forceOut(let j):
                    let p = scenario.projects[j]
                    var pinned = first
                    pinned.projects[j].pin = .out
                    let o = try outcome(pinned, solver)
                    return .forcedOut(Explanation.ForcedOut(id: p.id, name: p.name, region: p.region, funds: plan.amounts[j],
                                                            pinnedIn: p.pin == .in, outcome: o, loss: loss(o)))
                case .bound(let change):
                    let o = try outcome(change.apply(first), solver)
                    var item = change.bound
                    item.outcome = o
                    item.gain = loss(o).map { -$0 }
                    return .bound(item)
                }
            } catch is SolveInterrupted {
                return nil
            } catch {
                failureBox.set(error)
                return nil
            }
        }, emit: { i, done in
            results[i] = done
            progress?(i + 1, work.count)
        })
        if let failure = failureBox.error { throw failure }
        if let signal = solver.interruptSignal { throw SolveInterrupted(signal: signal) }
        for case let done? in results {
            switch done {
            case .forcedIn(let item): explanation.unfunded.append(item)
            case .forcedOut(let item): explanation.funded.append(item)
            case .bound(let item): explanation.bounds.append(item)
            }
        }
        return explanation
    }

    /// The scenario with only its first objective term, held exactly (what every comparison solves).
    static func firstStage(_ s: Scenario) -> Scenario {
        var s = s
        if var term = s.objective.first {
            term.within = .zero
            s.objective = [term]
        }
        return s
    }

    /// The first term's optimum of `s`, on a node limit (the same on every run).
    static func outcome(_ s: Scenario, _ solver: any MILPSolving) throws -> Explanation.Outcome {
        // Only the optimum is compared: which of the equally good plans reaches it does not matter.
        let plan = try Planner(solver: solver, breakTies: false).solve(s, workLimit: Planner.analysisNodeLimit)
        return Explanation.Outcome(status: plan.status, optimum: plan.hasAllocation ? plan.stages.first?.optimum : nil,
                                   proven: plan.status == .optimal)
    }

    /// One bound and how to relax it by one step.
    struct BoundChange: Sendable {
        var bound: Explanation.Bound
        var apply: @Sendable (Scenario) -> Scenario
    }

    /// Every bound of the scenario with its value in `plan` (`report` is its report): the
    /// fund, the tranches, the sources, then the targets (`Scenario.targets()`).
    static func boundChanges(_ s: Scenario, _ plan: Plan, _ report: PlanReport) -> [BoundChange] {
        var changes: [BoundChange] = []
        /// A money cap `cap` (shown as `shown`, the cap the plan's `value` is measured against:
        /// the cumulative cap for a tranche with carry-over) relaxed by one step.
        func money(_ label: String, _ cap: Int64, _ value: Rational, shown: Int64? = nil,
                   _ apply: @escaping @Sendable (Scenario, Int64) -> Scenario) {
            let step = max(10_000, ((cap / 100 + 9_999) / 10_000) * 10_000)
            let limit = shown ?? cap
            let slack = Rational(limit) - value
            changes.append(BoundChange(
                bound: Explanation.Bound(label: label, metric: "funds", relation: "≤", location: nil, isShare: false,
                                         bound: Rational(limit), value: value, slack: slack, binds: binds(slack, Rational(limit)),
                                         relaxed: Rational(limit + step), outcome: .init(status: .noSolution, optimum: nil, proven: false)),
                apply: { apply($0, cap + step) }))
        }
        let funds = s.evaluate(.funds, in: plan)
        if let size = s.totalCap { money("budget.total", size, funds) { $0.withFund($1) } }
        var cumulative = Rational.zero
        for (t, period) in s.periods.enumerated() {
            let paid = s.evaluate(.funds, period: t, in: plan)
            cumulative += paid
            guard let cap = s.budget.byPeriod[period] else { continue }
            let cumulativeCap = s.periods.prefix(t + 1).compactMap { s.budget.byPeriod[$0] }.reduce(0, +)
            let label = "budget.by_period.\(period)"
            if s.budget.carryOver {
                // With carry-over the bound is cumulative: what the plan pays up to the period
                // against the tranches up to it (relaxing the period's tranche one step).
                money("budget.cumulative.\(period)", cap, cumulative, shown: cumulativeCap) { var s = $0; s.budget.byPeriod[period] = $1; return s }
            } else {
                money(label, cap, paid) { var s = $0; s.budget.byPeriod[period] = $1; return s }
            }
        }
        for (f, source) in s.sources.enumerated() {
            let used = report.sources.first { $0.id == source.id }?.used ?? 0
            money("sources.\(source.id).amount", source.amount, Rational(used)) { var s = $0; s.sources[f].amount = $1; return s }
        }
        for target in s.targets() {
            guard let bound = s.bound(of: target) else { continue }
            let d = s.describe(target)
            let value = s.measure(target, in: plan)
            let isShare = target.isShare
            let step = self.step(bound, metric: d.metric, isShare: isShare)
            let relaxed = target.isLower ? bound - step : bound + step
            let slack = target.isLower ? value - bound : bound - value
            changes.append(BoundChange(
                bound: Explanation.Bound(label: d.label, metric: d.metric, relation: d.relation, location: d.location,
                                         isShare: isShare, bound: bound, value: value, slack: slack, binds: binds(slack, bound),
                                         relaxed: relaxed, outcome: .init(status: .noSolution, optimum: nil, proven: false)),
                apply: { $0.setting(target, to: relaxed) }))
        }
        return changes
    }

    static func binds(_ slack: Rational, _ bound: Rational) -> Bool {
        slack.magnitude <= max(.one, bound.magnitude) * Rational(1, 1_000_000)
    }

    /// One step of a bound: one percentage point for a share; else 1 % of the bound, in whole
    /// 万元 for money (funds, moved) and whole units for counts (households, persons, projects,
    /// changes; at least one of either).
    static func step(_ bound: Rational, metric: String, isShare: Bool) -> Rational {
        if isShare { return Rational(1, 100) }
        let one = bound.magnitude / Rational(100)
        switch metric {
        case "funds", "moved":
            return Rational(10_000) * max(.one, Rational((one / Rational(10_000)).ceiling))
        case "households", "persons", "projects", "changes":
            return max(.one, Rational(one.ceiling))
        default:
            return one.isZero ? .one : one
        }
    }
}

/// The first error a worker thread met.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?
    func set(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
}
