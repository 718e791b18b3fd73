import Foundation
import FundAllocation

/// A MILP solver without GLPK, for testing the planner and the workflows alone: it tries every
/// assignment of the integer columns (small models only: each column's bounds finite, at most
/// 2²⁰ assignments, no continuous column) and keeps the best that satisfies every row, the
/// first found among equals. It honours a node limit (one node per assignment tried) and
/// reports `noSolution` for the calls listed in `findsNothing` (0-based), as a solve stopped
/// by the clock before its first solution would.
///
/// Each call advances `clock` by `secondsPerSolve` (a clock a `Planner` can be given), and
/// after `interruptAfter` calls `interruptSignal` reads SIGINT: interruption and the split of
/// a time budget are tested without timing anything.
public final class EnumeratingSolver: MILPSolving, @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0
    private var now = 0.0
    private var recorded: [MILPOptions] = []
    public let findsNothing: Set<Int>
    public let secondsPerSolve: Double
    public let interruptAfter: Int?

    public init(findsNothing: Set<Int> = [], secondsPerSolve: Double = 0, interruptAfter: Int? = nil) {
        self.findsNothing = findsNothing
        self.secondsPerSolve = secondsPerSolve
        self.interruptAfter = interruptAfter
    }

    /// The options of every solve so far, in order.
    public var options: [MILPOptions] { lock.withLock { recorded } }

    /// Seconds on this solver's clock (advanced by each solve).
    public var clock: @Sendable () -> Double { { [unowned self] in self.lock.withLock { self.now } } }

    public var interruptSignal: Int32? {
        lock.withLock { interruptAfter.map { calls >= $0 } ?? false ? SIGINT : nil }
    }

    public struct TooLarge: Error, CustomStringConvertible {
        public var description: String
    }

    public func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution {
        let call: Int = lock.withLock {
            recorded.append(options)
            now += secondsPerSolve
            calls += 1
            return calls - 1
        }
        if let signal = interruptSignal, call >= (interruptAfter ?? .max) { throw SolveInterrupted(signal: signal) }
        if findsNothing.contains(call) {
            return MILPSolution(status: .noSolution, values: model.columns.map(\.lower), objective: 0, bestBound: nil,
                                gap: nil, nodes: 0, seconds: secondsPerSolve, log: "")
        }
        var ranges: [ClosedRange<Int>] = []
        var count = 1.0
        for c in model.columns {
            guard c.kind != .continuous, c.lower.isFinite, c.upper.isFinite else {
                throw TooLarge(description: "column \(c.name) is continuous or unbounded")
            }
            let range = Int(c.lower.rounded(.up))...Int(c.upper.rounded(.down))
            count *= Double(range.count)
            ranges.append(range)
        }
        guard count <= 1_048_576 else { throw TooLarge(description: "\(count) assignments") }
        var x = ranges.map { Double($0.lowerBound) }
        var best: (value: Double, x: [Double])?
        var nodes = 0
        let better: (Double, Double) -> Bool = objective.sense == .maximize ? { $0 > $1 + 1e-9 } : { $0 < $1 - 1e-9 }
        var stoppedEarly = false
        outer: while true {
            nodes += 1
            if model.isSatisfied(by: x, tolerance: 1e-9) {
                let v = objective.terms.reduce(objective.constant) { $0 + $1.coefficient * x[$1.column] }
                if best.map({ better(v, $0.value) }) ?? true { best = (v, x) }
            }
            if let limit = options.nodeLimit, nodes >= limit { stoppedEarly = true; break }
            var i = 0
            while i < x.count {
                if x[i] < Double(ranges[i].upperBound) { x[i] += 1; continue outer }
                x[i] = Double(ranges[i].lowerBound)
                i += 1
            }
            break
        }
        guard let best else {
            return MILPSolution(status: stoppedEarly ? .noSolution : .infeasible, values: model.columns.map(\.lower), objective: 0,
                                bestBound: nil, gap: nil, nodes: nodes, seconds: secondsPerSolve, log: "")
        }
        return MILPSolution(status: stoppedEarly ? .feasible : .optimal, values: best.x, objective: best.value,
                            bestBound: nil, gap: nil, nodes: nodes, seconds: secondsPerSolve, log: "")
    }
}
