/// How a chart thins a long series before drawing it.
public enum Downsampling: Sendable, Equatable {
    /// Draw every point.
    case none
    /// Largest-triangle-three-buckets down to at most `points` points.
    case lttb(points: Int)
    /// First/min/max/last per pixel column; at most `4 × columns` points.
    case minMax(columns: Int)

    /// The default for report charts: 2,000 LTTB points, plenty for a 1,000-pixel-wide plot.
    public static let standard = Downsampling.lttb(points: 2_000)

    /// Indices of the points to draw (increasing). `x` must be sorted and finite.
    public func indices(x: [Double], y: [Double]) -> [Int] {
        switch self {
        case .none: return Array(0..<min(x.count, y.count))
        case .lttb(let points): return LTTB.indices(x: x, y: y, threshold: points)
        case .minMax(let columns): return MinMaxDownsampler.indices(x: x, y: y, columns: columns)
        }
    }

    /// The budget for a part holding `fraction` of the points (at least 3 LTTB points or 1 column).
    public func share(_ fraction: Double) -> Downsampling {
        switch self {
        case .none: return .none
        case .lttb(let points): return .lttb(points: max(3, Int((Double(points) * fraction).rounded(.up))))
        case .minMax(let columns): return .minMax(columns: max(1, Int((Double(columns) * fraction).rounded(.up))))
        }
    }
}
