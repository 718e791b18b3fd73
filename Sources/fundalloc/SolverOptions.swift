import ArgumentParser
import CBCBackend
import FundAllocation
import GLPKBackend

/// How every solve of a command runs: its time limit and its backend. The one place in the
/// command line that names a backend.
struct SolverOptions: ParsableArguments {
    @Option(name: .customLong("time-limit"),
            help: ArgumentHelp("Time for each solve (its objective stages share it), as in YAML: 30, 30s, 2m, 1h "
                                + "(overrides solver.time_limit; default 60 s).", valueName: "duration"))
    var limit: Seconds?

    /// `--time-limit` in seconds; nil: the scenario's `solver.time_limit`, else
    /// `Planner.defaultTimeLimit` (`Solving.report`).
    var timeLimit: Double? { limit?.value }

    @Option(help: "The MILP engine: glpk, cbc or auto (the one measured best for each model; overrides solver.backend; default auto).")
    var backend: SolverBackend?

    /// The backend of every solve: `--backend`, else each scenario's `solver.backend`, else
    /// `BackendSolver.standard`.
    var solver: any MILPSolving { BackendSolver(backend) }

    /// From now on Ctrl-C (SIGINT) and SIGTERM stop the running solve instead of the process
    /// (`MILPSolving.interruptSignal`); every command that solves calls it first.
    static func catchInterrupts() { GLPKSolver.installInterruptHandler() }

    /// The signal that asked the process to stop, if any.
    static var interruptSignal: Int32? { GLPKSolver.interruptSignal }
}

extension SolverBackend: ExpressibleByArgument {}
