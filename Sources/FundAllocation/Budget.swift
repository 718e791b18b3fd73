/// The `budget` block. All amounts in whole yuan.
public struct Budget: Sendable, Equatable {
    /// Cap on total funds; nil: no cap.
    public var total: Int64?
    /// Partly funded amounts are whole multiples of this (yuan, ≥ 1; default 1).
    public var unit: Int64
    /// Spend at least this share of `total` (0–1); nil: no floor.
    public var minUse: Rational?
    /// Cap per period label (yuan); periods not listed are uncapped.
    public var byPeriod: [String: Int64]
    /// Unspent money of a period may be spent later: the caps are cumulative.
    public var carryOver: Bool

    public init(total: Int64? = nil, unit: Int64 = 1, minUse: Rational? = nil, byPeriod: [String: Int64] = [:],
                carryOver: Bool = false) {
        self.total = total
        self.unit = unit
        self.minUse = minUse
        self.byPeriod = byPeriod
        self.carryOver = carryOver
    }
}
