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
/// dispatch is a `switch` on the type, no existential. Only the chosen average is stored, and it
/// is updated in place (an enum payload would be copied, and its buffers with it, on every bar).
public struct MovingAverage: SeriesIndicator {
    @usableFromInline let type: MAType
    @usableFromInline var sma: SMA?
    @usableFromInline var ema: EMA?
    @usableFromInline var wma: WMA?
    @usableFromInline var dema: DEMA?
    @usableFromInline var tema: TEMA?
    @usableFromInline var trima: TRIMA?
    @usableFromInline var kama: KAMA?
    @usableFromInline var t3: T3?

    public init(period: Int, type: MAType) throws(IndicatorError) {
        self.type = type
        switch type {
        case .sma: sma = try SMA(period: period)
        case .ema: ema = try EMA(period: period)
        case .wma: wma = try WMA(period: period)
        case .dema: dema = try DEMA(period: period)
        case .tema: tema = try TEMA(period: period)
        case .trima: trima = try TRIMA(period: period)
        case .kama: kama = try KAMA(period: period)
        case .t3: t3 = try T3(period: period)
        case .mama: throw .invalidParameter(indicator: "MA", parameter: "matype", reason: "MAMA (7) is not implemented")
        }
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        switch type {
        case .sma: return sma!.update(x)
        case .ema: return ema!.update(x)
        case .wma: return wma!.update(x)
        case .dema: return dema!.update(x)
        case .tema: return tema!.update(x)
        case .trima: return trima!.update(x)
        case .kama: return kama!.update(x)
        case .t3: return t3!.update(x)
        case .mama: return .nan
        }
    }
}
