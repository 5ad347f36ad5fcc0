import MarketData

/// SHA-256 of the data a model was trained on: the bars' six columns and the feature matrix
/// (names, sources and values), each as little-endian bytes in order, so the same bars and
/// features always give the same digest and any changed value changes it.
public enum DataFingerprint {
    /// The hex digest of `bars` and `features`.
    public static func sha256(bars: BarSeries, features: FeatureMatrix) -> String {
        var hasher = SHA256()
        func feed<T>(_ values: [T]) { values.withUnsafeBytes { hasher.update($0) } }
        feed(bars.ts.map(\.littleEndian))
        for column in [bars.open, bars.high, bars.low, bars.close, bars.volume, features.values] {
            feed(column.map { $0.bitPattern.littleEndian })
        }
        for text in features.names + features.sources { feed(Array(text.utf8) + [0]) }
        return hasher.finalizeHex()
    }
}
