/// The language of human-readable output.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// `zh` when the locale environment (LC_ALL, LC_MESSAGES, LANG) starts with zh, else `en`.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty { return value.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }
}
