import Foundation
import FundAllocation

/// Writes a file whole or not at all: a temporary file in the same folder, then `rename(2)`.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: Message
        /// What went wrong, translatable.
        public var text: Message { "cannot write \(path): \(reason)" }
        public var description: String { text.description }
    }

    /// Throws when `path` cannot be a file written here: its folder is missing or it is a
    /// directory (checked again by `write`; commands call it before a long solve).
    public static func checkWritable(_ path: String) throws(WriteError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WriteError(path: path, reason: "the folder \(folder) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WriteError(path: path, reason: "it is a directory")
        }
    }

    /// A temporary name beside `path` (same folder, so that `rename` is atomic).
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(getpid())"
    }

    /// Lets `writer` write a temporary file beside `path` (a C library's writer, say), then
    /// renames it to `path`; when the writer fails nothing is left behind.
    public static func produce(_ path: String, _ writer: (String) throws -> Void) throws {
        try checkWritable(path)
        let temporary = temporaryPath(for: path)
        do { try writer(temporary) } catch {
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: .verbatim(reason))
        }
    }

    /// Writes `text` (UTF-8) to `path`, replacing any existing file only when the new one is complete.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try checkWritable(path)
        let temporary = temporaryPath(for: path)
        let bytes = Array(text.utf8)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: .verbatim(String(cString: strerror(errno)))) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw WriteError(path: path, reason: .verbatim(reason))
            }
            written += n
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: .verbatim(reason))
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: .verbatim(reason))
        }
    }
}
