import FundAllocation
import GLPKBackend
import ScenarioIO
import TestSupport

/// Loads a scenario from text and solves it with GLPK.
func solve(yaml: String, file: String = "test.yaml") throws -> (Scenario, Plan) {
    let scenario = try ScenarioLoader.load(text: yaml, file: file)
    return (scenario, try Planner(solver: GLPKSolver()).solve(scenario))
}

func solve(path: String) throws -> (Scenario, Plan) {
    let scenario = try ScenarioLoader.load(path: path)
    return (scenario, try Planner(solver: GLPKSolver()).solve(scenario))
}

/// |a − b| ≤ 1e-6·max(1, |b|).
func closeEnough(_ a: Rational, _ b: Rational) -> Bool {
    (a - b).magnitude <= Rational(1, 1_000_000) * max(.one, b.magnitude)
}

func rational(_ text: String) -> Rational {
    guard case .success(let v) = NumberSyntax.number(text) else { fatalError("not a number: \(text)") }
    return v
}
