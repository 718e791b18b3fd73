/// A village of the village table: its poor households count once however many funded
/// projects reach it.
public struct Village: Sendable, Equatable, Identifiable {
    public var id: String
    public var region: String? { didSet { regionValue = region.map(FieldValue.init) } }
    /// `region` as a filter reads it (kept: parsing it per filter test dominated building a
    /// 10⁴-village model).
    public private(set) var regionValue: FieldValue?
    /// Registered poor households (an empty cell counts 0).
    public var households: Rational
    /// Every other column, for `village.<attr>` filters.
    public var attributes: [String: FieldValue]
    public var location: SourceLocation

    public init(id: String, region: String? = nil, households: Rational, attributes: [String: FieldValue] = [:],
                location: SourceLocation) {
        self.id = id
        self.region = region
        self.regionValue = region.map(FieldValue.init)
        self.households = households
        self.attributes = attributes
        self.location = location
    }
}
