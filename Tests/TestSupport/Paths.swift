import Foundation

/// Where the repository, its test fixtures and the tests' temporary files are.
public enum Paths {
    /// The repository's top folder.
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures`: the reference data (OR-Library, Pabulib, the Xianyang list) and the
    /// conformance cases, copied into the repository so that a clone stands alone
    /// (Tests/Fixtures/README.md gives each data set's source, licence and checksum).
    public static let fixtures: URL = repository.appendingPathComponent("Tests/Fixtures")

    /// A file under `Tests/Fixtures`, e.g. `fixture("orlib/mknap1.txt")`.
    public static func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }

    public static func repositoryFile(_ relative: String) -> String { repository.appendingPathComponent(relative).path }

    /// One folder per test process holding every temporary folder the tests make; it is
    /// removed when the process exits, so a test run leaves nothing in the temporary folder.
    public static let temporaryRoot: String = {
        let path = NSTemporaryDirectory() + "fundalloc-tests-\(getpid())"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: Paths.temporaryRoot) }
        return path
    }()

    /// A fresh temporary folder (inside `temporaryRoot`).
    public static func temporaryFolder() -> String {
        let path = temporaryRoot + "/" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
