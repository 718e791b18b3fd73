import ArgumentParser
import Foundation
import FundAllocation
import ScenarioIO
import Workflows

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic scenario of any size, resampled from the Xianyang seed list.",
        discussion: """
        Writes DIR/scenario.yaml and DIR/projects.csv (and DIR/villages.csv with --villages) and \
        says on stderr what it wrote; DIR is created when missing. Files that exist are not \
        overwritten unless --force is given (then they are replaced whole). The same options and seed \
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
    @Flag(help: "Replace files that already exist in the folder.") var force = false

    func validate() throws {
        if let problem = generator.problem { throw Console.usage(problem) }
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
        let files = generator.files()
        let paths = files.map { (out as NSString).appendingPathComponent($0.name) }
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        if !existing.isEmpty && !force {
            Console.error("\(existing.joined(separator: ", ")) \(existing.count == 1 ? "already exists" : "already exist" as Message): nothing written (give --force to replace, or another --out)")
            throw ExitStatus.cannotWrite
        }
        for (file, path) in zip(files, paths) {
            do { try AtomicFile.write(file.text, to: path) } catch {
                Console.error(error.text)
                throw ExitStatus.cannotWrite
            }
        }
        Console.error("wrote \(paths.joined(separator: ", ")) (\(projects) projects, \(regions) regions, seed \(seed))")
    }
}
