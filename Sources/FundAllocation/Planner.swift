import Foundation

/// Solves a scenario's lexicographic objective (MODEL.md §4) with a MILP backend.
///
/// Stage k optimises term k with every earlier term held at `opt − within·|opt|` (maximised)
/// or `opt + within·|opt|` (minimised), where opt is the exact value of the term in stage k's
/// rounded plan; `hold(_:_:sense:bound:in:)` says how exactly a hold is kept, and `cap` how
/// each later solve is kept from going past the bound an earlier stage proved. Each stage
/// starts from the previous stage's plan and root LP basis. After the last term, the
/// tie-break stage (`tieBreak`) picks one of the equally good plans, and where its sum ties,
/// `orderTies` the first in scenario order. The time limit covers all stages.
public struct Planner: Sendable {

    /// A stage whose relative gap is at most this counts as solved to optimality (the
    /// tolerance the conformance cases use). Without it GLPK can spend minutes closing the last
    /// 10⁻⁶ of a bound on fractional household counts: the Xianyang budget cut with timing
    /// windows had its optimum after 2,571 simplex iterations and its bound 3·10⁻⁶ away after
    /// 115,000. `solver.mip_gap: 0` asks for an exact proof instead.
    public static let optimalityTolerance = 1e-6

    public var solver: any MILPSolving
    /// Start each stage from the previous stage's plan (GLPK then runs without its presolver).
    /// Measured (release, median of 5): Xianyang baseline 65 ms warm vs 327 ms cold (1,773
    /// nodes); the strict-gate and village scenarios are faster cold (10 vs 35 ms, 27 vs 58 ms),
    /// where presolve matters more. Warm is the default: it bounds the worst case.
    public var warmStart: Bool

    /// After the last term, pick among the equally good plans by the documented rule
    /// (`tieBreak`). Off only where a caller needs nothing but the stage optima.
    public var breakTies: Bool

    /// Called as each objective stage starts, with its 0-based number, the number of stages and
    /// the term (for progress lines; it must not block).
    public var stageStarted: (@Sendable (_ stage: Int, _ count: Int, _ term: ObjectiveTerm) -> Void)?

    /// What time limits are measured on (`TimeBudget.monotonic`; tests hand a clock of their own).
    public var clock: @Sendable () -> Double

    public init(solver: any MILPSolving, warmStart: Bool = true, breakTies: Bool = true,
                stageStarted: (@Sendable (Int, Int, ObjectiveTerm) -> Void)? = nil,
                clock: @escaping @Sendable () -> Double = TimeBudget.monotonic) {
        self.solver = solver
        self.warmStart = warmStart
        self.breakTies = breakTies
        self.stageStarted = stageStarted
        self.clock = clock
    }

    /// Seconds for a whole solve of a command (`Solving.report`: solve, sweep, frontier,
    /// compare, report, explain's plan) when neither `--time-limit` nor the scenario's
    /// `solver.time_limit` sets one: no run is unbounded by default. A minute covers every
    /// shipped scenario (under 0.1 s each), the OR-Library proofs (mknapcb1-1: 20 s) and the
    /// province-scale benchmark's budget; a planner who wants more sets it. `Planner.solve`
    /// itself has no default (a library caller, or a test that must reach a proof whatever the
    /// machine's load, gets none).
    public static let defaultTimeLimit = 60.0

    /// The limit of a command's whole solve: `given` (`--time-limit`), else the scenario's
    /// `solver.time_limit`, else `defaultTimeLimit`.
    public static func commandTimeLimit(_ given: Double?, _ scenario: Scenario) -> Double {
        given ?? scenario.solver.timeLimit ?? defaultTimeLimit
    }

    /// Branch-and-bound nodes for each solve of the analyses around a plan — the infeasibility
    /// diagnosis, `explain`, `--alternatives`: a work limit instead of the clock, so that they
    /// give the same numbers on every run, whatever the machine's load. A number not proven
    /// within it is reported as a range or marked unproven. Measured on the Xianyang baseline
    /// with an 8000万 fund (release, 2 cores): 5,000 nodes 6.3 s, first county's reach
    /// 1,106.72–1,168.1; 10,000: 12.3 s, 1,136.01–1,168.06; 20,000: 24–28 s, 1,166.93–1,167.94
    /// (with 5 s clock limits it was ≈ 1,166.9–1,167.8 and changed on every run).
    public static let analysisNodeLimit = 20_000

    /// Solves `scenario`. `timeLimit`/`mipGap` override the scenario's `solver` block.
    /// `start`: a plan of the scenario to start the first stage from (a known feasible plan).
    /// `workLimit`: stop every stage after this many branch-and-bound nodes instead of on the
    /// clock (`MILPOptions.deterministic`: the same answer on every run, whatever the load) —
    /// what the diagnosis, explain and alternatives use.
    /// `sampled`: the first stage makes the first term's worst case or mean over samples of
    /// the data best instead of its value as written (`robust --plan`); it is held at its
    /// optimum (not within the term's window), and the later terms and the tie-break follow.
    public func solve(_ scenario: Scenario, timeLimit: Double? = nil, mipGap: Double? = nil, start: Plan? = nil,
                      workLimit: Int? = nil, sampled: SampledTerm? = nil) throws -> Plan {
        // Building the model counts against the time limit too.
        let budget = TimeBudget(limit: workLimit != nil ? nil : timeLimit ?? scenario.solver.timeLimit, clock: clock)
        var run = Run(scenario, gapTarget: mipGap ?? scenario.solver.mipGap ?? Planner.optimalityTolerance,
                      workLimit: workLimit, start: start, sampled: sampled)
        for (k, term) in scenario.objective.enumerated() {
            if budget.isSpent { break }
            stageStarted?(k, scenario.objective.count, term)
            if let unsolved = try runStage(k, term, &run, budget) { return unsolved }
        }
        guard var plan = run.current?.plan else { return try solveForFeasibility(&run, budget) }
        if breakTies, run.windows.count == scenario.objective.count, let last = run.stages.last?.optimum, !budget.isSpent,
           let tie = try breakTie(&run, lastOptimum: last, budget) {
            plan = tie
        }
        plan.stages = run.stages
        return try finish(plan, run, holds: run.checked)
    }

    /// What a solve carries from stage to stage.
    private struct Run {
        let scenario: Scenario
        let model: AllocationModel
        /// The robust plan's first stage (`solve(_:sampled:)`).
        let sampled: SampledStage?
        /// The model in solver form (`AllocationModel.solverForm`); holds are added to it.
        let base: MILPModel
        let gapTarget: Double
        let workLimit: Int?
        /// The given start plan's column values.
        let startValues: [Double]?
        /// `AllocationModel.integralityTolerance`, the same for every solve of the run.
        let integralityTolerance: Double?
        var log: String
        /// The last root LP's optimal basis: the next stage starts from it.
        var basis: MILPBasis?
        var holds: [AllocationModel.Row] = []     // what the solver sees (`hold`)
        var checked: [AllocationModel.Row] = []   // what every plan is re-checked against (`hold`)
        var windows: [[AllocationModel.Row]] = [] // the same at the contract's exact bounds, per stage
        var caps: [AllocationModel.Row] = []       // each solved stage's bound (`cap`): for the solver only
        var stages: [Plan.Stage]
        var current: (plan: Plan, values: [Double])?
        var nodes = 0
        var seconds = 0.0
        var engines: [String] = []

        init(_ scenario: Scenario, gapTarget: Double, workLimit: Int?, start: Plan?, sampled: SampledTerm?) {
            self.scenario = scenario
            var model = AllocationModel(scenario)
            self.sampled = SampledStage(&model, sampled)
            self.model = model
            let (base, moved) = model.solverForm()
            self.base = base
            self.gapTarget = gapTarget
            self.workLimit = workLimit
            integralityTolerance = model.integralityTolerance
            startValues = start.map { [model] in model.exactValues(of: $0).map(\.doubleValue) }
            func bounds(_ row: AllocationModel.Row) -> String { "[\(row.lower?.description ?? "−∞"), \(row.upper?.description ?? "∞")]" }
            log = moved.map { row in
                "fundalloc: \(row.name): bounds moved onto the values its integer terms can take: \(bounds(row.before)) → \(bounds(row.after))\n"
            }.joined()
            stages = scenario.objective.map { Plan.Stage(term: $0, optimum: nil, value: nil, proven: false, gap: nil) }
        }

        /// A plan with nothing funded and the stages so far, for a solve that ends without one.
        func unsolved(_ status: Plan.Status) -> Plan {
            let empty = [Int64](repeating: 0, count: scenario.projects.count)
            return Plan(status: status, amounts: empty, funded: empty.map { _ in false }, stages: stages,
                        seconds: seconds, nodes: nodes, solverLog: log)
        }

        /// Options for the next solve: the run's gap target and work limit.
        func options(timeLimit: Double?, start: [Double]? = nil, basis: MILPBasis? = nil, nodeLimit: Int? = nil,
                     softTimeLimit: Double? = nil) -> MILPOptions {
            MILPOptions(timeLimit: timeLimit, mipGap: gapTarget, start: start, basis: basis, nodeLimit: nodeLimit ?? workLimit,
                        softTimeLimit: softTimeLimit, deterministic: workLimit != nil,
                        integralityTolerance: integralityTolerance, backend: scenario.solver.backend)
        }

        /// Adds a solve's nodes, seconds and log (closed by `stageLine` for `stage`).
        mutating func count(_ solution: MILPSolution, _ stage: String?) {
            nodes += solution.nodes
            seconds += solution.seconds
            if !solution.engine.isEmpty && !engines.contains(solution.engine) { engines.append(solution.engine) }
            log += solution.log + (stage.map { Planner.stageLine($0, solution) } ?? "")
        }
    }

    /// Stage `k`: optimises `term` with every earlier term held. Returns a plan only when the
    /// solve ends here (the first stage found it infeasible, or found nothing in its time);
    /// otherwise the stage's plan, optimum and hold are in `run`.
    private func runStage(_ k: Int, _ term: ObjectiveTerm, _ run: inout Run, _ budget: TimeBudget) throws -> Plan? {
        let scenario = run.scenario
        let share = budget.share(stage: k, of: scenario.objective.count)
        let objective = Planner.stageObjective(k, term, model: run.model, sampled: run.sampled)
        // Until there is a plan, the stage may go on past its share while it has none.
        let options = run.options(timeLimit: run.current == nil ? budget.left : share,
                                  start: warmStart ? run.current?.values ?? run.startValues : nil,
                                  basis: warmStart ? run.basis : nil, softTimeLimit: run.current == nil ? share : nil)
        let solution = try solveStage(run.base, holds: run.holds + objective.rows, caps: run.caps,
                                      expression: objective.expression, sense: term.sense, stepped: objective.stepped,
                                      options: options)
        if let basis = solution.basis {
            run.basis = Planner.nextBasis(basis, kept: run.base.rows.count + run.holds.count, added: objective.held.count,
                                          dropped: objective.rows.count)
        }
        run.count(solution, "stage \(k + 1) (\(term))")
        switch solution.status {
        case .infeasible where run.current == nil: return run.unsolved(.infeasible)
        case .noSolution where run.current == nil: return run.unsolved(.noSolution)
        case .unbounded: throw PlanningError.solverFailed("the relaxation of '\(term)' is unbounded")
        case .optimal, .feasible, .infeasible, .noSolution: break
        }
        // A later stage always has the previous plan as a solution: one that found nothing
        // (time ran out before GLPK took the start) keeps that plan, and its term is held there
        // like any stage stopped early (gap unknown).
        var found = solution.status == .optimal || solution.status == .feasible
        var candidate = found ? run.model.plan(from: solution.values) : nil
        if let plan = candidate, run.current != nil, !Planner.satisfies(plan, run.checked, run.model) {
            // Within the solver's tolerances but past a hold in exact arithmetic: kept out, as
            // if the stage had found nothing.
            run.log += "fundalloc: stage \(k + 1): the solver's plan gives up more of an earlier term than its hold allows; the previous plan is kept\n"
            found = false
            candidate = nil
        }
        let values = found ? solution.values : run.current!.values
        let plan = candidate ?? run.current!.plan
        let exact = objective.value(plan)
        let proven = solution.status == .optimal
            || (found && solution.gap.map { $0 <= min(run.gapTarget, Planner.optimalityTolerance) } ?? false)
        run.stages[k].optimum = exact
        run.stages[k].proven = proven
        run.stages[k].gap = proven || !found ? nil : solution.gap
        run.current = (plan, values)
        let window = objective.within * exact.magnitude
        let bound = term.sense == .maximize ? exact - window : exact + window
        let names = objective.held.count == 1 ? ["hold\(k + 1)"] : objective.held.indices.map { "hold\(k + 1)_\($0)" }
        if found, let cap = Planner.cap("cap\(k + 1)", objective, sense: term.sense, value: exact, solution: solution,
                                    in: run.model) {
            run.caps.append(cap)
        }
        run.windows.append(zip(names, objective.held).map { AllocationModel.holdRow($0, $1, sense: term.sense, bound: bound) })
        for (name, e) in zip(names, objective.held) {
            let held = Planner.hold(name, e, sense: term.sense, bound: bound, in: run.model)
            run.holds.append(held.solver)
            run.checked.append(held.checked)
        }
        return nil
    }

    /// No stage ran (a time limit of zero) or the objective is empty: any plan that keeps
    /// every rule.
    private func solveForFeasibility(_ run: inout Run, _ budget: TimeBudget) throws -> Plan {
        let solution = try solveStage(run.base, holds: [], expression: LinearExpression(), sense: .minimize, stepped: true,
                                      options: run.options(timeLimit: budget.limit))
        run.count(solution, nil)
        guard solution.status == .optimal || solution.status == .feasible else {
            return run.unsolved(solution.status == .infeasible ? .infeasible : .noSolution)
        }
        return try finish(run.model.plan(from: solution.values), run, holds: [])
    }

    /// The share of the time left that stage `stage` (0-based) of `count` may use; what a stage
    /// does not use passes on. The first stage gets half (all when it is the only one), and
    /// while it has no plan it may go on to the whole limit: without its plan there is nothing
    /// to report, while a later stage that runs out of time keeps the plan before it (province
    /// scale, stage 1 needs 5.2 s: with a 12 s limit an equal third ended with no plan; with
    /// 6 s, half did). Later stages share the rest equally, so one that cannot finish leaves
    /// time for the terms after it (province scale: all three stages reached in 60 s instead
    /// of two).
    public static func timeShare(stage: Int, of count: Int) -> Double {
        stage == 0 ? 1 / Double(min(2, count)) : 1 / Double(count - stage)
    }

    /// The tie-break stage: maximises `tieBreak` among the plans equally good on every term —
    /// each earlier term within its window, the last at `lastOptimum`, all at the contract's
    /// exact bounds (`run.windows`, no slack: a plan the solver accepts within its tolerances
    /// but outside them is not taken), starting from the last stage's plan and basis, within
    /// `tieBreakNodes` nodes and half of what is left of the time (`tieBreakShare`). Nil when
    /// no project has a cost (nothing to order) or the stage found no plan that passes.
    private func breakTie(_ run: inout Run, lastOptimum: Rational, _ budget: TimeBudget) throws -> Plan? {
        let objective = Planner.tieBreak(run.model)
        guard !objective.terms.isEmpty, let last = run.windows.last, let term = run.scenario.objective.last,
              let current = run.current else { return nil }
        let equallyGood = run.windows.dropLast().flatMap { $0 }
            + last.map { AllocationModel.holdRow($0.name, $0.expression, sense: term.sense, bound: lastOptimum) }
        // The last stage's plan starts the search only when it is one of the equally good plans
        // in exact arithmetic: one the stages' holds let in within their slack (`hold`) would be
        // taken by the solver as the incumbent within its tolerances and prune every better plan
        // inside the exact windows, and the plan reported would depend on which plan the last
        // stage happened to find (the Xianyang baseline at 1.17亿: 325,428 from one such plan,
        // 325,396 proven within the windows from another).
        let start = Planner.satisfies(current.plan, equallyGood, run.model) ? current.values : nil
        // No relative gap: two plans 10⁻⁶ apart in Σ (N − j)·funds_j are different plans (the
        // objective is whole: the search proves its optimum by the step), and a gap would let
        // each engine stop at another of them.
        var options = run.options(timeLimit: budget.left.map { $0 * Planner.tieBreakShare }, start: start, basis: run.basis,
                                  nodeLimit: min(Planner.tieBreakNodes, run.workLimit ?? .max))
        options.mipGap = 0
        options.tieBreak = true
        let solution = try solveStage(run.base, holds: equallyGood, caps: run.caps, expression: objective, sense: .maximize,
                                      stepped: true, options: options)
        run.count(solution, "tie-break")
        guard solution.status == .optimal || solution.status == .feasible else { return nil }
        let candidate = run.model.plan(from: solution.values)
        guard Planner.satisfies(candidate, equallyGood, run.model) else { return nil }
        // Only a proven optimum of the sum has its ties ordered: a plan the stage did not prove
        // best is the search's choice anyway.
        guard solution.status == .optimal else { return candidate }
        let sum = objective.value(run.model.exactValues(of: candidate))
        let tied = equallyGood + [AllocationModel.Row(name: "tie", expression: objective, lower: sum, upper: sum)]
        return try orderTies(candidate, basis: solution.basis, &run, tied: tied, budget)
    }

    /// Where Σ (N − j)·funds_j itself ties, the rule goes on in scenario order
    /// (docs/scenario-format.md, "Ties between equally good plans"): of the `tied` plans (equally
    /// good on every term and on the sum, in exact arithmetic) the one that gives the first
    /// project where they differ more — a total order, so the plan is the same whatever the
    /// engine and its search path. Almost always `plan` is the only tied plan, which two searches
    /// prove: no tied plan funds other projects (`otherProjects`), none gives a partly funded
    /// project other amounts (`otherAmounts`). Otherwise, project by project in scenario order,
    /// the most it can get with the projects before it kept at theirs (over the partly funded
    /// projects only, when the funded set is the same in every tied plan). Each search within
    /// `tieBreakNodes` nodes and the tie-break's share of the time; one that ends unproven
    /// leaves the plan found so far, and the log says so.
    private func orderTies(_ plan: Plan, basis: MILPBasis?, _ run: inout Run, tied: [AllocationModel.Row],
                           _ budget: TimeBudget) throws -> Plan {
        var plan = plan
        var base = run.base
        base.rows += tied.map(AllocationModel.scaled)
        var options = run.options(timeLimit: nil, nodeLimit: min(Planner.tieBreakNodes, run.workLimit ?? .max))
        options.mipGap = 0
        options.tieOrder = true
        options.impliedRows = run.caps.map(AllocationModel.scaled)
        func unproven(_ from: String) -> Plan {
            run.log += "fundalloc: the order among plans tied on Σ (N − j)·funds_j is unproven\(from); the plan found so far is kept\n"
            return plan
        }
        /// Whether a tied plan meets `extra` too; nil when the search ended unproven.
        func exists(_ extra: (columns: [MILPModel.Column], rows: [MILPModel.Row]), basis: MILPBasis?, _ stage: String) throws -> Bool? {
            if budget.isSpent { return nil }
            var model = base
            model.columns += extra.columns
            model.rows += extra.rows
            options.timeLimit = budget.left.map { $0 * Planner.tieBreakShare }
            options.basis = basis
            let solution = try solver.solve(model, objective: MILPObjective(sense: .maximize, terms: []), options: options)
            run.count(solution, stage)
            switch solution.status {
            case .infeasible: return false
            case .optimal, .feasible: return true
            case .noSolution, .unbounded: return nil
            }
        }
        // The funded set, from the tie-break's root basis; the amounts, with the funded set fixed,
        // presolved (GLPK removes the fixed columns). Over 21 budgets of the Xianyang sweep
        // (1亿…1.2亿 in 100万 steps): other projects 243 nodes, 0.20 s from the basis, 0.26 s
        // presolved; other amounts 425 nodes, 0.14 s presolved, 2,759 nodes, 0.96 s from the
        // basis. Asked as one question (another plan at all), 8,739 nodes, 4.5 s.
        var otherFundedSets = false
        if let rows = Planner.otherProjects(than: plan, model: run.model) {
            // The tie-break's rows were the model's, `tied` but its last (the sum) and the caps.
            let laidOut = basis.map { Planner.nextBasis($0, kept: run.base.rows.count + tied.count - 1, added: 1 + rows.count, dropped: 0) }
            guard let found = try exists(([], rows), basis: laidOut, "tie order: other projects") else { return unproven("") }
            otherFundedSets = found
        }
        if !otherFundedSets {
            for case let (j, x?) in run.model.xColumn.enumerated() {
                base.columns[x].lower = plan.funded[j] ? 1 : 0
                base.columns[x].upper = base.columns[x].lower
            }
            guard let more = Planner.otherAmounts(than: plan, model: run.model, columnCount: base.columns.count) else { return plan }
            guard let found = try exists(more, basis: nil, "tie order: other amounts") else { return unproven("") }
            if !found { return plan }
        }
        var kept: [AllocationModel.Row] = []
        for (j, p) in run.scenario.projects.enumerated() where run.model.xColumn[j] != nil {
            let funds = run.model.projectTerm(j, .funds, period: nil)
            guard !funds.terms.isEmpty else { continue }
            let partly = run.model.units[j] != nil
            // With the funded set fixed, only the amounts of partly funded projects can move.
            if !otherFundedSets && !(partly && plan.funded[j]) { continue }
            let canGrow = partly ? plan.amounts[j] / run.scenario.budget.unit < run.model.unitRange(j).most : !plan.funded[j]
            if canGrow {
                if budget.isSpent { return unproven(" from \(p.id) on") }
                options.timeLimit = budget.left.map { $0 * Planner.tieBreakShare }
                // Presolved, not from the plan: over the 21 budgets, 40 searches of 140 nodes,
                // all proven, against 522 nodes from the plan, one unproven at 500 (1.16亿, P02).
                options.basis = nil
                let solution = try solveStage(base, holds: kept, caps: run.caps, expression: funds, sense: .maximize,
                                              stepped: true, options: options)
                run.count(solution, "tie order: \(p.id)")
                guard solution.status == .optimal else { return unproven(" from \(p.id) on") }
                let candidate = run.model.plan(from: solution.values)
                if candidate.amounts[j] > plan.amounts[j] {
                    // More within the solver's tolerances but not in exact arithmetic: not taken,
                    // and the order from here on is not known.
                    guard Planner.satisfies(candidate, tied + kept, run.model) else { return unproven(" from \(p.id) on") }
                    plan = candidate
                }
            }
            let amount = Rational(plan.amounts[j])
            kept.append(AllocationModel.Row(name: "kept_\(p.id)", expression: funds, lower: amount, upper: amount))
        }
        return plan
    }

    /// One line of the solver log (`--verbose`) closing a stage.
    static func stageLine(_ stage: String, _ solution: MILPSolution) -> String {
        let gap = solution.status == .feasible ? solution.gap.map { ", gap \(($0 * 100).fixed(4))%" } ?? "" : ""
        return "fundalloc: \(stage): \(solution.status.rawValue), \(solution.seconds.fixed(3)) s, \(solution.nodes) nodes\(gap)\n"
    }

    /// Whether `plan` meets every row of `holds` in exact arithmetic.
    static func satisfies(_ plan: Plan, _ holds: [AllocationModel.Row], _ model: AllocationModel) -> Bool {
        let values = model.exactValues(of: plan)
        return holds.allSatisfy { hold in
            let v = hold.expression.value(values)
            return hold.lower.map { v >= $0 } ?? true && hold.upper.map { v <= $0 } ?? true
        }
    }

    /// The plan re-checked exactly (every rule, every hold), its timing made the earliest, its
    /// stages' values and status filled in.
    private func finish(_ plan: Plan, _ run: Run, holds: [AllocationModel.Row]) throws -> Plan {
        let (scenario, model, stages) = (run.scenario, run.model, run.stages)
        func recheck(_ plan: Plan) throws {
            var violations = PlanVerifier.violations(of: plan, in: scenario)
            let exactValues = model.exactValues(of: plan)
            for hold in holds {
                let v = hold.expression.value(exactValues)
                if let lower = hold.lower, v < lower { violations.append("\(hold.name): \(v) < \(lower)") }
                if let upper = hold.upper, v > upper { violations.append("\(hold.name): \(v) > \(upper)") }
            }
            guard violations.isEmpty else { throw PlanningError.recheckFailed(violations) }
        }
        try recheck(plan)
        // The timing tie-break moves only what keeps every rule; what a move can change is
        // checked again all the same: period budgets, rules with a period or counting changes,
        // commitments and closed periods, and the holds.
        let timed = Planner.earliestTiming(plan, scenario, holds: holds, model: model)
        if timed.periodChoice != plan.periodChoice {
            var violations = PlanVerifier.periodViolations(of: timed, in: scenario,
                                                           rules: model.concreteRules.filter { $0.period != nil || $0.metric == .changes })
            violations += PlanVerifier.referenceViolations(timed, scenario)
            if violations.isEmpty && !Planner.satisfies(timed, holds, model) { violations.append("a hold after the timing tie-break") }
            guard violations.isEmpty else { throw PlanningError.recheckFailed(violations) }
        }
        var plan = timed
        plan.stages = stages.map { stage in
            var stage = stage
            stage.value = scenario.evaluate(stage.term.metric, stage.term.filter,
                                            period: scenario.periodIndex(stage.term.period), in: plan)
            return stage
        }
        let allProven = !plan.stages.isEmpty && plan.stages.allSatisfy(\.proven)
        plan.status = allProven || (scenario.objective.isEmpty) ? .optimal : .feasible
        plan.gap = plan.stages.compactMap(\.gap).max()
        plan.seconds = run.seconds
        plan.nodes = run.nodes
        plan.engines = run.engines
        plan.solverLog = run.log
        return plan
    }

    /// Solves `base` (the scenario's model in solver form) with the holds added as its last
    /// rows and the caps handed over as implied rows (`MILPOptions.impliedRows`). `stepped`:
    /// the objective moves in whole steps (`objective(_:sense:)`).
    private func solveStage(_ base: MILPModel, holds: [AllocationModel.Row], caps: [AllocationModel.Row] = [],
                            expression: LinearExpression, sense: Sense, stepped: Bool, options: MILPOptions) throws -> MILPSolution {
        let (objective, step, _) = Planner.objective(expression, sense: sense)
        var options = options
        options.objectiveStep = stepped ? step : nil
        options.impliedRows = caps.map(AllocationModel.scaled)
        var model = base
        model.rows += holds.map(AllocationModel.scaled)
        return try solver.solve(model, objective: objective, options: options)
    }

    /// An objective term in solver form, scaled so that its largest coefficient is 1, with the
    /// step its values move in: every column is integer, so the objective is a whole multiple
    /// of the coefficients' gcd (nil when that is too fine to help).
    public static func objective(_ expression: LinearExpression, sense: Sense) -> (MILPObjective, step: Double?, factor: Rational) {
        let terms = expression.sortedTerms
        let largest = terms.map { $0.coefficient.magnitude }.max() ?? .one
        let gcd = terms.reduce(Rational.zero) { Rational.gcd($0, $1.coefficient) }
        // Whole coefficients (divided by their gcd) when they stay below 10⁷: GLPK then knows
        // the objective is integral and prunes every node whose bound is less than one above
        // the incumbent (OR-Library mknapcb1-2: 20 s → 2 s). Otherwise the largest becomes 1.
        let factor = largest.isZero ? Rational.one
            : !gcd.isZero && largest / gcd <= Rational(10_000_000) ? Rational.one / gcd : Rational.one / largest
        let objective = MILPObjective(sense: sense, terms: terms.map { ($0.column, ($0.coefficient * factor).doubleValue) })
        let step = gcd * factor
        return (objective, !step.isZero && step > Rational(1, 1_000_000_000) * largest * factor ? step.doubleValue : nil, factor)
    }
}
