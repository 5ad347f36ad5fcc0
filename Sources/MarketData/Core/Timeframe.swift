import Foundation

/// A bar interval of fixed length in milliseconds. How many make a year depends on the
/// market's calendar: `TradingCalendar.periodsPerYear(_:)` (or `BarSeries.periodsPerYear`).
@frozen
public enum Timeframe: String, CaseIterable, Sendable, Codable, Comparable, CustomStringConvertible {
    case m1 = "1m", m3 = "3m", m5 = "5m", m15 = "15m", m30 = "30m"
    case h1 = "1h", h2 = "2h", h4 = "4h", h6 = "6h", h12 = "12h"
    case d1 = "1d", w1 = "1w"

    /// Parses the exchanges' spelling (`1m`, `4h`, `1d`, `1w`), case-sensitively: `1M` is a
    /// month there, not a minute, and months are not a timeframe here. Nil for anything else.
    public init?(_ text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces))
    }

    /// Length of one bar in milliseconds.
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
        }
    }

    /// The timeframe whose length is exactly `milliseconds`, if any.
    public static func matching(milliseconds: Int64) -> Timeframe? {
        allCases.first { $0.milliseconds == milliseconds }
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
