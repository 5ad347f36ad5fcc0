import Foundation
import MarketData

/// Per-bar market statistics the slippage models use, computed from data strictly before each
/// bar (so a fill at bar j's open knows them without look-ahead): once per run for a batch, or
/// bar by bar as an incremental run grows (`extend`, the same arithmetic in the same order).
///
/// `sigma[j]`: sample standard deviation of the last `window` close-to-close log returns ending
/// at bar j-1 (0 until `window` returns exist). `averageVolume[j]`: mean volume of bars
/// j-window…j-1 (the mean of what exists before that).
public struct MarketStats: Sendable {
    public let window: Int
    public private(set) var sigma: [Double]
    public private(set) var averageVolume: [Double]
    /// Volume of bars j-window…j-1 for the next j (`averageVolume`'s running sum).
    private var volumeSum = 0.0

    /// Empty statistics, for models that need none.
    public static let none = MarketStats(window: 0, sigma: [], averageVolume: [])

    init(window: Int, sigma: [Double], averageVolume: [Double]) {
        self.window = window
        self.sigma = sigma
        self.averageVolume = averageVolume
    }

    /// Statistics with no bars yet (`extend` adds them).
    public init(window: Int) {
        self.init(window: window, sigma: [], averageVolume: [])
    }

    public init(bars: BarSeries, window: Int) {
        self.init(window: window)
        sigma.reserveCapacity(bars.count)
        averageVolume.reserveCapacity(bars.count)
        bars.close.withUnsafeBufferPointer { close in
            bars.volume.withUnsafeBufferPointer { volume in
                if let c = close.baseAddress, let v = volume.baseAddress { extend(close: c, volume: v, count: bars.count) }
            }
        }
    }

    /// Adds the statistics of bars `sigma.count ..< count` of the columns (each from the bars
    /// before it); the columns' first `sigma.count` bars must be those already seen.
    public mutating func extend(close: UnsafePointer<Double>, volume: UnsafePointer<Double>, count n: Int) {
        var j = sigma.count
        while j < n {
            defer { j += 1 }
            guard j > 0 else { sigma.append(0); averageVolume.append(0); continue }
            volumeSum += volume[j - 1]
            if j - 1 - window >= 0 { volumeSum -= volume[j - 1 - window] }
            averageVolume.append(volumeSum / Double(min(j, window)))
            // returns r_k = log(c_k / c_{k-1}) for k = j-window ... j-1
            guard j - 1 - window >= 0 else { sigma.append(0); continue }
            var mean = 0.0
            for k in (j - window)..<j { mean += Foundation.log(close[k] / close[k - 1]) }
            mean /= Double(window)
            var ss = 0.0
            for k in (j - window)..<j {
                let d = Foundation.log(close[k] / close[k - 1]) - mean
                ss += d * d
            }
            sigma.append(window > 1 ? (ss / Double(window - 1)).squareRoot() : 0)
        }
    }
}
