import MarketData

/// Finds where a level is touched inside a bar under the run's intrabar path, replaying finer
/// bars for `subBars`. Shared by both engines: there is one implementation of the fill rule.
public struct IntrabarResolver: Sendable {
    public let path: IntrabarPath
    @usableFromInline let fine: BarSeries?
    /// For coarse bar j: fine bars `fineStart[j] ..< fineEnd[j]`.
    @usableFromInline let fineStart: [Int]
    @usableFromInline let fineEnd: [Int]

    /// `fine` is required for `.subBars` (and ignored otherwise): bars of the same symbol at a
    /// finer timeframe; each coarse bar replays the fine bars whose open lies in `[ts, next open)`.
    public init(path: IntrabarPath, coarse: BarSeries, fine: BarSeries? = nil) throws(SimulationError) {
        self.path = path
        guard path == .subBars else { self.fine = nil; fineStart = []; fineEnd = []; return }
        guard let fine else { throw .missingSubBars }
        guard fine.timeframe < coarse.timeframe else { throw .invalidConfig("sub_bars: the finer series must have a shorter timeframe than the bars") }
        let frame = coarse.timeframe
        self.fine = fine
        self.fineStart = coarse.ts.map { fine.firstIndex(atOrAfter: $0) }
        self.fineEnd = coarse.ts.map { fine.firstIndex(atOrAfter: frame.nextOpen(after: $0)) }
    }

    /// The rule of a run without finer bars (an incremental run, which has no series to look
    /// ahead in); `.subBars` is refused.
    public init(path: IntrabarPath) throws(SimulationError) {
        guard path != .subBars else {
            throw .invalidConfig("intrabar sub_bars replays finer bars inside each bar; an incremental run takes worst_case or ohlc")
        }
        self.path = path
        fine = nil
        fineStart = []
        fineEnd = []
    }

    /// Whether the low comes first in coarse bar (open, close) for the rules without sub-bars.
    @inlinable
    public func lowFirst(open: Double, close: Double, positionSign: Double) -> Bool {
        path.lowFirst(open: open, close: close, positionSign: positionSign)
    }

    /// Where `level` is touched in coarse bar `bar` (OHLC given), or nil.
    @inlinable
    public func touch(_ trigger: Trigger, level: Double, bar: Int, open: Double, high: Double, low: Double,
                      lowFirst: Bool, positionSign: Double) -> Touch? {
        guard path == .subBars, let fine else {
            return Touch.find(trigger, level: level, open: open, high: high, low: low, lowFirst: lowFirst)
        }
        let from = fineStart[bar], to = fineEnd[bar]
        guard from < to else {
            return Touch.find(trigger, level: level, open: open, high: high, low: low, lowFirst: lowFirst)
        }
        // The coarse open is a touch at rank 0 (a gap), exactly as without sub-bars.
        if let t = Touch.find(trigger, level: level, open: open, high: open, low: open, lowFirst: lowFirst) { return t }
        for k in from..<to {
            let subLowFirst = IntrabarPath.worstCase.lowFirst(open: fine.open[k], close: fine.close[k], positionSign: positionSign)
            if var t = Touch.find(trigger, level: level, open: fine.open[k], high: fine.high[k], low: fine.low[k], lowFirst: subLowFirst) {
                t.rank += 3 * (k - from + 1)
                return t
            }
        }
        return nil
    }
}
