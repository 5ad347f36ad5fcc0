import MarketData

/// Funding rates of a perpetual swap: at each `ts[k]` a position pays `quantity × price ×
/// rate[k]` (longs pay positive rates, shorts receive them).
///
/// Semantics: a payment at time t applies to the position held just before t (after the
/// previous bar's close), priced at the open of the bar containing t. A run that asks for
/// funding and lacks rates covering a symbol's bars fails with `fundingMissing`; funding is
/// never silently zero.
public struct FundingRates: Sendable, Hashable {
    public var ts: [Int64]
    public var rate: [Double]

    public init(ts: [Int64], rate: [Double]) {
        precondition(ts.count == rate.count, "funding timestamps and rates differ in length")
        self.ts = ts
        self.rate = rate
    }

    /// Checks that the rates cover `bars` without a hole longer than their own largest spacing.
    @usableFromInline
    func checkCovers(_ bars: BarSeries, symbol: Int) throws(SimulationError) {
        guard let first = ts.first, let last = ts.last, !bars.isEmpty else {
            throw .fundingMissing(symbol: symbol, detail: "the rate series is empty")
        }
        var spacing: Int64 = 0
        for k in 1..<max(ts.count, 1) {
            guard ts[k] > ts[k - 1] else { throw .fundingMissing(symbol: symbol, detail: "rate timestamps are not increasing at \(ts[k])") }
            spacing = max(spacing, ts[k] - ts[k - 1])
        }
        if spacing == 0 { spacing = bars.timeframe.milliseconds }
        let barEnd = bars.timeframe.nextOpen(after: bars.ts[bars.count - 1])
        guard first <= bars.ts[0] + spacing, last + spacing >= barEnd else {
            throw .fundingMissing(symbol: symbol, detail: "rates cover \(first)…\(last) but the bars span \(bars.ts[0])…\(barEnd)")
        }
    }
}

/// Whether a run pays funding.
public enum FundingSchedule: Sendable, Hashable {
    case none
    /// One series per symbol (same order as the data); a nil entry is an error.
    case rates([FundingRates?])
}
