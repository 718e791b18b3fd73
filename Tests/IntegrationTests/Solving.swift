import CBCBackend
import FundAllocation
import GLPKBackend
import ScenarioIO
import TestSupport

/// The engines every answer is checked on (issue 19: conformance cases, known optima, brute
/// force; the goldens in fundallocEndToEndTests).
let engines: [SolverBackend] = [.glpk, .cbc]

/// Loads a scenario from text and solves it with `engine`.
func solve(yaml: String, file: String = "test.yaml", engine: SolverBackend = .glpk) throws -> (Scenario, Plan) {
    let scenario = try ScenarioLoader.load(text: yaml, file: file)
    return (scenario, try Planner(solver: BackendSolver(engine)).solve(scenario))
}

func solve(path: String, engine: SolverBackend = .glpk) throws -> (Scenario, Plan) {
    let scenario = try ScenarioLoader.load(path: path)
    return (scenario, try Planner(solver: BackendSolver(engine)).solve(scenario))
}

/// |a − b| ≤ 1e-6·max(1, |b|).
func closeEnough(_ a: Rational, _ b: Rational) -> Bool {
    (a - b).magnitude <= Rational(1, 1_000_000) * max(.one, b.magnitude)
}

func rational(_ text: String) -> Rational {
    guard case .success(let v) = NumberSyntax.number(text) else { fatalError("not a number: \(text)") }
    return v
}
