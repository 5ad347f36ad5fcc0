import Foundation

/// A bar interval. Every timeframe but the month has a fixed length in milliseconds; the
/// month (`1M`) is a calendar month in UTC, 28 to 31 days long. How many bars make a year
/// depends on the market's calendar: `TradingCalendar.periodsPerYear(_:)` (or
/// `BarSeries.periodsPerYear`).
///
/// Semantics: bars are aligned in UTC epoch time — a bar of fixed length Δ opens at a multiple
/// of Δ, weeks open on Monday 00:00, months on the 1st at 00:00. `barOpen(containing:)` and
/// `nextOpen(after:)` are exact for every timeframe; `milliseconds` is exact for the fixed ones
/// and the mean Gregorian month (30.436875 days) for `1M`, for estimates only.
@frozen
public enum Timeframe: String, CaseIterable, Sendable, Codable, Comparable, CustomStringConvertible {
    case m1 = "1m", m3 = "3m", m5 = "5m", m15 = "15m", m30 = "30m"
    case h1 = "1h", h2 = "2h", h4 = "4h", h6 = "6h", h12 = "12h"
    case d1 = "1d", w1 = "1w", month1 = "1M"

    /// Parses the exchanges' spelling (`1m`, `4h`, `1d`, `1w`, `1M`), case-sensitively: `1m` is
    /// a minute and `1M` a month, as Binance writes them. Nil for anything else.
    public init?(_ text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces))
    }

    /// Whether every bar has the same length (all but the month).
    public var isFixedLength: Bool { self != .month1 }

    /// The open time of the bar that contains `ts` (epoch ms, UTC). Times beyond ±146 million
    /// years, which no market has, are returned unchanged rather than overflowing.
    public func barOpen(containing ts: Int64) -> Int64 {
        guard Self.isCivil(ts) else { return ts }
        guard self == .month1 else {
            let step = milliseconds, origin: Int64 = self == .w1 ? 4 * 86_400_000 : 0   // 1970-01-05 was a Monday
            let k = (ts - origin) / step, r = (ts - origin) % step
            return (r < 0 ? k - 1 : k) * step + origin
        }
        let (year, month, _) = Self.civilDate(ts)
        return Self.monthStart(year: year, month: month)
    }

    /// The open time of the bar after a bar that opens at `ts`, saturating at `Int64.max`:
    /// `ts + Δ` for a fixed length Δ (a series keeps its offset), the 1st of the following
    /// month for `1M`. It is also where the bar opening at `ts` ends.
    public func nextOpen(after ts: Int64) -> Int64 {
        guard self == .month1 else {
            let (next, overflow) = ts.addingReportingOverflow(milliseconds)
            return overflow ? .max : next
        }
        guard Self.isCivil(ts) else { return ts < 0 ? ts : .max }
        let (year, month, _) = Self.civilDate(ts)
        return month == 12 ? Self.monthStart(year: year + 1, month: 1) : Self.monthStart(year: year, month: month + 1)
    }

    /// How many bar steps lead from a bar opening at `from` to one opening at `to` (> `from`),
    /// rounded up: the bars missing between them are this count minus one.
    public func barsBetween(_ from: Int64, _ to: Int64) -> Int {
        guard to > from else { return 0 }
        guard self == .month1 else {
            let (d, overflow) = to.subtractingReportingOverflow(from)
            return overflow ? Int(to / milliseconds - from / milliseconds) : Int((d - 1) / milliseconds) + 1
        }
        guard Self.isCivil(from), Self.isCivil(to) else { return Int(to / milliseconds - from / milliseconds) }
        let a = Self.civilDate(from), b = Self.civilDate(to)
        return (b.year - a.year) * 12 + (b.month - a.month)
    }

    /// Whether `ts` is within ±146 million years of 1970, where calendar arithmetic cannot overflow.
    private static func isCivil(_ ts: Int64) -> Bool { ts > -(Int64.max / 2) && ts < Int64.max / 2 }

    private static func civilDate(_ ts: Int64) -> (year: Int, month: Int, day: Int) {
        let day: Int64 = 86_400_000
        let days = ts / day - (ts % day < 0 ? 1 : 0)
        let (y, m, d) = TimestampParser.civil(fromDays: Int(days))
        return (y, m, d)
    }

    private static func monthStart(year: Int, month: Int) -> Int64 {
        Int64(TimestampParser.daysFromCivil(year: year, month: month, day: 1)) * 86_400_000
    }

    /// Length of one bar in milliseconds (for `1M` the mean Gregorian month: an estimate).
    public var milliseconds: Int64 {
        let minute: Int64 = 60_000
        switch self {
        case .m1: return minute
        case .m3: return 3 * minute
        case .m5: return 5 * minute
        case .m15: return 15 * minute
        case .m30: return 30 * minute
        case .h1: return 60 * minute
        case .h2: return 120 * minute
        case .h4: return 240 * minute
        case .h6: return 360 * minute
        case .h12: return 720 * minute
        case .d1: return 1_440 * minute
        case .w1: return 10_080 * minute
        case .month1: return 43_829 * minute + 6 * 1_000   // 30.436875 days
        }
    }

    /// The fixed-length timeframe whose length is exactly `milliseconds`, if any.
    public static func matching(milliseconds: Int64) -> Timeframe? {
        allCases.first { $0.isFixedLength && $0.milliseconds == milliseconds }
    }

    public var description: String { rawValue }

    public static func < (lhs: Timeframe, rhs: Timeframe) -> Bool { lhs.milliseconds < rhs.milliseconds }
}

extension Timeframe {
    /// Parses a timeframe or throws `DataError.unknownTimeframe` naming the accepted spellings.
    public static func parse(_ text: String) throws(DataError) -> Timeframe {
        guard let frame = Timeframe(text) else { throw .unknownTimeframe(text) }
        return frame
    }
}
