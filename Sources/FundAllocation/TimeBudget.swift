import Foundation

/// The seconds a whole solve may take, from which every stage draws (`Planner`); the backend
/// divides a stage's part further (GLPK: the sub-MIP heuristic, `GLPKStrategy`).
///
/// Where the defaults are: a command's whole solve `Planner.defaultTimeLimit` (60 s, when
/// neither `--time-limit` nor `solver.time_limit` sets one); the analyses around a plan (the
/// diagnosis, explain, alternatives) no time at all but `Planner.analysisNodeLimit` nodes per
/// solve; the tie-break stage `Planner.tieBreakNodes` nodes within half of what is left
/// (`Planner.tieBreakShare`).
public struct TimeBudget: Sendable {
    /// Seconds for the whole solve; nil: unbounded.
    public let limit: Double?
    private let started: Double
    private let now: @Sendable () -> Double

    /// A budget of `limit` seconds from now, measured on `clock` (seconds on any fixed origin;
    /// the default is the monotonic clock, tests hand a clock of their own).
    public init(limit: Double?, clock: @escaping @Sendable () -> Double = TimeBudget.monotonic) {
        self.limit = limit
        now = clock
        started = clock()
    }

    /// Seconds since an arbitrary fixed point, never going back (not the wall clock).
    public static let monotonic: @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Seconds left (negative once overspent); nil when unbounded.
    public var left: Double? { limit.map { $0 - (now() - started) } }

    /// True once less than a millisecond is left: nothing more is started.
    public var isSpent: Bool { left.map { $0 <= 0.001 } ?? false }

    /// The part of what is left that stage `stage` (0-based) of `count` may use
    /// (`Planner.timeShare`); nil when unbounded.
    public func share(stage: Int, of count: Int) -> Double? {
        left.map { $0 * Planner.timeShare(stage: stage, of: count) }
    }
}
