import ArgumentParser
import FundAllocation
import GLPKBackend

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the model of the first objective stage as CPLEX LP or MPS (GLPK's writers).",
        discussion: """
        The file is exactly what GLPK solves for the first objective term (rows scaled so their \
        largest coefficient is 1), with readable row and column names: x_<id> funded, k_<id> units \
        of budget.unit given to a partly fundable project. Re-solve it with glpsol, cbc or HiGHS.
        """)

    @OptionGroup var options: CommonOptions

    @Option(help: "Write CPLEX LP to this file.")
    var lp: String?

    @Option(help: "Write free MPS to this file.")
    var mps: String?

    func validate() throws {
        if (lp == nil) == (mps == nil) { throw ValidationError("give exactly one of --lp FILE or --mps FILE") }
    }

    func run() throws {
        let scenario = try options.loadScenario()
        let model = AllocationModel(scenario)
        guard let term = scenario.objective.first else { return }
        let (objective, _) = Planner.objective(model.expression(term.metric, term.filter), sense: term.sense)
        let path = lp ?? mps!
        do {
            try GLPKSolver().write(model.milpModel(), objective: objective, to: path, lp: lp != nil)
        } catch {
            Console.error("\(path): \(error)")
            throw ExitStatus.cannotWrite
        }
    }
}
