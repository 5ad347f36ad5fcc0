import Foundation
import MarketData

/// The bars an experiment runs on, and their fingerprint for the manifest.
///
/// Semantics: a CSV file is read, validated under the spec's policy and cut to
/// `[start, end)`; `sha256` hashes the file's bytes (the whole file, as shipped). A store query
/// reads `[start, end)` of the one symbol (a run trades one series; the decoder refuses
/// several) and hashes the bars themselves (timestamps and OHLCV as little-endian bytes),
/// since the store has no file of its own for that slice. `data.sub_bars` is read, validated
/// and cut the same way into `subBars`, and then `sha256` hashes both fingerprints, so a
/// resumed run notices a change to either. Both series carry the spec's trading calendar, so every
/// figure computed from them is annualized by it.
public struct ExperimentData: Sendable {
    public var bars: BarSeries
    /// Finer bars of the same symbol for `intrabar: sub_bars` (nil unless `data.sub_bars`),
    /// to pass to the engines' `subBars:`.
    public var subBars: BarSeries?
    public var sha256: String

    /// Loads the data a spec names.
    public static func load(_ spec: DataSpec) throws(DataError) -> ExperimentData {
        let start = spec.start ?? .min, end = spec.end ?? .max
        let (bars, first) = try load(spec.source, start: start, end: end, policy: spec.validation)
        var fine: BarSeries?
        var sha = first
        if let path = spec.subBars {
            let (sub, subSHA) = try load(.file(path: path, timeframe: nil), start: start, end: end, policy: spec.validation)
            fine = sub
            sha = SHA256.hex(Array((sha + subSHA).utf8))
        }
        var data = ExperimentData(bars: bars, subBars: fine, sha256: sha)
        data.bars.calendar = spec.calendar
        data.subBars?.calendar = spec.calendar
        return data
    }

    private static func load(_ source: DataSpec.Source, start: Int64, end: Int64,
                             policy: ValidationPolicy) throws(DataError) -> (BarSeries, String) {
        switch source {
        case let .file(path, timeframe):
            let file = try FileBytes(path: path)
            let csv = try CSVBarReader.parse(file, path: path, options: CSVReadOptions(timeframe: timeframe))
            let validated = try BarValidator.validate(csv, policy: policy)
            return (validated.bars.slice(from: start, to: end), file.sha256())
        case let .store(path, symbols, timeframe):
            let store = try BarStore(path: path ?? BarStore.defaultPath, readOnly: true)
            let raw = try store.bars(symbol: symbols[0], timeframe: timeframe, from: start, to: end)
            let bars = try BarValidator.validate(raw, policy: policy).bars
            return (bars, fingerprint(bars))
        }
    }

    /// SHA-256 of the bars' columns, row by row.
    static func fingerprint(_ bars: BarSeries) -> String {
        var hash = SHA256()
        for i in 0..<bars.count {
            var row: [UInt64] = [UInt64(bitPattern: bars.ts[i]), bars.open[i].bitPattern, bars.high[i].bitPattern,
                                 bars.low[i].bitPattern, bars.close[i].bitPattern, bars.volume[i].bitPattern]
            for k in row.indices { row[k] = row[k].littleEndian }
            row.withUnsafeBytes { hash.update($0) }
        }
        return SHA256.hex(hash.finalize())
    }
}
