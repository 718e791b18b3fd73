import ArgumentParser
import FundAllocation
import Rendering
import ScenarioIO

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario and print the size of its model.",
        discussion: "Every problem is reported as file:line: message, all in one pass. Exit 0 when valid, 65 when not.")

    @OptionGroup var options: CommonOptions

    @Flag(help: "Print the resolved scenario (with its extends chain merged) as YAML instead of the summary.")
    var resolved = false

    func run() throws {
        let scenario = try options.loadScenario(notes: true)
        if resolved {
            // The scenario is valid (loadScenario checked it); show exactly what was solved.
            let document = try Console.reportingErrors { () throws(ScenarioError) in
                try ScenarioLoader.resolvedDocument(path: options.scenario, overrides: options.overrides.parsed())
            }
            Console.output(DocumentWriter.yaml(document))
            return
        }
        let model = AllocationModel(scenario)
        Console.output(CheckSummary.render(scenario, model, language: options.language))
    }
}
