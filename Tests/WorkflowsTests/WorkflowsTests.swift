import Foundation
import FundAllocation
import GLPKBackend
import ScenarioIO
import Synchronization
import Testing

private let glpk = GLPKSolver()
import TestSupport
import Workflows

struct SweepAxisTests {
    @Test func rangesIncludeBothEndsAndStayWholeForWholeEnds() throws {
        #expect(try SweepAxis(parsing: "budget.total=8000万:1.2亿:5").values
                == ["80000000", "90000000", "100000000", "110000000", "120000000"])
        #expect(try SweepAxis(parsing: "budget.total=0:10:4").values == ["0", "3", "7", "10"])
        #expect(try SweepAxis(parsing: "budget.min_use=0.5:0.9:5").values == ["0.5", "0.6", "0.7", "0.8", "0.9"])
        #expect(try SweepAxis(parsing: "x=7:7:1").values == ["7"])
        #expect(try SweepAxis(parsing: "five_good.min_each=2, 3 ,4").values == ["2", "3", "4"])
        #expect(try SweepAxis(parsing: "x=9600万").values == ["9600万"])
    }

    @Test(arguments: ["budget.total", "=1:2:3", "x=1:2", "x=1:2:0", "x=1:2:1", "x=a:2:3", "x=1:2:x", "x=1,,2", "x=1:2:3:4"])
    func badAxesAreErrorsNamingTheOption(_ argument: String) {
        #expect(throws: ScenarioError.self) { try SweepAxis(parsing: argument) }
        do { _ = try SweepAxis(parsing: argument) } catch {
            #expect(error.diagnostics.allSatisfy { $0.location?.file == "--vary \(argument)" })
        }
    }

    @Test func gridVariesTheFirstAxisSlowest() throws {
        let points = try Sweep.grid([SweepAxis(path: "a", values: ["1", "2"]), SweepAxis(path: "b", values: ["x", "y", "z"])])
        #expect(points.map { $0.values.map(\.value).joined() } == ["1x", "1y", "1z", "2x", "2y", "2z"])
        #expect(points.map(\.number) == Array(1...6))
        #expect(points[4].overrides == [Override(path: ["a"], text: "2"), Override(path: ["b"], text: "y")])
        #expect(throws: ScenarioError.self) { try Sweep.grid([]) }
        let huge = SweepAxis(path: "a", values: (0..<1000).map(String.init))
        #expect(throws: ScenarioError.self) { try Sweep.grid([huge, huge]) }
    }
}

struct ParallelRunnerTests {
    @Test(arguments: [1, 2, 3, 8])
    func resultsComeInInputOrderWhateverTheThreads(_ jobs: Int) {
        var seen: [Int] = []
        let emitted = ParallelRunner.run(count: 40, jobs: jobs, shouldStop: { false }, work: { i -> Int? in
            usleep(UInt32((i * 7919) % 5) * 300)
            return i * i
        }, emit: { i, value in
            #expect(value == i * i)
            seen.append(i)
        })
        #expect(emitted == 40)
        #expect(seen == Array(0..<40))
    }

    @Test func anAbandonedJobEndsTheOutputThereAndStopsNewJobs() {
        let stop = Atomic<Bool>(false)
        let started = Atomic<Int>(0)
        var seen: [Int] = []
        let emitted = ParallelRunner.run(count: 100, jobs: 2, shouldStop: { stop.load(ordering: .relaxed) }, work: { i -> Int? in
            started.add(1, ordering: .relaxed)
            if i == 10 { stop.store(true, ordering: .relaxed); return nil }
            return i
        }, emit: { i, _ in seen.append(i) })
        #expect(emitted == 10 && seen == Array(0..<10))
        #expect(started.load(ordering: .relaxed) < 100)
    }
}

/// Sweeps and frontiers solved in-process against separate solves and exact optima.
struct SweepSolvingTests {
    static let baseline = Paths.repositoryFile("scenarios/xianyang-baseline.yaml")

    @Test func sweepRowsEqualSeparateSolvesOfTheSamePoints() throws {
        let points = try Sweep.grid([SweepAxis(parsing: "budget.total=1亿:1.2亿:3"),
                                     SweepAxis(parsing: "five_good.min_weighted=2.8,3.3")])
        let document = try ScenarioLoader.resolvedDocument(path: Self.baseline)
        let scenarios = try Sweep.scenarios(points, document: document, file: Self.baseline, base: [])
        var swept: [PointSummary] = []
        Solving.summaries(scenarios, solver: glpk, jobs: 2, timeLimit: nil) { _, s in swept.append(s) }
        #expect(swept.count == points.count)
        for (point, row) in zip(points, swept) {
            let alone = PointSummary(try Solving.report(ScenarioLoader.load(path: Self.baseline, overrides: point.overrides), solver: glpk).report)
            #expect(row.status == alone.status && row.funds == alone.funds && row.households == alone.households)
            #expect(row.funded == alone.funded && row.amounts == alone.amounts)
            #expect(row.terms.map(\.value) == alone.terms.map(\.value))
        }
        #expect(swept.contains { $0.status == .solved(.optimal) } && swept.contains { $0.funds != swept[0].funds })
    }

    @Test func aBadValueAtAnyPointIsReportedBeforeSolving() throws {
        let points = try Sweep.grid([SweepAxis(parsing: "budget.min_use=0.9,1.5,2")])
        let document = try ScenarioLoader.resolvedDocument(path: Self.baseline)
        let error = #expect(throws: ScenarioError.self) {
            try Sweep.scenarios(points, document: document, file: Self.baseline, base: [])
        }
        #expect(error?.diagnostics.count == 2)
        #expect(error?.diagnostics.allSatisfy { $0.description.contains("--set budget.min_use=") } == true)
    }

    /// A single-constraint knapsack (mknap1's first row as cost): the frontier's value at
    /// every budget is the dynamic-programming optimum, and never falls as the budget grows.
    @Test(arguments: 0..<4)
    func knapsackFrontierIsExactAndNeverDecreases(_ index: Int) throws {
        let problem = ORLibrary.mknap1(Paths.fixture("orlib/mknap1.txt"))[index]
        // Profits have at most one decimal: the DP works in tenths.
        let weights = problem.rows[0].map { Int($0)! }, tenths = problem.profits.map { Int((Double($0)! * 10).rounded()) }
        let capacity = Int(problem.capacities[0])!
        var yaml = "format: 1\nbudget: {total: \(capacity)}\nprojects:\n"
        for j in weights.indices { yaml += "  - {id: o\(j + 1), cost: \(weights[j]), value: \(problem.profits[j])}\n" }
        yaml += "objective: [{maximize: value}]\n"
        let folder = Paths.temporaryFolder()
        try yaml.write(toFile: "\(folder)/k.yaml", atomically: true, encoding: .utf8)
        let base = try ScenarioLoader.load(path: "\(folder)/k.yaml")
        let budgets = (0...8).map { Int64(capacity * (4 + $0) / 8) }
        let scenarios = try #require(Frontier.scenarios(base, budgets: budgets))
        var summaries: [PointSummary] = []
        Solving.summaries(scenarios, solver: glpk, jobs: 2, timeLimit: nil) { _, s in summaries.append(s) }
        let steps = Frontier.steps(budgets: budgets, summaries: summaries, current: Int64(capacity), sense: .maximize)
        var previous = Rational(-1)
        for step in steps {
            let value = try #require(step.summary.terms.first?.value)
            #expect(value * Rational(10) == Rational(Self.knapsack(weights, tenths, Int(step.budget))), "budget \(step.budget)")
            #expect(previous <= value)
            #expect(step.efficient == (previous < value))
            previous = value
            #expect(step.summary.funds <= step.budget)
        }
        #expect(steps.filter(\.current).map(\.budget) == [Int64(capacity)])
    }

    static func knapsack(_ w: [Int], _ p: [Int], _ capacity: Int) -> Int {
        var best = [Int](repeating: 0, count: capacity + 1)
        for j in w.indices where w[j] <= capacity {
            for c in stride(from: capacity, through: w[j], by: -1) { best[c] = max(best[c], best[c - w[j]] + p[j]) }
        }
        return best[capacity]
    }

    @Test func frontierScalesTranchesAndSourcesWithTheBudget() throws {
        let base = try ScenarioLoader.load(path: Self.baseline)
        let scaled = try #require(Frontier.scenarios(base, budgets: [90_000_000])?.first)
        #expect(scaled.budget.total == 90_000_000)
        #expect(scaled.budget.byPeriod["2017"] == 21_000_000)
        #expect(scaled.sources.map(\.amount) == [15_000_000, 15_000_000, 60_000_000])
        // The same scenario as the file with those values written in.
        let written = try ScenarioLoader.load(path: Self.baseline, overrides: [
            Override(path: ["budget", "total"], text: "90000000"),
            Override(path: ["budget", "by_period", "2017"], text: "21000000")]
            + base.periods.dropFirst().map { Override(path: ["budget", "by_period", $0], text: String(scaled.budget.byPeriod[$0]!)) }
            + base.sources.enumerated().map { Override(path: ["sources", $1.id, "amount"], text: String(scaled.sources[$0].amount)) })
        #expect(try Solving.report(written, solver: glpk).report.funds == Solving.report(scaled, solver: glpk).report.funds)
        #expect(Frontier.scenarios(try ScenarioLoader.load(text: "format: 1\nprojects: [{id: A, cost: 1}]\n", file: "s.yaml"),
                                   budgets: [1]) == nil)
    }
}

struct ComparisonTests {
    @Test func changesAgainstTheFirstPlanAreClassified() throws {
        let base = Paths.repositoryFile("scenarios/xianyang-baseline.yaml")
        let a = try Solving.report(ScenarioLoader.load(path: base), solver: glpk).report
        let b = try Solving.report(ScenarioLoader.load(path: base, overrides: [
            Override(path: ["projects", "P27", "pin"], text: "out"), Override(path: ["projects", "P30", "pin"], text: "in"),
        ]), solver: glpk).report
        let comparison = ScenarioComparison([a, b])
        let changes = comparison.changes[0]
        #expect(changes.contains { $0.id == "P27" && $0.kind == .dropped && $0.fundsAfter == 0 && $0.fundsBefore > 0 })
        #expect(changes.contains { $0.id == "P30" && $0.kind == .added && $0.fundsBefore == 0 && $0.fundsAfter > 0 })
        let funded = Dictionary(uniqueKeysWithValues: b.funded.map { ($0.id, $0.funds) })
        for change in changes {
            #expect(change.fundsAfter == funded[change.id] ?? 0)
            if change.kind == .funds { #expect(change.fundsBefore != change.fundsAfter) }
        }
        // Projects without a change are funded alike in both plans.
        for p in a.funded where !changes.contains(where: { $0.id == p.id }) { #expect(funded[p.id] == p.funds) }
    }
}
