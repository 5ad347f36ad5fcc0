import Foundation

extension TA {
    /// Momentum: x − x[n], first value at bar n. NaN: leading skipped; a NaN affects the two
    /// outputs that read it.
    @inlinable
    public static func mom(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        var state = try Momentum(period: period, kind: .difference)
        return drive(x, &state)
    }

    /// Rate of change in percent: 100·(x/x[n] − 1), 0 when x[n] = 0; first value at bar n.
    /// NaN: as `mom`.
    @inlinable
    public static func roc(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        var state = try Momentum(period: period, kind: .percent)
        return drive(x, &state)
    }

    /// Log returns ln(x/x[n]) (n = 1: bar-to-bar); first value at bar n; NaN where either
    /// price is ≤ 0. NaN: as `mom`.
    @inlinable
    public static func logReturns(_ x: [Double], period: Int = 1) throws(IndicatorError) -> [Double] {
        var state = try Momentum(period: period, kind: .logReturn)
        return drive(x, &state)
    }
}

/// Streaming MOM, ROC and log returns: a comparison of the newest value with the one n bars back.
public struct Momentum: SeriesIndicator {
    /// How the two values are compared.
    public enum Kind: Sendable { case difference, percent, logReturn }
    @usableFromInline let kind: Kind
    @usableFromInline var window: RingBuffer

    public init(period: Int, kind: Kind) throws(IndicatorError) {
        let name = switch kind { case .difference: "MOM"; case .percent: "ROC"; case .logReturn: "LOGRET" }
        try IndicatorError.require(name, "timeperiod", period, atLeast: 1)
        self.kind = kind
        window = RingBuffer(capacity: period + 1)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        if window.count == 0 && x.isNaN { return .nan }
        window.push(x)
        guard window.isFull else { return .nan }
        let past = window.oldest
        switch kind {
        case .difference: return x - past
        case .percent: return past == 0 ? 0 : (x / past - 1) * 100
        case .logReturn: return x > 0 && past > 0 ? log(x / past) : .nan
        }
    }
}
