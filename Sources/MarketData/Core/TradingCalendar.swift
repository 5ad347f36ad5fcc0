/// When a market trades, and so how many bars of a timeframe make a year: the one place
/// annualized figures (Sharpe, Sortino, volatility, CAGR, borrow per bar) get their factor.
///
/// Semantics: `alwaysOpen` (`24/7`, crypto) counts 365 days of 24 hours, so a year is
/// 365 days / Δ bars (8760 for 1h, 365 for 1d, 52.14 for 1w) and 12 months. `weekdays`
/// (stocks, futures) counts empyrical's trading year: 252 days for daily and intraday bars
/// (252 × bars per 24 hours for Δ < 1d — give `explicit` for sessions shorter than a day),
/// 52 weeks for weekly bars and 12 months for monthly ones. `explicit` uses the given number for any timeframe.
public enum TradingCalendar: Sendable, Hashable, CustomStringConvertible {
    case alwaysOpen
    case weekdays
    case explicit(periodsPerYear: Double)

    /// The words a spec may use (`explicit` is an object `{"periods_per_year": N}`).
    public static let words = ["24/7", "weekdays"]

    /// Reads `24/7` or `weekdays`.
    public init?(word: String) {
        switch word {
        case "24/7": self = .alwaysOpen
        case "weekdays": self = .weekdays
        default: return nil
        }
    }

    /// Bars of `timeframe` in one year of this calendar.
    public func periodsPerYear(_ timeframe: Timeframe) -> Double {
        let day = 86_400_000.0
        switch self {
        case .alwaysOpen:
            return timeframe == .month1 ? 12 : 365 * day / Double(timeframe.milliseconds)
        case .weekdays:
            return timeframe == .month1 ? 12 : timeframe == .w1 ? 52 : 252 * day / Double(timeframe.milliseconds)
        case let .explicit(n):
            return n
        }
    }

    /// `24/7`, `weekdays` or `N periods per year`, as the report header shows it.
    public var description: String {
        switch self {
        case .alwaysOpen: return "24/7"
        case .weekdays: return "weekdays"
        case let .explicit(n): return "\(n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)) periods per year"
        }
    }
}
