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

    /// Days since 1970-01-01 of a Gregorian date. Years are shifted to start in March so the
    /// leap day is the last day of the shifted year; eras are 400-year cycles of 146,097 days.
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian date `days` after 1970-01-01 (inverse of `days(year:month:day:)`).
    public static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}

/// Integer division rounding toward negative infinity.
@inline(__always) func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
