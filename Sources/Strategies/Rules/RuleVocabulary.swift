import Foundation
import Indicators
import MarketData

/// The value types of the rule language.
public enum RuleType: String, Sendable, Hashable {
    case number, bool
}

/// The bar series an expression can name.
public enum RuleSeries: String, Sendable, Hashable, CaseIterable {
    case open, high, low, close, volume
    /// (high + low) / 2
    case hl2
    /// (high + low + close) / 3
    case hlc3
    /// (open + high + low + close) / 4
    case ohlc4

    /// The value at one bar (one definition for both evaluators).
    static func value(_ s: RuleSeries, open: Double, high: Double, low: Double, close: Double, volume: Double) -> Double {
        switch s {
        case .open: return open
        case .high: return high
        case .low: return low
        case .close: return close
        case .volume: return volume
        case .hl2: return (high + low) / 2
        case .hlc3: return (high + low + close) / 3
        case .ohlc4: return (open + high + low + close) / 4
        }
    }
}

/// UTC calendar fields of a bar's open time.
public enum RuleCalendar: String, Sendable, Hashable, CaseIterable {
    /// 0–23.
    case hour
    /// 0 = Monday … 6 = Sunday (pandas' `dayofweek`).
    case weekday
    /// Day of the month, 1–31.
    case day
    /// 1–12.
    case month

    /// The field of epoch-millisecond timestamp `ts` (proleptic Gregorian, UTC).
    static func value(_ field: RuleCalendar, ts: Int64) -> Double {
        let msPerDay: Int64 = 86_400_000
        var days = ts / msPerDay
        var rest = ts % msPerDay
        if rest < 0 { rest += msPerDay; days -= 1 }
        switch field {
        case .hour: return Double(rest / 3_600_000)
        case .weekday:
            // 1970-01-01 was a Thursday (3 when Monday is 0).
            var w = (days + 3) % 7
            if w < 0 { w += 7 }
            return Double(w)
        case .day, .month:
            let (_, month, day) = TimestampParser.civil(fromDays: Int(days))
            return Double(field == .day ? day : month)
        }
    }
}

/// One-argument numeric functions.
public enum RuleMath: String, Sendable, Hashable, CaseIterable {
    case abs, log, exp, sqrt

    @inline(__always)
    static func apply(_ f: RuleMath, _ x: Double) -> Double {
        switch f {
        case .abs: return Swift.abs(x)
        case .log: return x > 0 ? Foundation.log(x) : (x == 0 ? -.infinity : .nan)
        case .exp: return Foundation.exp(x)
        case .sqrt: return x >= 0 ? x.squareRoot() : .nan
        }
    }
}

/// The built-in functions (indicators are looked up in `IndicatorRegistry` separately).
enum RuleFunction: String, Sendable, Hashable, CaseIterable {
    case crossesAbove = "crosses_above", crossesBelow = "crosses_below"
    case prev, highest, lowest, sum, stdev, zscore
    case percentRank = "percent_rank"
    case change
    case barsSince = "bars_since"
    case `if`, abs, min, max, log, exp, sqrt
    case hour, weekday, day, month
    /// `model("name")`: the out-of-sample predictions of the spec's model `name`, an imported
    /// column named `RuleProgram.modelColumn("name")`.
    case model

    /// The signature as an error message shows it.
    var signature: String {
        switch self {
        case .crossesAbove, .crossesBelow: return "\(rawValue)(a, b)"
        case .prev, .highest, .lowest, .sum, .stdev, .zscore, .percentRank, .change: return "\(rawValue)(x, n)"
        case .barsSince: return "bars_since(condition)"
        case .if: return "if(condition, a, b)"
        case .abs, .log, .exp, .sqrt: return "\(rawValue)(x)"
        case .min, .max: return "\(rawValue)(a, b)"
        case .hour, .weekday, .day, .month: return "\(rawValue)()"
        case .model: return "model(\"name\")"
        }
    }

    var arity: Int {
        switch self {
        case .hour, .weekday, .day, .month: return 0
        case .barsSince, .abs, .log, .exp, .sqrt, .model: return 1
        case .if: return 3
        default: return 2
        }
    }

    /// The registry indicator a windowed function is evaluated with (same NaN rules).
    var indicator: String? {
        switch self {
        case .highest: return "MAX"
        case .lowest: return "MIN"
        case .sum: return "SMA"
        case .stdev: return "STDDEV"
        case .zscore: return "ZSCORE"
        case .percentRank: return "PERCENTRANK"
        case .change: return "MOM"
        default: return nil
        }
    }
}

extension IndicatorDefinition {
    /// The inputs a rule passes explicitly (timestamps come from the bars).
    var ruleInputs: [InputColumn] { inputs.filter { $0 != .timestamp } }

    /// The input names as TA-Lib prints them (`real` for a single series).
    var ruleInputNames: [String] {
        let explicit = ruleInputs
        if explicit == [.close] { return ["real"] }
        return explicit.map { c in
            switch c {
            case .secondaryClose: return "real0"
            case .close where explicit.contains(.secondaryClose): return "real1"
            default: return c.rawValue
            }
        }
    }
}

