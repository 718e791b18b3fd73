import FundAllocation

extension Message {
    /// The sentence in `language`: English as written, or Chinese from `Message.chinese`
    /// (nested messages too; a template with no entry stays English).
    public func text(in language: Language) -> String {
        switch language {
        case .en: return description
        case .zh: return render { Message.chinese[$0.template] }
        }
    }
}

extension Diagnostic {
    /// `file:line: message` in `language` (warnings and notes say so after the location).
    public func text(in language: Language) -> String {
        let prefix = location.map { "\($0): " } ?? ""
        let body = text.text(in: language)
        let zh = language == .zh
        switch severity {
        case .error: return "\(prefix)\(body)"
        case .warning: return "\(prefix)\(zh ? "警告：" : "warning: ")\(body)"
        case .note: return "\(prefix)\(zh ? "说明：" : "note: ")\(body)"
        }
    }
}
