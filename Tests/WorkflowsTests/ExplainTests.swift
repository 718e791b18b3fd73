import Foundation
import FundAllocation
import GLPKBackend
import Rendering
import ScenarioIO
import Testing

private let glpk = GLPKSolver()
import TestSupport
import Workflows

/// `explain` and the infeasibility diagnosis against explicit solves and hand-worked cases.
@Suite(.slow)
struct ExplainTests {
    static let baseline = Paths.repositoryFile("scenarios/xianyang-baseline.yaml")

    static func bestValue(_ path: String, _ overrides: [Override]) throws -> Rational? {
        try bestValue(ScenarioLoader.load(path: path, overrides: overrides))
    }

    static func bestValue(_ scenario: Scenario) throws -> Rational? {
        let (plan, _) = try Solving.report(scenario, solver: glpk)
        #expect(plan.stages.first?.proven == true)
        return plan.stages.first?.optimum
    }

    static func pin(_ id: String, _ how: String) -> Override { Override(path: ["projects", id, "pin"], text: how) }

    @Test func everyLineOfTheBaselineEqualsExplicitSolves() throws {
        let scenario = try ScenarioLoader.load(path: Self.baseline)
        let e = try Explainer.explain(scenario, solver: glpk, jobs: 2)
        let best = try #require(try Self.bestValue(Self.baseline, []))
        #expect(e.baseOutcome.optimum == best && e.baseOutcome.proven)

        // Forcing in each unfunded eligible project: loss ≥ 0, equal to two explicit solves.
        #expect(e.unfunded.map(\.id) == e.base.unfunded.map(\.id))
        #expect(!e.unfunded.isEmpty)
        for p in e.unfunded {
            let loss = try #require(p.loss)
            #expect(loss >= .zero)
            #expect(p.outcome.proven)
            #expect(loss == best - (try #require(try Self.bestValue(Self.baseline, [Self.pin(p.id, "in")]))), "\(p.id)")
        }
        // Forcing out each funded project loses ≥ 0; two of them checked by explicit solves.
        #expect(e.funded.map(\.id) == e.base.funded.map(\.id))
        #expect(e.funded.allSatisfy { ($0.loss ?? .zero) >= .zero })
        for p in [e.funded.first!, e.funded.max { ($0.loss ?? .zero) < ($1.loss ?? .zero) }!] {
            #expect(p.loss == best - (try #require(try Self.bestValue(Self.baseline, [Self.pin(p.id, "out")]))), "\(p.id)")
        }
        // Relaxing a bound never hurts; the fund's step equals an explicit solve at that fund.
        #expect(e.bounds.allSatisfy { ($0.gain ?? .zero) >= .zero })
        let fund = try #require(e.bounds.first { $0.label == "budget.total" })
        #expect(fund.value == Rational(e.base.funds) && !fund.binds)
        let bigger = scenario.withFund(Int64(fund.relaxed.floor))
        #expect(fund.gain == (try #require(try Self.bestValue(bigger))) - best)
        // A binding bound has (near) zero slack, a non-binding one does not.
        for b in e.bounds { #expect(b.binds == (b.slack.magnitude <= max(.one, b.bound.magnitude) / Rational(1_000_000)), "\(b.label)") }
        // Ineligible: exactly the projects the 五个好 gate rejects.
        let gate = scenario.fiveGood!
        let rejected = scenario.projects.filter { p in
            scenario.weightedScore(p) < gate.minWeighted! || gate.minEach.contains { (p.scores[$0.key] ?? 99) < $0.value }
        }.map(\.id)
        #expect(e.base.ineligible.map(\.id) == rejected)
    }

    @Test func theFundNeededToAddAProjectAtNoLossIsTheSmallestWholeWan() throws {
        let scenario = try ScenarioLoader.load(path: Self.baseline)
        let e = try Explainer.explain(scenario, solver: glpk, project: "P30", jobs: 1)
        let p = try #require(e.unfunded.first)
        #expect(e.unfunded.count == 1 && e.funded.isEmpty && e.bounds.isEmpty)
        let best = try #require(e.baseOutcome.optimum)
        let needed = try #require(p.fundNeeded)
        #expect((p.loss ?? .zero) > .zero && needed > scenario.totalCap!)
        var pinned = scenario
        pinned.projects[pinned.projects.firstIndex { $0.id == "P30" }!].pin = .in
        let at = try #require(try Self.bestValue(pinned.withFund(needed)))
        #expect(at >= best - Planner.holdSlack * best)
        // Proven the least whole 万元 (the MILP's bound is above the 万元 below), and indeed:
        #expect(p.fundAtLeast == nil)
        let below = try #require(try Self.bestValue(pinned.withFund(needed - 10_000)))
        #expect(below < best - Planner.holdSlack * best)
    }

    @Test func anImpossibleCountyTargetIsNamedWithItsExactShortfall() throws {
        let scenario = try ScenarioLoader.load(path: Self.baseline,
                                               overrides: [Override(path: ["regions", "旬邑县", "households_target"], text: "3000")])
        let (plan, report) = try Solving.report(scenario, solver: glpk, diagnose: true)
        #expect(plan.status == .infeasible)
        let d = try #require(report.diagnosis)
        let conflict = try #require(d.conflict.first)
        #expect(d.conflict.count == 1 && d.minimal)
        #expect(conflict.label.contains("旬邑县") && conflict.bound == Rational(3000))
        // Every eligible project of the county fits in the budget with the other targets, so
        // the most reachable is all of them: computed from the project list, not the solver.
        let reachable = scenario.projects.filter { $0.region == "旬邑县" && scenario.ineligibility(of: $0) == nil }
            .reduce(Rational.zero) { $0 + $1.households }
        #expect(conflict.proven && conflict.withAllOtherTargets)
        #expect(conflict.reached == reachable && conflict.relaxBy == Rational(3000) - reachable)
        #expect(d.fundNeeded == nil)   // money cannot make projects that do not exist
        let text = DiagnosisRenderer.lines(d, language: .en).joined(separator: "\n")
        #expect(text.contains("households ≥ 3,000") && text.contains("relax it by \(Format.number(Rational(3000) - reachable))"))
    }

    /// Hand-worked: budget 100万; X needs A (60万, 50 households) and B (50万, 40) for its target
    /// of 90; Y needs C (30万, 30) for its 30. With Y met, 70万 is left for X: A alone, 50
    /// households, so X's target must drop by 40; or the fund must grow to 140万.
    static let moneyConflict = """
        format: 1
        budget: {total: 100万}
        regions:
          - {id: X, target: 90}
          - {id: Y, target: 30}
        projects:
          - {id: A, region: X, cost: 60万, households: 50}
          - {id: B, region: X, cost: 50万, households: 40}
          - {id: C, region: Y, cost: 30万, households: 30}
        rules:
          - {name: target, metric: households, for_each: region, min: region.target}
        objective: [{maximize: households}]
        """

    @Test func aMoneyConflictNamesTheTargetAndTheFundThatResolvesIt() throws {
        let folder = Paths.temporaryFolder()
        let path = folder + "/money.yaml"
        try Self.moneyConflict.write(toFile: path, atomically: true, encoding: .utf8)
        let scenario = try ScenarioLoader.load(path: path)
        let (plan, report) = try Solving.report(scenario, solver: glpk, diagnose: true)
        #expect(plan.status == .infeasible)
        let d = try #require(report.diagnosis)
        #expect(d.conflict.map(\.label) == ["target [X]"])
        let x = try #require(d.conflict.first)
        #expect(x.reached == Rational(50) && x.relaxBy == Rational(40) && x.proven)
        #expect(d.fund == 1_000_000 && d.fundNeeded == 1_400_000 && d.fundAtLeast == nil)
        #expect(d.relaxation.map(\.label).allSatisfy { $0.hasPrefix("target") })
    }

    @Test func pinnedProjectsThatCannotAllBeFundedAreNamed() throws {
        let folder = Paths.temporaryFolder()
        let path = folder + "/pins.yaml"
        try Self.moneyConflict.replacingOccurrences(of: "households: 40}", with: "households: 40, pin: in}")
            .replacingOccurrences(of: "households: 50}", with: "households: 50, pin: in}")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let (plan, report) = try Solving.report(try ScenarioLoader.load(path: path), solver: glpk, diagnose: true)
        #expect(plan.status == .infeasible)
        let d = try #require(report.diagnosis)
        #expect(d.conflict.isEmpty && d.pinned == ["A", "B"])
    }
}

@Suite(.slow)
struct AlternativesTests {
    @Test func alternativesAreDistinctFeasibleAndWithinTheTolerance() throws {
        let scenario = try ScenarioLoader.load(path: ExplainTests.baseline)
        let (best, _) = try Solving.report(scenario, solver: glpk)
        let within = Rational(2, 100)
        let found = try Alternatives.find(scenario, best: best, count: 3, within: within, solver: glpk)
        #expect(found.count == 3)
        let optimum = try #require(best.stages.first?.optimum)
        var seen = [best.funded]
        for a in found {
            #expect(PlanVerifier.violations(of: a.plan, in: scenario).isEmpty)
            let value = scenario.evaluate(.households, in: a.plan)
            #expect(value >= optimum - within * optimum && value <= optimum)
            #expect(!seen.contains(a.plan.funded))
            #expect(a.differs == zip(a.plan.funded, best.funded).filter { $0 != $1 }.count && a.differs > 0)
            seen.append(a.plan.funded)
        }
        // A tolerance of zero leaves only plans exactly as good: any found must reach the optimum.
        for a in try Alternatives.find(scenario, best: best, count: 1, within: .zero, solver: glpk) {
            #expect(scenario.evaluate(.households, in: a.plan) == optimum)
        }
    }
}

/// Hand-worked: budget 100万, A 60万/50 households, B 50万/40, C 30万/30 pinned out. The best is
/// A alone (50). Forcing B in leaves room for nothing else: 40, a loss of 10, and A fits beside B
/// only at 110万. Lifting C's pin and forcing it in gives A + C = 80: the pin costs 30. No other
/// plan reaches 98 % of 50.
struct ExplainHandWorkedTests {
    static let scenario = """
        format: 1
        budget: {total: 100万}
        projects:
          - {id: A, cost: 60万, households: 50}
          - {id: B, cost: 50万, households: 40}
          - {id: C, cost: 30万, households: 30, pin: out}
        """

    @Test func lossesFundNeededAndWhatAPinCosts() throws {
        let path = Paths.temporaryFolder() + "/small.yaml"
        try Self.scenario.write(toFile: path, atomically: true, encoding: .utf8)
        let s = try ScenarioLoader.load(path: path)
        let e = try Explainer.explain(s, solver: glpk, jobs: 2)
        #expect(e.baseOutcome.optimum == Rational(50))
        let b = try #require(e.unfunded.first { $0.id == "B" }), c = try #require(e.unfunded.first { $0.id == "C" })
        #expect(b.loss == Rational(10) && !b.pinnedOut && b.fundNeeded == 1_100_000 && b.fundAtLeast == nil)
        #expect(c.loss == Rational(-30) && c.pinnedOut && c.fundNeeded == nil)
        #expect(e.funded.map(\.id) == ["A"] && e.funded[0].loss == Rational(10))
        let (plan, _) = try Solving.report(s, solver: glpk)
        #expect(try Alternatives.find(s, best: plan, count: 3, within: Rational(2, 100), solver: glpk).isEmpty)
    }
}
