import MarketData

/// A UTC calendar date and time of day, converted to and from epoch milliseconds with
/// integer arithmetic on the proleptic Gregorian calendar (no Foundation, no time zones).
public struct CivilDate: Sendable, Equatable {
    public var year: Int
    /// 1...12
    public var month: Int
    /// 1...31
    public var day: Int
    public var hour: Int = 0
    public var minute: Int = 0

    public static let millisecondsPerDay: Int64 = 86_400_000
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// The UTC date and time (to the minute, rounded down) of `epochMilliseconds`.
    public init(epochMilliseconds ms: Int64) {
        let days = floorDiv(ms, Self.millisecondsPerDay)
        let rest = ms - days * Self.millisecondsPerDay
        let (y, m, d) = Self.civil(fromDays: days)
        self.init(year: y, month: m, day: d, hour: Int(rest / 3_600_000), minute: Int(rest % 3_600_000 / 60_000))
    }

    /// Epoch milliseconds of this date and time (UTC).
    public var epochMilliseconds: Int64 {
        Self.days(year: year, month: month, day: day) * Self.millisecondsPerDay
            + Int64(hour) * 3_600_000 + Int64(minute) * 60_000
    }

    /// Three-letter English month name.
    public var monthName: String { Self.monthNames[month - 1] }

    /// Days since 1970-01-01 of a Gregorian date (MarketData's civil-calendar arithmetic, the
    /// one the CSV reader uses).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        Int64(TimestampParser.daysFromCivil(year: year, month: month, day: day))
    }

    /// The Gregorian date `days` after 1970-01-01 (inverse of `days(year:month:day:)`).
    public static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let (year, month, day) = TimestampParser.civil(fromDays: Int(days))
        return (year, month, day)
    }
}

/// Integer division rounding toward negative infinity.
@inline(__always) func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
