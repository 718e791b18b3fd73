import FundAllocation
import Foundation
import GLPKBackend
import ScenarioIO
import TestSupport
import Testing

/// What a planner hit in the first hour (issue 17), each with a test that failed before its fix.
struct FirstHourTests {
    static let baseline = Paths.repositoryFile("scenarios/xianyang-baseline.yaml")

    /// A fund that is not a whole 万 (102,105,263 yuan, point 3 of a 20-point sweep over
    /// 1亿:1.2亿) ran for minutes proving the last 5,263 yuan buy nothing; with the budget row
    /// moved onto the 万 its all-or-nothing costs and unit allow, it is proven at once.
    @Test func aBudgetThatIsNotAWholeWanIsSolvedToOptimality() throws {
        let odd = try ScenarioLoader.load(path: Self.baseline, overrides: [try Override(parsing: "budget.total=102105263")])
        let round = try ScenarioLoader.load(path: Self.baseline, overrides: [try Override(parsing: "budget.total=102100000")])
        let plan = try Planner(solver: GLPKSolver()).solve(odd)
        #expect(plan.status == .optimal)
        #expect(plan.solverLog.contains("budget_total: bounds moved onto the values its integer terms can take"))
        let same = try Planner(solver: GLPKSolver()).solve(round)
        #expect(plan.stages.map(\.optimum) == same.stages.map(\.optimum))
        #expect(plan.amounts == same.amounts)
    }

    /// The infeasibility diagnosis stops on node counts, never on the clock (it gave another
    /// "至少需 … 元" on every run of `--set budget.total=8000万`): every one of its solves is
    /// work-limited and deterministic.
    @Test func theDiagnosisStopsOnWorkNeverOnTheClock() throws {
        let solver = RecordingSolver(wrapping: GLPKSolver())
        let scenario = try ScenarioLoader.load(path: Self.baseline, overrides: [try Override(parsing: "budget.total=1000万")])
        _ = try InfeasibilityDiagnoser(solver: solver, nodeLimit: 200).diagnose(scenario)
        #expect(solver.options.count > 1)
        #expect(solver.options.allSatisfy { $0.deterministic && $0.timeLimit == nil && $0.nodeLimit != nil && $0.nodeLimit! <= 200 })
    }
}
