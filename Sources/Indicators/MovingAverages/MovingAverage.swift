/// TA-Lib's moving-average types, numbered as its `matype` parameter.
public enum MAType: Int, Sendable, CaseIterable {
    case sma = 0, ema, wma, dema, tema, trima, kama, mama, t3

    /// Reads TA-Lib's `matype` number; MAMA (7) is not implemented.
    public init(code: Int, indicator: String, parameter: String = "matype") throws(IndicatorError) {
        guard let type = MAType(rawValue: code), type != .mama else {
            throw .invalidParameter(indicator: indicator, parameter: parameter,
                                    reason: "must be one of 0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 8 T3 (got \(code))")
        }
        self = type
    }
}

extension TA {
    /// The moving average of `type` (TA-Lib's `MA`); T3 uses vfactor 0.7 as TA-Lib does here.
    @inlinable
    public static func ma(_ x: [Double], period: Int, type: MAType) throws(IndicatorError) -> [Double] {
        switch type {
        case .sma: return try sma(x, period: period)
        case .ema: return try ema(x, period: period)
        default:
            var state = try MovingAverage(period: period, type: type)
            return drive(x, &state)
        }
    }
}

/// Streaming moving average of a type chosen at run time (STOCH, BBANDS, PPO take `matype`);
/// dispatch is a `switch`, no existential.
public struct MovingAverage: SeriesIndicator {
    @usableFromInline enum Kind: Sendable {
        case sma(SMA), ema(EMA), wma(WMA), dema(DEMA), tema(TEMA), trima(TRIMA), kama(KAMA), t3(T3)
        /// Held only during an update, so the payload's buffers stay uniquely referenced (no copy).
        case moving
    }
    @usableFromInline var kind: Kind

    public init(period: Int, type: MAType) throws(IndicatorError) {
        switch type {
        case .sma: kind = .sma(try SMA(period: period))
        case .ema: kind = .ema(try EMA(period: period))
        case .wma: kind = .wma(try WMA(period: period))
        case .dema: kind = .dema(try DEMA(period: period))
        case .tema: kind = .tema(try TEMA(period: period))
        case .trima: kind = .trima(try TRIMA(period: period))
        case .kama: kind = .kama(try KAMA(period: period))
        case .t3: kind = .t3(try T3(period: period))
        case .mama: throw .invalidParameter(indicator: "MA", parameter: "matype", reason: "MAMA (7) is not implemented")
        }
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        switch kind {
        case .sma(var s): kind = .moving; let v = s.update(x); kind = .sma(s); return v
        case .ema(var s): kind = .moving; let v = s.update(x); kind = .ema(s); return v
        case .wma(var s): kind = .moving; let v = s.update(x); kind = .wma(s); return v
        case .dema(var s): kind = .moving; let v = s.update(x); kind = .dema(s); return v
        case .tema(var s): kind = .moving; let v = s.update(x); kind = .tema(s); return v
        case .trima(var s): kind = .moving; let v = s.update(x); kind = .trima(s); return v
        case .kama(var s): kind = .moving; let v = s.update(x); kind = .kama(s); return v
        case .t3(var s): kind = .moving; let v = s.update(x); kind = .t3(s); return v
        case .moving: return .nan
        }
    }
}
