/// A GLPK call that failed. GLPK's own message is kept; the process goes on.
public struct GLPKError: Error, Sendable, CustomStringConvertible {
    /// What was being done.
    public var operation: String
    /// GLPK's terminal text up to the error.
    public var detail: String

    public var description: String {
        let text = detail.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "GLPK error in \(operation)" : "GLPK error in \(operation): \(text)"
    }
}

import Foundation
