import ArgumentParser
import Foundation
import ScenarioIO
import Workflows

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic scenario of any size, resampled from the Xianyang seed list.",
        discussion: """
        Writes DIR/scenario.yaml and DIR/projects.csv (and DIR/villages.csv with --villages); \
        DIR is created when missing and the files are replaced whole. The same options and seed \
        give the same bytes on every machine. Every number is drawn from the seed list's \
        distributions (docs/generate.md); the data are SYNTHETIC and say so in the file.
        """)

    @Option(help: "Number of projects.") var projects: Int
    @Option(help: "Number of regions (counties).") var regions: Int
    @Option(help: "Number of funding sources (paired cities), at most --regions; 0: no sources block.") var sources: Int = 0
    @Option(help: "Number of yearly tranches, from 2017.") var periods: Int = 1
    @Flag(help: "Count households once per village (writes a village table).") var villages = false
    @Option(help: "Seed of the random draw.") var seed: UInt64 = 1
    @Option(help: "Folder to write the scenario into.") var out: String

    func validate() throws {
        if let problem = generator.problem { throw ValidationError(problem) }
    }

    private var generator: ScenarioGenerator {
        ScenarioGenerator(projects: projects, regions: regions, sources: sources, periods: periods, villages: villages, seed: seed)
    }

    func run() throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            Console.error("cannot create folder \(out): \(error.localizedDescription)")
            throw ExitStatus.cannotWrite
        }
        for file in generator.files() {
            let path = (out as NSString).appendingPathComponent(file.name)
            do { try AtomicFile.write(file.text, to: path) } catch {
                Console.error(error.description)
                throw ExitStatus.cannotWrite
            }
        }
    }
}
