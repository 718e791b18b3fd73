import Foundation

/// Where the repository and the shared reference data are.
public enum Paths {
    /// The repository's top folder.
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the checkout (the design docs, conformance cases and reference data).
    /// Tests that need it fail, never skip, when it is missing.
    public static let shared: URL = repository.deletingLastPathComponent().appendingPathComponent("shared")

    public static func sharedFile(_ relative: String) -> String { shared.appendingPathComponent(relative).path }

    public static func repositoryFile(_ relative: String) -> String { repository.appendingPathComponent(relative).path }

    /// A fresh temporary folder.
    public static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "fundalloc-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
