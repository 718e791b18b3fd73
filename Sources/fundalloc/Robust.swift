import ArgumentParser
import Foundation
import FundAllocation
import Rendering
import ScenarioIO
import Workflows

struct RobustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robust",
        abstract: "How sure the plan is when scores and households are uncertain (the scenario's uncertainty block).",
        discussion: """
        Draws samples of the uncertain values (MODEL.md §9: the uncertainty block, per-project \
        <field>_low/<field>_high), solves each sample whole (eligibility re-evaluated, every \
        objective term), and reports each project's core index (the share of samples funding it) \
        and class, the nominal plan's feasibility and regret on the first term, and the \
        distribution of the first term's optimum. Sample k depends on (seed, k) alone: the same \
        seed gives the same bytes for any --jobs and any --shard split (fundalloc merge). \
        Exit 0 when every sample was solved, 1 when one failed, 130 on Ctrl-C (nothing written; \
        with --shard the samples finished are written, each a whole line).
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, xlsx }

    @OptionGroup var options: CommonOptions

    @Option(help: "How many samples (default: uncertainty.samples, else 100).")
    var samples: Int?

    @Option(help: "The seed (default: uncertainty.seed, else 1).")
    var seed: UInt64?

    @Option(help: "Output format: table, json, csv or xlsx (a workbook, with -o FILE; default: what -o FILE's extension names, else table).")
    var format: Format?

    @Option(help: ArgumentHelp("Compute only samples i, i+n, … and write them as JSON lines for fundalloc merge.", valueName: "i/n"))
    var shard: String?

    @OptionGroup var classes: ClassOptions

    @Option(help: "Also find the plan, feasible as written, that makes the first term's worst case (worst) or mean (mean) over the samples best.")
    var plan: Robustness.PlanKind?

    @Option(name: .customLong("write-samples"), help: ArgumentHelp("Write each sample (of this run or shard) as a scenario any solver can re-solve: DIR/sample-K.yaml and .csv.", valueName: "dir"))
    var writeSamples: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var progressOptions: ProgressOptions

    mutating func validate() throws {
        if shard == nil { format = try output.format(format, default: .table) }
        try output.checkWorkbook(format)
        if let samples, samples < 1 { throw Console.usage("--samples must be at least 1") }
        if shard != nil && plan != nil { throw Console.usage("--plan needs every sample: it is not computed by a shard") }
        if let shard, RobustCommand.parseShard(shard) == nil {
            throw Console.usage("--shard must be i/n with 0 ≤ i < n, e.g. 0/4, found '\(shard)'")
        }
    }

    static func parseShard(_ text: String) -> (index: Int, of: Int)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        return (i, n)
    }


    /// The scenario with `--samples` and `--seed` laid on its uncertainty block (a scenario
    /// without one is sampled with no spread: every sample is the scenario itself).
    static func scenario(_ s: Scenario, samples: Int?, seed: UInt64?) -> Scenario {
        var s = s
        var u = s.uncertainty ?? Uncertainty()
        if let samples { u.samples = samples }
        if let seed { u.seed = seed }
        s.uncertainty = u
        return s
    }

    func run() throws {
        SolverOptions.catchInterrupts()
        try output.checkWritable()
        let scenario = RobustCommand.scenario(try options.loadScenario(), samples: samples, seed: seed)
        let u = scenario.uncertainty!
        let solver = runOptions.solver
        let nominal = try Console.solving(scenario) {
            try Robustness.nominalPlan(scenario, solver: solver, timeLimit: runOptions.timeLimit)
        }
        let split = shard.flatMap(RobustCommand.parseShard)
        let indices = Robustness.indices(u.samples, shard: split)
        if let folder = writeSamples { try writeSampleFiles(scenario, indices, to: folder) }
        let progress = progressOptions.bar(total: indices.count)
        var done: [Robustness.Sample] = []
        Robustness.run(scenario, nominal: nominal, indices: indices, solver: solver, jobs: runOptions.threads,
                       timeLimit: runOptions.timeLimit) { sample in
            done.append(sample)
            progress.update(done.count)
        }
        progress.finish()
        if let shard {
            // Every line is a whole sample: on Ctrl-C the samples finished are kept (a merge then
            // names the ones missing).
            var text = RobustnessOutput.line(RobustnessOutput.ShardHeader(scenario: scenario.file, samples: u.samples, seed: u.seed, shard: shard))
            for sample in done { text += RobustnessOutput.line(sample) }
            try output.write(text)
            if let signal = SolverOptions.interruptSignal {
                Console.error("interrupted (signal \(signal)): \(done.count) of \(indices.count) samples written")
                throw ExitStatus.interrupted
            }
        } else {
            try Console.exitIfInterrupted()
            var summary = Robustness.Summary(scenario, nominal: nominal, samples: done,
                                             thresholds: classes.thresholds)
            if let plan {
                progress.say("robust plan (\(plan.rawValue) over \(indices.count) samples)")
                summary.robustPlan = try Console.solving(scenario) {
                    try Robustness.robustPlan(scenario, nominal: nominal, indices: indices, kind: plan, solver: solver,
                                              timeLimit: Planner.commandTimeLimit(runOptions.timeLimit, scenario))
                }
                if summary.robustPlan == nil {
                    Console.error("--plan: no robust plan (the scenario has no objective, or no plan was found in the time limit)")
                }
                progress.finish()
            }
            try RobustCommand.write(summary, format: format ?? .table, language: options.language, to: output)
        }
        if done.contains(where: { $0.status == "error" }) { throw ExitStatus.internalError }
    }

    /// `--write-samples`: every sample of `indices` as `sample-K.yaml` + `.csv` in `folder`
    /// (made if missing; each file written whole).
    func writeSampleFiles(_ scenario: Scenario, _ indices: [Int], to folder: String) throws {
        let original = URL(fileURLWithPath: options.scenario).standardizedFileURL.path
        let columns = (try? ScenarioLoader.resolvedDocument(path: options.scenario))?["columns"]?.mapping?.map(\.key) ?? []
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for k in indices {
                for (name, text) in SampleWriter.files(scenario, sample: k, original: original, columns: columns) {
                    try AtomicFile.write(text, to: (folder as NSString).appendingPathComponent(name))
                }
            }
        } catch let error as AtomicFile.WriteError {
            Console.error(error.text)
            throw ExitStatus.cannotWrite
        } catch {
            Console.error("cannot create folder \(folder): \(error.localizedDescription)")
            throw ExitStatus.cannotWrite
        }
    }

    static func write(_ summary: Robustness.Summary, format: Format, language: Language, to output: OutputOptions) throws {
        switch format {
        case .table: try output.write(RobustnessOutput.table(summary, language: language))
        case .json: try output.write(RobustnessOutput.json(summary))
        case .csv: try output.write(RobustnessOutput.csv(summary))
        case .xlsx: try output.write(RobustnessOutput.workbook(summary, language: language))
        }
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shard files of fundalloc robust --shard into the output of one run.",
        discussion: """
        Give the scenario as robust was given it and every shard file (JSON lines). The shards \
        must come from one run (the same samples and seed) and hold every sample exactly once; \
        the output is byte for byte what one robust run prints with the same options.
        """)

    @OptionGroup var options: CommonOptions

    @Argument(help: "The shard files (robust --shard i/n -o FILE).")
    var shards: [String]

    @Option(help: "Output format: table, json, csv or xlsx (a workbook, with -o FILE; default: what -o FILE's extension names, else table).")
    var format: RobustCommand.Format?

    @OptionGroup var classes: ClassOptions

    @OptionGroup var output: OutputOptions
    @OptionGroup var solverOptions: SolverOptions

    mutating func validate() throws {
        format = try output.format(format, default: .table)
        try output.checkWorkbook(format)
    }

    func run() throws {
        SolverOptions.catchInterrupts()
        try output.checkWritable()
        let decoder = JSONDecoder()
        var header: RobustnessOutput.ShardHeader?
        var samples: [Int: Robustness.Sample] = [:]
        for path in shards {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                Console.error("\(path): cannot read the shard file")
                throw ExitStatus.invalidScenario
            }
            for (n, line) in text.split(separator: "\n").enumerated() {
                let data = Data(line.utf8)
                if n == 0 {
                    guard let h = try? decoder.decode(RobustnessOutput.ShardHeader.self, from: data) else {
                        Console.error("\(path):1: not a shard file of fundalloc robust --shard")
                        throw ExitStatus.invalidScenario
                    }
                    if let header, header.samples != h.samples || header.seed != h.seed {
                        Console.error("\(path):1: from another run (\(h.samples) samples, seed \(h.seed); the first shard: \(header.samples), seed \(header.seed))")
                        throw ExitStatus.invalidScenario
                    }
                    header = h
                    continue
                }
                guard let sample = try? decoder.decode(Robustness.Sample.self, from: data) else {
                    Console.error("\(path):\(n + 1): not a sample line")
                    throw ExitStatus.invalidScenario
                }
                if samples[sample.sample] != nil {
                    Console.error("\(path):\(n + 1): sample \(sample.sample) is in two shards")
                    throw ExitStatus.invalidScenario
                }
                samples[sample.sample] = sample
            }
        }
        guard let header else {
            Console.error("no shard file given")
            throw ExitStatus.usage
        }
        let missing = (0..<header.samples).filter { samples[$0] == nil }
        if !missing.isEmpty {
            Console.error("samples missing from the shards: \(missing.prefix(10).map(String.init).joined(separator: ", "))\(missing.count > 10 ? ", …" : "")")
            throw ExitStatus.invalidScenario
        }
        let scenario = RobustCommand.scenario(try options.loadScenario(), samples: header.samples, seed: header.seed)
        let solver = solverOptions.solver
        let nominal = try Console.solving(scenario) {
            try Robustness.nominalPlan(scenario, solver: solver, timeLimit: solverOptions.timeLimit)
        }
        let summary = Robustness.Summary(scenario, nominal: nominal, samples: Array(samples.values),
                                         thresholds: classes.thresholds)
        try RobustCommand.write(summary, format: format ?? .table, language: options.language, to: output)
        if samples.values.contains(where: { $0.status == "error" }) { throw ExitStatus.internalError }
    }
}

extension Robustness.PlanKind: ExpressibleByArgument {}

/// `--core` and `--exterior`: the classes of robust and merge.
struct ClassOptions: ParsableArguments {
    @Option(help: "Core: funded in at least this share of the samples (default 0.9).")
    var core = ExactNumber(Rational(9, 10))

    @Option(help: "Exterior: funded in at most this share of the samples (default 0.1).")
    var exterior = ExactNumber(Rational(1, 10))

    var thresholds: Robustness.Thresholds { .init(core: core.value, exterior: exterior.value) }

    func validate() throws {
        guard !exterior.value.isNegative, exterior.value < core.value, core.value <= .one else {
            throw Console.usage("--exterior and --core must satisfy 0 ≤ exterior < core ≤ 1")
        }
    }
}
