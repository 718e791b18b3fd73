import ArgumentParser
import Foundation
import FundAllocation
import Rendering
import ScenarioIO
import XLSXOutput

/// `-o FILE`: where a command's output goes (stdout by default); the file is written whole or
/// not at all, and a folder that does not exist is refused before any solving.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write the output to this file (atomically) instead of stdout.")
    var output: String?

    /// Exits 73 when the output file's folder does not exist or the path is a folder.
    func checkWritable() throws {
        guard let output else { return }
        do { try AtomicFile.checkWritable(output) } catch {
            Console.error(error.text)
            throw ExitStatus.cannotWrite
        }
    }

    /// The output format: the one given with `--format`, else the one `-o FILE`'s extension
    /// names (`plan.csv` → csv, `plan.json` → json), else `fallback` — never a table written
    /// into a `.csv`. A given format that another format's extension contradicts is refused.
    func format<F: CaseIterable & RawRepresentable>(_ given: F?, default fallback: F) throws -> F where F.RawValue == String {
        let named = output.flatMap { path -> F? in
            let ext = (path as NSString).pathExtension.lowercased()
            return F.allCases.first { $0.rawValue == ext }
        }
        if let given, let named, given != named {
            throw Console.usage("--format \(given.rawValue) does not match the output file \(output!) (a .\(named.rawValue) file): use --format \(named.rawValue) or another file name")
        }
        return given ?? named ?? fallback
    }

    /// A workbook is a file: `--format xlsx` without `-o FILE` is a usage error.
    func checkWorkbook<F: RawRepresentable>(_ format: F?) throws where F.RawValue == String {
        if format?.rawValue == "xlsx" && output == nil { throw OutputOptions.noWorkbookFile }
    }

    private static var noWorkbookFile: Error { Console.usage("--format xlsx writes a workbook: name the file with -o FILE.xlsx") }

    /// Writes `workbook` to the file (`--format xlsx`; `checkWorkbook` made sure there is one).
    func write(_ workbook: Workbook) throws {
        guard let output else { throw OutputOptions.noWorkbookFile }
        do { try WorkbookWriter.write(workbook, to: output) } catch let error as AtomicFile.WriteError {
            Console.error(error.text)
            throw ExitStatus.cannotWrite
        } catch {
            Console.error("cannot write \(output): \(String(describing: error))")
            throw ExitStatus.cannotWrite
        }
    }

    /// Writes `text` to the file, or to stdout without `-o`.
    func write(_ text: String) throws {
        guard let output else { return Console.output(text) }
        do { try AtomicFile.write(text, to: output) } catch {
            Console.error(error.text)
            throw ExitStatus.cannotWrite
        }
    }
}

/// How many solves run at once, and how each runs (`SolverOptions`).
struct RunOptions: ParsableArguments {
    @Option(help: "Solves run in parallel (default: the number of cores). The output does not depend on it.")
    var jobs: Int?

    @OptionGroup var solverOptions: SolverOptions

    var threads: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
    var timeLimit: Double? { solverOptions.timeLimit }
    var solver: any MILPSolving { solverOptions.solver }

    func validate() throws {
        if let jobs, jobs < 1 { throw Console.usage("--jobs must be at least 1") }
    }
}

/// `--time-limit`: a duration as the scenario's `solver.time_limit` takes it (`30`, `30s`,
/// `2m`, `1h`, `500ms`); anything else is a usage error saying so.
struct Seconds: ExpressibleByArgument {
    var value: Double

    init?(argument: String) {
        guard let seconds = NumberSyntax.duration(argument) else { return nil }
        value = seconds
    }
}

/// A number as the scenario takes it (`NumberSyntax.number`: `0.02`, `1e-2`), kept exact:
/// `--within`.
struct ExactNumber: ExpressibleByArgument, CustomStringConvertible {
    var value: Rational

    init(_ value: Rational) { self.value = value }

    init?(argument: String) {
        guard case .success(let v) = NumberSyntax.number(argument) else { return nil }
        value = v
    }

    var description: String { value.decimalString() }
}

/// `--progress`: progress lines on stderr even when it is not a terminal (logs, scripts).
struct ProgressOptions: ParsableArguments {
    @Flag(help: "Print progress to stderr as plain lines even when stderr is not a terminal (for logs and scripts).")
    var progress = false

    func bar(total: Int) -> Progress { Progress(total: total, forced: progress) }
}

/// Progress on stderr: a one-line bar redrawn in place when stderr is a terminal; with
/// `forced` and no terminal, one plain line per step ("3/40"); otherwise nothing.
struct Progress {
    let total: Int
    let terminal = isatty(STDERR_FILENO) == 1
    let forced: Bool

    init(total: Int, forced: Bool = false) {
        self.total = total
        self.forced = forced
    }

    func update(_ done: Int) {
        if terminal {
            let width = 30, filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total)".utf8))
        } else if forced {
            FileHandle.standardError.write(Data("\(done)/\(total)\n".utf8))
        }
    }

    /// A line saying what is being done now (a terminal shows it in place of the bar).
    func say(_ text: String) {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8)) }
        else if forced { FileHandle.standardError.write(Data("\(text)\n".utf8)) }
    }

    func finish() {
        guard terminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
