import FundAllocation
import ScenarioIO

/// The solve every command shares: the lexicographic planner on a solver backend, and the report.
public enum Solving {
    /// Solves `scenario`; throws `SolveInterrupted` on Ctrl-C and `PlanningError` when no
    /// trustworthy answer came back.
    /// `progress` is told what is being done (each objective stage as it starts, the
    /// diagnosis), for progress lines.
    /// The solve is limited to `timeLimit`, else the scenario's `solver.time_limit`, else
    /// `Planner.defaultTimeLimit`: no command runs unbounded.
    public static func report(_ scenario: Scenario, solver: any MILPSolving, timeLimit: Double? = nil, diagnose: Bool = false,
                              progress: (@Sendable (String) -> Void)? = nil) throws -> (plan: Plan, report: PlanReport) {
        var stageStarted: (@Sendable (Int, Int, ObjectiveTerm) -> Void)?
        if let progress {
            stageStarted = { k, count, term in progress("stage \(k + 1)/\(count): \(term)") }
        }
        let planner = Planner(solver: solver, stageStarted: stageStarted)
        let plan = try planner.solve(scenario, timeLimit: Planner.commandTimeLimit(timeLimit, scenario))
        var report = PlanReport(scenario: scenario, plan: plan)
        if diagnose && plan.status == .infeasible {
            progress?("no plan satisfies every rule: diagnosing why")
            report.diagnosis = try InfeasibilityDiagnoser(solver: solver).diagnose(scenario)
        }
        return (plan, report)
    }

    /// Solves `scenarios` on `jobs` threads, handing each result to `emit` in input order (a
    /// failed solve as its message); stops starting new solves after Ctrl-C. Returns how many
    /// were emitted.
    @discardableResult
    public static func each(_ scenarios: [Scenario], solver: any MILPSolving, jobs: Int, timeLimit: Double?,
                            emit: (Int, Result<PlanReport, SolveFailure>) -> Void) -> Int {
        ParallelRunner.run(count: scenarios.count, jobs: jobs, shouldStop: { solver.interruptSignal != nil },
                           work: { i -> Result<PlanReport, SolveFailure>? in
            do {
                return .success(try report(scenarios[i], solver: solver, timeLimit: timeLimit).report)
            } catch is SolveInterrupted {
                return nil
            } catch {
                return .failure(SolveFailure(message: "\(error)"))
            }
        }, emit: emit)
    }

    /// `each`, as the summaries a sweep writes.
    @discardableResult
    public static func summaries(_ scenarios: [Scenario], solver: any MILPSolving, jobs: Int, timeLimit: Double?,
                                 emit: (Int, PointSummary) -> Void) -> Int {
        each(scenarios, solver: solver, jobs: jobs, timeLimit: timeLimit) { i, result in
            switch result {
            case .success(let report): emit(i, PointSummary(report))
            case .failure(let failure): emit(i, PointSummary(error: failure.message))
            }
        }
    }
}

/// A solve that gave no trustworthy answer (the solver failed, or the plan failed the re-check).
public struct SolveFailure: Error, Sendable {
    public var message: String
}
