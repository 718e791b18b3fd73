import FundAllocation

/// `solve --alternatives K --within W`: up to K plans whose first objective term is within W
/// (relative) of its best value, each as different as possible from the best plan and from the
/// alternatives before it.
///
/// Alternative i maximises d, the least number of project choices (funded or not) on which it
/// differs from every earlier plan, each at least one (no-good cuts), with the first term held
/// within W of its best value; among the choices at that distance, the one funding the
/// earliest projects of the list (Σ (N − j)·x_j, the tie rule). Its project choices are then fixed and the scenario solved
/// again, so that amounts, timing and the later objective terms are the planner's as usual;
/// the result is re-checked exactly like any plan, and kept only when its first term is still
/// within W. The search stops early when no further plan exists within W.
public enum Alternatives {
    /// Every solve stops on `Planner.analysisNodeLimit` nodes, never on the clock.
    public static func find(_ s: Scenario, best: Plan, count: Int, within: Rational, solver: any MILPSolving) throws -> [AlternativePlan] {
        guard let term = s.objective.first, let optimum = best.stages.first?.optimum, best.hasAllocation else { return [] }
        let period = s.periodIndex(term.period)
        let slack = within * optimum.magnitude
        let threshold = term.sense == .maximize ? optimum - slack : optimum + slack
        var plans = [best]
        var found: [AlternativePlan] = []
        for _ in 0..<count {
            let (model, distance) = AllocationModel(s).diverse(from: plans)
            let hold = AllocationModel.holdRow("within", model.expression(term.metric, term.filter, period: period),
                                               sense: term.sense, bound: threshold)
            let options = MILPOptions(nodeLimit: Planner.analysisNodeLimit, deterministic: true, backend: s.solver.backend)
            let milp = model.milpModel(extraRows: [hold])
            let farthest = try solver.solve(milp, objective: MILPObjective(sense: .maximize, terms: [(distance, 1)]), options: options)
            guard farthest.status == .optimal || farthest.status == .feasible else { break }
            // Among the plans as far away, the tie rule's: the earliest projects in the list
            // (max Σ (N − j)·x_j), so that the alternative is the model's and not the engine's
            // pick (GLPK and CBC found different plans at the same distance).
            var tied = milp
            let reached = farthest.values[distance].rounded()
            tied.rows.append(MILPModel.Row(name: "distance_reached", terms: [(distance, 1)], lower: reached, upper: nil))
            let n = s.projects.count
            let preference = s.projects.indices.compactMap { j in model.xColumn[j].map { ($0, Double(n - j)) } }
            var stepOptions = options
            stepOptions.objectiveStep = 1
            let solution = try solver.solve(tied, objective: MILPObjective(sense: .maximize, terms: preference), options: stepOptions)
            let chosen = solution.status == .optimal || solution.status == .feasible ? solution : farthest
            let choice = model.plan(from: chosen.values)
            var fixed = s
            fixed.objective[0].within = .zero   // the most the fixed choices give, not 1 % less
            for j in fixed.projects.indices where s.ineligibility(of: s.projects[j]) == nil {
                fixed.projects[j].pin = choice.funded[j] ? .in : .out
            }
            let plan = try Planner(solver: solver).solve(fixed, workLimit: Planner.analysisNodeLimit)
            guard plan.hasAllocation, let value = plan.stages.first?.value,
                  term.sense == .maximize ? value >= threshold : value <= threshold else { break }
            var report = PlanReport(scenario: s, plan: plan)
            report.warnings = []
            let differs = s.projects.indices.filter { plan.funded[$0] != best.funded[$0] }.count
            found.append(AlternativePlan(plan: plan, report: report, differs: differs))
            plans.append(plan)
        }
        return found
    }
}
