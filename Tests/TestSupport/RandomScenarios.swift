import FundAllocation

/// The test scenarios' generator: SplitMix64, the same seed gives the same scenarios on every machine.
public typealias SeededGenerator = SplitMix64

/// Random small all-or-nothing scenarios with random rules, for brute-force cross-checks.
public enum RandomScenarios {
    public static func make(seed: UInt64, maxProjects: Int = 12) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let here = SourceLocation(file: "random-\(seed)", line: 0)
        let n = Int.random(in: 4...maxProjects, using: &rng)
        let regions = (1...Int.random(in: 1...3, using: &rng)).map {
            Group(id: "R\($0)", attributes: ["target": FieldValue(String(Int.random(in: 0...40, using: &rng)))], location: here)
        }
        let categories = ["a", "b"].map { Group(id: $0, location: here) }
        let withFiveGood = Bool.random(using: &rng)
        var projects: [Project] = []
        for j in 0..<n {
            let scores = Dictionary(uniqueKeysWithValues: Criterion.allCases.map { ($0, Rational(Int.random(in: 1...5, using: &rng))) })
            let region = regions.randomElement(using: &rng)!.id
            let category = categories.randomElement(using: &rng)!.id
            let cost = Int64(Int.random(in: 0...20, using: &rng)) * 10_000
            let hh = Int.random(in: 0...30, using: &rng)
            let value = Int.random(in: -5...30, using: &rng)
            let flag = Bool.random(using: &rng) ? "yes" : "no"
            projects.append(Project(
                id: "P\(j)", region: region, category: category, cost: cost, households: Rational(hh),
                value: Rational(value), scores: scores,
                fields: ["region": FieldValue(region), "category": FieldValue(category), "flag": FieldValue(flag),
                         "land": FieldValue(String(Int.random(in: 0...9, using: &rng)))],
                location: here))
        }
        for j in projects.indices {
            if Int.random(in: 0..<6, using: &rng) == 0 { projects[j].requires = ["P\(Int.random(in: 0..<n, using: &rng))"] }
            if Int.random(in: 0..<6, using: &rng) == 0 { projects[j].excludes = ["P\(Int.random(in: 0..<n, using: &rng))"] }
            let id = projects[j].id, excludes = projects[j].excludes
            projects[j].requires.removeAll { $0 == id || excludes.contains($0) }
            projects[j].excludes.removeAll { $0 == id }
        }
        var fiveGood: FiveGood?
        if withFiveGood {
            fiveGood = FiveGood(minEach: [.linkage: Rational(2)], minWeighted: Rational(Int.random(in: 2...3, using: &rng)))
        }
        var scenario = Scenario(file: here.file, regions: regions, categories: categories, projects: projects, fiveGood: fiveGood)
        if Int.random(in: 0..<5, using: &rng) == 0, let j = projects.indices.randomElement(using: &rng),
           scenario.ineligibility(of: projects[j]) == nil {
            scenario.projects[j].pin = Bool.random(using: &rng) ? .in : .out
        }
        let totalCost = projects.reduce(Int64(0)) { $0 + $1.cost }
        scenario.budget = Budget(total: totalCost * Int64(Int.random(in: 30...80, using: &rng)) / 100)
        if Bool.random(using: &rng) { scenario.budget.minUse = Rational(Int.random(in: 1...5, using: &rng), 10) }
        var rules: [Rule] = []
        let pick = { (rng: inout SeededGenerator) in Int.random(in: 0..<6, using: &rng) }
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            switch pick(&rng) {
            case 0: rules.append(Rule(metric: .households, bounds: Bounds(min: .groupAttribute("target")), forEach: "region"))
            case 1: rules.append(Rule(metric: .funds, filter: Filter([Condition(field: .project("category"), anyOf: [Comparison(.equal, FieldValue("a"))])]),
                                      bounds: Bounds(maxShare: .value(Rational(Int.random(in: 3...8, using: &rng), 10)))))
            case 2: rules.append(Rule(metric: .projects, bounds: Bounds(max: .value(Rational(Int.random(in: 1...4, using: &rng)))), forEach: "region"))
            case 3: rules.append(Rule(metric: .sum("land"), filter: Filter([Condition(field: .project("flag"), anyOf: [Comparison(.equal, FieldValue("true"))])]),
                                      bounds: Bounds(max: .value(Rational(Int.random(in: 0...15, using: &rng))))))
            case 4: rules.append(Rule(metric: .fundsPerHousehold, bounds: Bounds(max: .value(Rational(Int.random(in: 2...8, using: &rng) * 1000)))))
            default: rules.append(Rule(metric: .households, filter: Filter([Condition(field: .region("target"), anyOf: [Comparison(parsing: ">= 20")])]),
                                       bounds: Bounds(min: .value(Rational(Int.random(in: 0...30, using: &rng))))))
            }
        }
        scenario.rules = rules
        let metrics: [Metric] = [.households, .value, .score, .funds, .projects, .sum("land")]
        scenario.objective = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
            ObjectiveTerm(sense: Bool.random(using: &rng) ? .maximize : .minimize, metric: metrics.randomElement(using: &rng)!,
                          within: Bool.random(using: &rng) ? .zero : Rational(1, 10))
        }
        return scenario
    }
}

extension RandomScenarios {
    /// A random small scenario with periods (timing windows and profiles, tranches, carry-over),
    /// two funding sources and a village table, all or nothing.
    public static func makeWithTime(seed: UInt64) -> Scenario {
        var rng = SeededGenerator(seed: seed &+ 1_000_003)
        var s = make(seed: seed, maxProjects: 7)
        let here = SourceLocation(file: s.file, line: 0)
        s.periods = ["P1", "P2", "P3"].prefix(Int.random(in: 2...3, using: &rng)).map { $0 }
        let totalCost = s.projects.reduce(Int64(0)) { $0 + $1.cost }
        for label in s.periods where Bool.random(using: &rng) {
            s.budget.byPeriod[label] = totalCost * Int64(Int.random(in: 15...60, using: &rng)) / 100
        }
        s.budget.carryOver = s.budget.byPeriod.count == s.periods.count && Bool.random(using: &rng)
        s.villages = (1...6).map { v in
            Village(id: "v\(v)", region: s.regions.randomElement(using: &rng)!.id,
                    households: Rational(Int.random(in: 1...20, using: &rng)),
                    attributes: ["deep": FieldValue(Bool.random(using: &rng) ? "1" : "0")], location: here)
        }
        for j in s.projects.indices {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where s.projects[j].cost > 0:   // a profile over the first two periods
                let first = s.projects[j].cost / 2
                s.projects[j].profile = [s.periods[0]: first, s.periods[1]: s.projects[j].cost - first]
            case 1:
                s.projects[j].start = s.periods.randomElement(using: &rng)
            default: break
            }
            if Int.random(in: 0..<3, using: &rng) > 0 {
                s.projects[j].villageIDs = s.villages.filter { _ in Bool.random(using: &rng) }.map(\.id)
            }
        }
        s.sources = [
            Source(id: "paired", amount: totalCost * Int64(Int.random(in: 10...40, using: &rng)) / 100,
                   eligible: Filter([Condition(field: .project("region"), anyOf: [Comparison(.equal, FieldValue("R1"))])]),
                   location: here),
            Source(id: "pool", amount: totalCost * Int64(Int.random(in: 10...60, using: &rng)) / 100, location: here),
        ]
        if Bool.random(using: &rng) {
            s.rules.append(Rule(metric: .projects, bounds: Bounds(max: .value(Rational(Int.random(in: 1...2, using: &rng)))),
                                period: s.periods[0]))
        }
        if Bool.random(using: &rng) {
            s.rules.append(Rule(metric: .households, filter: Filter([Condition(field: .village("deep"), anyOf: [Comparison(parsing: "1")])]),
                                bounds: Bounds(min: .value(Rational(Int.random(in: 0...15, using: &rng))))))
        }
        s.rules.removeAll { $0.metric == .sum("land") && Bool.random(using: &rng) }
        return s
    }
}

extension RandomScenarios {
    /// A random timed scenario (`makeWithTime`) revised against a random reference plan
    /// (MODEL.md §8): about half the projects funded there (at their cost, in a random declared
    /// period; committed ones in their window), `committed_through` the first period or none,
    /// and `changes` or `moved` as a minimised term or a `max` rule.
    public static func makeWithReference(seed: UInt64) -> Scenario {
        var rng = SeededGenerator(seed: seed &+ 7_000_001)
        var s = makeWithTime(seed: seed)
        let committedThrough = Bool.random(using: &rng) ? s.periods[0] : nil
        var entries: [ReferencePlan.Entry] = []
        for p in s.projects where Bool.random(using: &rng) {
            var period: [String] = []
            if let window = s.window(of: p), !window.isEmpty {
                // A committed project must be legal: in its window. Others may name any period.
                let any = Bool.random(using: &rng) ? s.periods.indices.randomElement(using: &rng)! : window.randomElement(using: &rng)!
                period = [s.periods[committedThrough != nil && any == 0 && !window.contains(0) ? window[0] : any]]
            }
            let yuan = committedThrough == nil && Int.random(in: 0..<5, using: &rng) == 0 ? p.cost / 2 : p.cost
            entries.append(ReferencePlan.Entry(id: p.id, yuan: yuan, periods: period, location: SourceLocation(file: "ref.json", line: entries.count + 1)))
        }
        s.reference = ReferencePlan(file: "ref.json", entries: entries, committedThrough: committedThrough)
        s = s.withCommitments()
        let metric: Metric = Bool.random(using: &rng) ? .changes : .moved
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: s.objective.append(ObjectiveTerm(sense: .minimize, metric: metric))
        case 1: s.objective.insert(ObjectiveTerm(sense: .minimize, metric: metric), at: 0)
        default:
            let bound = metric == .changes ? Rational(Int.random(in: 0...3, using: &rng))
                : Rational(s.projects.reduce(Int64(0)) { $0 + $1.cost } * Int64(Int.random(in: 0...50, using: &rng)) / 100)
            s.rules.append(Rule(metric: metric, bounds: Bounds(max: .value(bound))))
        }
        return s
    }
}

/// Lexicographic optima by enumerating every subset of an all-or-nothing scenario.
public enum BruteForce {
    /// The stage optima and the equally good plans: those within every earlier term's
    /// `within` of its optimum and exactly at the last term's (nil when no subset is feasible).
    public static func solve(_ s: Scenario) -> (optima: [Rational], equallyGood: [Plan])? {
        precondition(s.projects.allSatisfy { !$0.isPartlyFundable } && s.projects.count <= 16)
        var feasible: [Plan] = []
        for mask in 0..<(1 << s.projects.count) {
            let funded = s.projects.indices.map { mask & (1 << $0) != 0 }
            let amounts = s.projects.indices.map { funded[$0] ? s.projects[$0].cost : 0 }
            // Every way to time the funded projects that have a window.
            let timed = s.projects.indices.filter { funded[$0] && s.window(of: s.projects[$0]) != nil }
            var choices = [[Int?]]([[Int?](repeating: nil, count: s.projects.count)])
            for j in timed {
                choices = choices.flatMap { c in s.window(of: s.projects[j])!.map { t in var d = c; d[j] = t; return d } }
            }
            for choice in choices {
                var plan = Plan(status: .feasible, amounts: amounts, funded: funded, periodChoice: choice, stages: [])
                if !s.sources.isEmpty { plan.sourceAmounts = SourceSplit.integral(s, amounts: amounts, funded: funded) ?? [] }
                if PlanVerifier.violations(of: plan, in: s).isEmpty { feasible.append(plan) }
            }
        }
        guard !feasible.isEmpty else { return nil }
        var optima: [Rational] = []
        for (k, term) in s.objective.enumerated() {
            let values = feasible.map { s.evaluate(term.metric, term.filter, period: s.periodIndex(term.period), in: $0) }
            let best = term.sense == .maximize ? values.max()! : values.min()!
            optima.append(best)
            let tolerance = k == s.objective.count - 1 ? .zero : term.within * best.magnitude
            feasible = zip(feasible, values).filter { _, v in
                term.sense == .maximize ? v >= best - tolerance : v <= best + tolerance
            }.map(\.0)
        }
        return (optima, feasible)
    }
}
