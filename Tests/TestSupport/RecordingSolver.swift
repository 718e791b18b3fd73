import Foundation
import FundAllocation

/// A solver that records the options of every solve and hands the solve to `inner`: tests
/// check what limits the planner and the workflows ask for.
public final class RecordingSolver: MILPSolving, @unchecked Sendable {
    private let inner: any MILPSolving
    private let lock = NSLock()
    private var recorded: [MILPOptions] = []

    public init(wrapping inner: any MILPSolving) { self.inner = inner }

    /// The options of every solve so far, in the order they started.
    public var options: [MILPOptions] { lock.withLock { recorded } }

    public var interruptSignal: Int32? { inner.interruptSignal }

    public func solve(_ model: MILPModel, objective: MILPObjective, options: MILPOptions) throws -> MILPSolution {
        lock.withLock { recorded.append(options) }
        return try inner.solve(model, objective: objective, options: options)
    }
}
