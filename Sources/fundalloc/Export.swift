import Foundation
import ArgumentParser
import FundAllocation
import GLPKBackend
import ScenarioIO

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the model of the first objective stage as CPLEX LP or MPS (GLPK's writers).",
        discussion: """
        The file is exactly the model GLPK solves for the first objective term, with readable \
        names: x_<id> funded, k_<id> units of budget.unit given to a partly fundable project, \
        z_<id>_<period> paid in that period, w_<source>_<id> yuan from a source, c<n>_<village> \
        village reached; rows budget_total, budget_until_<period>, source_<id>, rule<n> (the n-th \
        rule as `check` lists them), portfolio_min_<criterion>. Rows are scaled so that their \
        largest coefficient is 1; the objective is not, so its optimum is the term's best value \
        (e.g. households) — re-solve with glpsol, cbc or HiGHS and compare. Written whole or not \
        at all (a temporary file, renamed).
        """)

    @OptionGroup var options: CommonOptions

    @Option(help: "Write CPLEX LP to this file.")
    var lp: String?

    @Option(help: "Write free MPS to this file.")
    var mps: String?

    func validate() throws {
        if (lp == nil) == (mps == nil) { throw Console.usage("give exactly one of --lp FILE or --mps FILE") }
    }

    func run() throws {
        let path = lp ?? mps!
        do { try AtomicFile.checkWritable(path) } catch {
            Console.error(error.text)
            throw ExitStatus.cannotWrite
        }
        let scenario = try options.loadScenario()
        let model = AllocationModel(scenario)
        var objective = MILPObjective(sense: .maximize, terms: [])
        if let term = scenario.objective.first {
            let e = model.expression(term.metric, term.filter, period: scenario.periodIndex(term.period))
            objective = MILPObjective(sense: term.sense, terms: e.sortedTerms.map { ($0.column, $0.coefficient.doubleValue) },
                                      constant: e.constant.doubleValue)
        }
        do {
            try AtomicFile.produce(path) { temporary in
                try GLPKSolver().write(model.milpModel(), objective: objective, to: temporary, lp: lp != nil,
                                       name: scenario.name ?? (scenario.file as NSString).lastPathComponent)
            }
        } catch {
            Console.error("cannot write \(path): \(error)")
            throw ExitStatus.cannotWrite
        }
    }
}
