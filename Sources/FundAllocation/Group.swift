/// A row of the region or category table: an id and free attributes for filters and bounds.
public struct Group: Sendable, Equatable, Identifiable {
    public var id: String
    /// Display name (`name`), when given.
    public var name: String?
    /// Every other key, for filters (`region.national_poverty`) and bounds (`region.households_target`).
    public var attributes: [String: FieldValue]
    public var location: SourceLocation

    public init(id: String, name: String? = nil, attributes: [String: FieldValue] = [:], location: SourceLocation) {
        self.id = id
        self.name = name
        self.attributes = attributes
        self.location = location
    }
}
