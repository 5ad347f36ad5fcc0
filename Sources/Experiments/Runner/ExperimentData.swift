import Foundation
import MarketData

/// The bars an experiment runs on, and their fingerprint for the manifest.
///
/// Semantics: a CSV file is read, validated under the spec's policy and cut to
/// `[start, end)`; `sha256` hashes the file's bytes (the whole file, as shipped). A store query
/// reads `[start, end)` of the first symbol (single-symbol strategies) and hashes the bars
/// themselves (timestamps and OHLCV as little-endian bytes), since the store has no file of its
/// own for that slice.
public struct ExperimentData: Sendable {
    public var bars: BarSeries
    public var sha256: String

    /// Loads the data a spec names.
    public static func load(_ spec: DataSpec) throws(DataError) -> ExperimentData {
        let start = spec.start ?? .min, end = spec.end ?? .max
        switch spec.source {
        case let .file(path, timeframe):
            let csv = try CSVBarReader.load(path: path, options: CSVReadOptions(timeframe: timeframe))
            let validated = try BarValidator.validate(csv, policy: spec.validation)
            let bytes: Data
            do { bytes = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw .unreadable(path: path, reason: error.localizedDescription)
            }
            let sha = bytes.withUnsafeBytes { SHA256.hex($0) }
            return ExperimentData(bars: validated.bars.slice(from: start, to: end), sha256: sha)
        case let .store(path, symbols, timeframe):
            let store = try BarStore(path: path ?? BarStore.defaultPath, readOnly: true)
            let raw = try store.bars(symbol: symbols[0], timeframe: timeframe, from: start, to: end)
            let bars = try BarValidator.validate(raw, policy: spec.validation).bars
            return ExperimentData(bars: bars, sha256: fingerprint(bars))
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
