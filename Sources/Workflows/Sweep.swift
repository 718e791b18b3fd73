import FundAllocation
import ScenarioIO

/// One `--vary PATH=FROM:TO:STEPS` or `--vary PATH=v1,v2,v3`: a scenario value and the values
/// it takes.
public struct SweepAxis: Sendable, Equatable {
    public var path: String
    /// The values as override text, in order.
    public var values: [String]

    public init(path: String, values: [String]) {
        self.path = path
        self.values = values
    }

    /// The most points one sweep may have (a grid multiplies its axes).
    public static let maximumPoints = 100_000

    /// Reads `PATH=FROM:TO:STEPS` (STEPS points from FROM to TO, both included, evenly spaced;
    /// whole numbers when FROM and TO are whole; money syntax accepted) or `PATH=v1,v2,…`
    /// (values as written; no thousands separators there).
    public init(parsing argument: String) throws(ScenarioError) {
        let location = SourceLocation(file: "--vary \(argument)", line: 0)
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw ScenarioError([Diagnostic(.error, location, "expected PATH=FROM:TO:STEPS or PATH=v1,v2,…, e.g. budget.total=8000万:1.2亿:5")])
        }
        let path = String(argument[..<equals]).trimmingSpaces()
        self.init(path: path, values: try SweepAxis.values(String(argument[argument.index(after: equals)...]), at: location))
    }

    /// The values of `FROM:TO:STEPS` or `v1,v2,…` (see `init(parsing:)`), written at `location`
    /// (the option as given) for errors.
    public static func values(_ spec: String, at location: SourceLocation) throws(ScenarioError) -> [String] {
        func fail(_ message: Message) -> ScenarioError { ScenarioError([Diagnostic(.error, location, message)]) }
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        if parts.count == 3 {
            let ends = try parts[0...1].map { text throws(ScenarioError) -> Rational in
                switch NumberSyntax.number(text) {
                case .success(let v): return v
                case .failure(let f): throw fail("'\(text)': \(f.message)")
                }
            }
            guard let steps = Int(parts[2]), steps >= 1, steps <= SweepAxis.maximumPoints else {
                throw fail("STEPS must be a whole number of points from 1 to \(SweepAxis.maximumPoints), found '\(parts[2])'")
            }
            if steps == 1 && ends[0] != ends[1] { throw fail("one step needs FROM equal to TO") }
            let whole = ends[0].isInteger && ends[1].isInteger
            return (0..<steps).map { i -> String in
                let v = steps == 1 ? ends[0] : ends[0] + (ends[1] - ends[0]) * Rational(i, steps - 1)
                return whole ? String(v.rounded) : v.decimalString(places: 9)
            }
        }
        guard parts.count == 1 else { throw fail("a range is FROM:TO:STEPS (three parts), found '\(spec)'") }
        let values = spec.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        guard !values.contains(where: \.isEmpty) else { throw fail("a value in the list is empty") }
        // "1,000,000,2,000,000" is two numbers written with thousands separators, not six.
        if let k = values.indices.dropFirst().first(where: { values[$0].count == 3 && values[$0].allSatisfy(\.isASCIIDigit)
                                                              && values[$0 - 1].last?.isASCIIDigit == true }) {
            throw fail("values are separated by commas, so they cannot carry thousands separators ('\(values[k - 1]),\(values[k])'): write 1000000 or 100万")
        }
        // "9600万-1.36亿": a range written the way one says it.
        if values.count == 1, let dash = SweepAxis.rangeDash(values[0]) {
            throw fail("a range is FROM:TO:STEPS, e.g. \(dash.from):\(dash.to):5, found '\(values[0])'")
        }
        return values
    }
}

extension SweepAxis {
    /// FROM and TO when `text` is two numbers joined by a dash or tilde (`9600万-1.36亿`).
    static func rangeDash(_ text: String) -> (from: String, to: String)? {
        for dash in ["~", "～", "—", "–", "-", "至", "到"] {
            let sides = text.components(separatedBy: dash)
            guard sides.count == 2, !sides[0].isEmpty,
                  case .success = NumberSyntax.number(sides[0]), case .success = NumberSyntax.number(sides[1]) else { continue }
            return (sides[0], sides[1])
        }
        return nil
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// One point of a sweep: a value for each axis.
public struct SweepPoint: Sendable {
    /// 1-based, in input order.
    public var number: Int
    /// (path, value) for each axis, in axis order.
    public var values: [(path: String, value: String)]
    /// What the point changes in the scenario.
    public var overrides: [Override]

    public init(number: Int, values: [(path: String, value: String)]) {
        self.number = number
        self.values = values
        overrides = values.map {
            Override(path: Override.segments($0.path), text: $0.value)
        }
    }

    /// A point defined by its overrides alone (a frontier's budget).
    public init(number: Int, overrides: [Override]) {
        self.number = number
        values = []
        self.overrides = overrides
    }
}

public enum Sweep {
    /// Loads every point of a sweep from the resolved document (so that every bad value is
    /// reported before anything is solved), all errors together.
    public static func scenarios(_ points: [SweepPoint], document: DocumentNode, file: String,
                                 base: [Override]) throws(ScenarioError) -> [Scenario] {
        try ScenarioError.all(points) { point throws(ScenarioError) in
            try ScenarioLoader.load(document: document, file: file, overrides: base + point.overrides)
        }
    }

    /// Every combination of the axes' values; the first axis varies slowest.
    public static func grid(_ axes: [SweepAxis]) throws(ScenarioError) -> [SweepPoint] {
        let count = axes.reduce(1) { $0.multipliedReportingOverflow(by: $1.values.count).partialValue }
        guard !axes.isEmpty, count <= SweepAxis.maximumPoints else {
            throw ScenarioError([Diagnostic(.error, nil, axes.isEmpty ? Message("a sweep needs at least one --vary")
                : "the grid has \(count) points; at most \(SweepAxis.maximumPoints) are allowed")])
        }
        var points: [SweepPoint] = []
        points.reserveCapacity(count)
        for n in 0..<count {
            var rest = n
            var values: [(String, String)] = []
            for axis in axes.reversed() {
                values.append((axis.path, axis.values[rest % axis.values.count]))
                rest /= axis.values.count
            }
            points.append(SweepPoint(number: n + 1, values: values.reversed()))
        }
        return points
    }
}

/// What a sweep (or frontier) writes for one point: the figures a script needs.
public struct PointSummary: Sendable {
    public struct Term: Sendable {
        public var label: String
        public var optimum: Rational?
        public var value: Rational?
    }

    /// How a point ended: a solve's status, or a failure (`error`).
    public enum Status: Sendable, Equatable, CustomStringConvertible {
        case solved(Plan.Status)
        /// The solver failed or its plan failed the exact re-check: no trustworthy answer.
        case failed

        /// As the outputs write it: the plan's status (`optimal`, `no_solution`, …) or `error`.
        public var description: String {
            switch self {
            case .solved(let s): return s.rawValue
            case .failed: return "error"
            }
        }
    }

    public var status: Status
    public var gap: Double?
    public var terms: [Term]
    public var funds: Int64
    public var households: Rational
    /// households × persons_per_household, when that is set.
    public var persons: Rational?
    /// Σ weighted 五个好 score of the funded projects (the `score` metric).
    public var score: Rational
    /// Households and funds per county (the scenario's region table order; projects without a
    /// county under id nil).
    public var regions: [(id: String?, households: Rational, funds: Int64)]
    public var projects: Int
    /// Ids of the funded projects, in scenario order.
    public var funded: [String]
    /// Yuan given to each funded project, by id.
    public var amounts: [String: Int64]
    /// The solver failure, for a point with status `failed`.
    public var error: String?

    public init(_ report: PlanReport) {
        status = .solved(report.status)
        gap = report.gap
        terms = report.stages.map { Term(label: $0.term.description, optimum: $0.optimum, value: $0.value) }
        funds = report.funds
        households = report.households
        persons = report.persons
        score = report.funded.map(\.score).reduce(.zero, +)
        regions = report.regions.map { ($0.id, $0.households, $0.funds) }
        projects = report.funded.count
        funded = report.funded.map(\.id)
        amounts = Dictionary(uniqueKeysWithValues: report.funded.map { ($0.id, $0.funds) })
    }

    /// A point whose solve failed (status `failed`, the message in `error`).
    public init(error: String) {
        status = .failed
        terms = []
        funds = 0
        households = .zero
        score = .zero
        regions = []
        projects = 0
        funded = []
        amounts = [:]
        self.error = error
    }

    /// True when the point has a plan (optimal or feasible).
    public var hasPlan: Bool { status == .solved(.optimal) || status == .solved(.feasible) }

    /// True when the answer is proven: optimal, or proven infeasible.
    public var isProven: Bool { status == .solved(.optimal) || status == .solved(.infeasible) }
}
