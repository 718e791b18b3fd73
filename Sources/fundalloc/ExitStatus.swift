import ArgumentParser
import FundAllocation

/// The documented exit codes (README, `fundalloc --help`).
enum ExitStatus {
    static let optimal = ExitCode(0)
    static let internalError = ExitCode(1)
    static let notProven = ExitCode(2)
    static let infeasible = ExitCode(3)
    static let noSolution = ExitCode(4)
    static let usage = ExitCode(64)
    static let invalidScenario = ExitCode(65)
    static let cannotWrite = ExitCode(73)
    /// Ctrl-C (SIGINT) or SIGTERM: 128 + 2, as shells report it.
    static let interrupted = ExitCode(130)

    static func of(_ status: Plan.Status) -> ExitCode {
        switch status {
        case .optimal: return optimal
        case .feasible: return notProven
        case .infeasible: return infeasible
        case .noSolution: return noSolution
        }
    }
}
