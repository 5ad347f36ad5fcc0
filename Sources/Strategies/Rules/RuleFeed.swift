import MarketData

/// A `RuleStream` fed bar by bar from a strategy's window, with the imported columns joined by
/// timestamp: the event path of everything written in the rule language (`RuleStrategy`'s
/// rules, `ExitLevels`' exit levels).
///
/// Semantics: at a bar opening at t, imported column c reads its row stamped exactly t (NaN when
/// there is none), as `ImportedSeries.aligned(to:)` does for the vectorized path.
@usableFromInline
struct RuleFeed: Sendable {
    private(set) var stream: RuleStream
    let imported: [ImportedSeries]
    private var cursors: [Int]
    private var now: [Double]

    init(stream: RuleStream, imported: [ImportedSeries]) {
        self.stream = stream
        self.imported = imported
        cursors = [Int](repeating: 0, count: imported.count)
        now = [Double](repeating: .nan, count: imported.count)
    }

    /// Advances the stream by the window's current bar.
    mutating func update(_ bars: BarWindow) {
        let ts = bars.lastTs
        for c in imported.indices {
            let series = imported[c]
            var row = cursors[c]
            while row < series.timestamps.count && series.timestamps[row] < ts { row += 1 }
            cursors[c] = row
            now[c] = row < series.timestamps.count && series.timestamps[row] == ts ? series.values[row] : .nan
        }
        now.withUnsafeBufferPointer { values in
            stream.update(ts: ts, open: bars.lastOpen, high: bars.lastHigh, low: bars.lastLow, close: bars.lastClose,
                          volume: bars.lastVolume, imported: values.baseAddress)
        }
    }
}
