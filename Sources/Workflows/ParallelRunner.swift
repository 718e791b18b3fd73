import Foundation

/// Runs independent jobs on worker threads and hands their results back in input order.
///
/// Each job runs start to finish on one thread (a GLPK problem must stay on the thread that
/// made it); results are emitted on the calling thread, in order, as soon as every earlier one
/// is in, so the output is the same whatever the number of threads.
public enum ParallelRunner {
    /// Runs `work(i)` for i in 0..<count on `jobs` threads and calls `emit(i, result)` for
    /// i = 0, 1, … in order. `work` returns nil for a job it abandoned (interrupted); once
    /// `shouldStop` is true no new job starts, and emission stops at the first job not done.
    /// Returns how many results were emitted.
    @discardableResult
    public static func run<Result: Sendable>(count: Int, jobs: Int, shouldStop: @escaping @Sendable () -> Bool,
                                             work: @escaping @Sendable (Int) -> Result?,
                                             emit: (Int, Result) -> Void) -> Int {
        let state = State<Result>(count: count)
        let threads = max(1, min(jobs, count))
        state.condition.lock()
        state.running = threads
        state.condition.unlock()
        for _ in 0..<threads {
            let thread = Thread {
                while let i = state.take(shouldStop: shouldStop) {
                    state.finish(i, work(i))
                }
                state.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var emitted = 0
        state.condition.lock()
        while true {
            while emitted < count, case .done(let result) = state.slots[emitted] {
                state.condition.unlock()
                emit(emitted, result)
                emitted += 1
                state.condition.lock()
            }
            if state.running == 0 { break }
            state.condition.wait()
        }
        state.condition.unlock()
        return emitted
    }

    private enum Slot<Result> { case pending, done(Result), abandoned }

    private final class State<Result>: @unchecked Sendable {
        let condition = NSCondition()
        var slots: [Slot<Result>]
        var next = 0
        var running = 0

        init(count: Int) { slots = Array(repeating: .pending, count: count) }

        func take(shouldStop: () -> Bool) -> Int? {
            condition.lock()
            defer { condition.unlock() }
            guard next < slots.count, !shouldStop() else { return nil }
            next += 1
            return next - 1
        }

        func finish(_ i: Int, _ result: Result?) {
            condition.lock()
            slots[i] = result.map { .done($0) } ?? .abandoned
            condition.signal()
            condition.unlock()
        }

        func leave() {
            condition.lock()
            running -= 1
            condition.signal()
            condition.unlock()
        }
    }
}
