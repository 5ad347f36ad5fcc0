import Foundation
import MarketData

/// Per-bar market statistics the slippage models use, computed once per run from data
/// strictly before each bar (so a fill at bar j's open knows them without look-ahead).
///
/// `sigma[j]`: sample standard deviation of the last `window` close-to-close log returns ending
/// at bar j-1 (0 until `window` returns exist). `averageVolume[j]`: mean volume of bars
/// j-window…j-1 (the mean of what exists before that).
public struct MarketStats: Sendable {
    public let window: Int
    public let sigma: [Double]
    public let averageVolume: [Double]

    /// Empty statistics, for models that need none.
    public static let none = MarketStats(window: 0, sigma: [], averageVolume: [])

    init(window: Int, sigma: [Double], averageVolume: [Double]) {
        self.window = window
        self.sigma = sigma
        self.averageVolume = averageVolume
    }

    public init(bars: BarSeries, window: Int) {
        let n = bars.count
        var sigma = [Double](repeating: 0, count: n)
        var avgVol = [Double](repeating: 0, count: n)
        var volSum = 0.0
        for j in 1..<max(n, 1) {
            volSum += bars.volume[j - 1]
            if j - 1 - window >= 0 { volSum -= bars.volume[j - 1 - window] }
            avgVol[j] = volSum / Double(min(j, window))
            // returns r_k = log(c_k / c_{k-1}) for k = j-window ... j-1
            if j - 1 - window >= 0 {
                var mean = 0.0
                for k in (j - window)..<j { mean += Foundation.log(bars.close[k] / bars.close[k - 1]) }
                mean /= Double(window)
                var ss = 0.0
                for k in (j - window)..<j {
                    let d = Foundation.log(bars.close[k] / bars.close[k - 1]) - mean
                    ss += d * d
                }
                sigma[j] = window > 1 ? (ss / Double(window - 1)).squareRoot() : 0
            }
        }
        self.init(window: window, sigma: sigma, averageVolume: avgVol)
    }
}

