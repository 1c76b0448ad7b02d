// The shape of a day's demand: when orders come, how many lines they have, how many units a line asks for, and
// how steeply popularity falls over the catalog. docs/simulate.md says where each number comes from.

/// The parameters of `DemandModel`; every weight list is relative (it need not add up to 1).
public struct DemandParameters: Sendable, Hashable {
    /// A name for reports (`christmas-eve`, `regular-day`).
    public var name: String
    /// Weight of each local hour 0…23 of the destination's day.
    public var hourlyWeights: [Double]
    /// Weight of an order having 1, 2, 3 … lines.
    public var lineCountWeights: [Double]
    /// Weight of a line asking for 1, 2, 3 … units.
    public var quantityWeights: [Double]
    /// The Zipf exponent `s`: the SKU of popularity rank `r` (1-based) is drawn with weight `r^-s`.
    public var popularityExponent: Double

    public init(
        name: String, hourlyWeights: [Double], lineCountWeights: [Double], quantityWeights: [Double],
        popularityExponent: Double
    ) {
        self.name = name
        self.hourlyWeights = hourlyWeights
        self.lineCountWeights = lineCountWeights
        self.quantityWeights = quantityWeights
        self.popularityExponent = popularityExponent
    }

    /// Most orders have one or two lines (mean 1.66); a line asks for one unit five times in six (mean 1.24).
    static let lineCounts = [62.0, 22, 8.5, 4, 2, 1, 0.3, 0.2]
    static let quantities = [83.0, 11, 3, 1.5, 0.8, 0.7]

    /// Christmas Eve: last-minute shoppers order from early morning, the peak is mid-morning to early afternoon
    /// (while same-day delivery is still promised), and the evening is light (people are with their families).
    public static let christmasEve = DemandParameters(
        name: "christmas-eve",
        hourlyWeights: [
            0.6, 0.3, 0.2, 0.2, 0.3, 0.9, 2.4, 4.8, 7.2, 8.6, 9.2, 9.3,
            8.8, 7.8, 6.6, 5.6, 4.6, 3.6, 2.9, 2.3, 1.8, 1.4, 1.0, 0.7,
        ],
        lineCountWeights: lineCounts, quantityWeights: quantities, popularityExponent: 0.6)

    /// An ordinary weekday: a morning rise, a lunch bump and the evening peak of online shopping (19:00–22:00).
    public static let regularDay = DemandParameters(
        name: "regular-day",
        hourlyWeights: [
            1.6, 0.9, 0.5, 0.4, 0.4, 0.7, 1.5, 2.9, 4.0, 4.7, 5.2, 5.6,
            6.0, 5.7, 5.4, 5.3, 5.4, 5.7, 6.3, 7.2, 7.7, 7.3, 5.5, 3.6,
        ],
        lineCountWeights: lineCounts, quantityWeights: quantities, popularityExponent: 0.6)

    /// The parameters for a date: Christmas Eve's on December 24, a regular day's otherwise.
    public static func forDate(_ date: LocalDate) -> DemandParameters {
        let (_, month, day) = CivilCalendar.civilFromDays(date.day)
        return month == 12 && day == 24 ? christmasEve : regularDay
    }
}
