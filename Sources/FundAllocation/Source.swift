/// A source of money (a paired city, a municipal pool) and the projects it may fund.
public struct Source: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// Yuan it holds.
    public var amount: Int64
    /// The projects it may fund (`eligible`); `.all` when absent.
    public var eligible: Filter
    public var location: SourceLocation

    public init(id: String, name: String? = nil, amount: Int64, eligible: Filter = .all, location: SourceLocation) {
        self.id = id
        self.name = name
        self.amount = amount
        self.eligible = eligible
        self.location = location
    }
}
