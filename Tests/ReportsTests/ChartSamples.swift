import Foundation
@testable import Reports

/// Small deterministic inputs for every chart, in the variants the tests exercise.
enum ChartInput: String, CaseIterable, Sendable {
    case normal, empty, single, constant, withNaN, hostile
}

enum ChartKind: String, CaseIterable, Sendable {
    case line, logLine, drawdown, monthly, parameterHeatmap, histogram, fan, price, rolling, bestSoFar, parallel, walkForward, calibration

    static let hostile = "<script>alert('x')</script> & co"
    static let day: Int64 = 86_400_000
    static let start: Int64 = 1_609_459_200_000   // 2021-01-01T00:00Z

    static func count(_ input: ChartInput) -> Int {
        switch input {
        case .empty: return 0
        case .single: return 1
        default: return 400
        }
    }

    static func ts(_ input: ChartInput) -> [Int64] { (0..<count(input)).map { start + Int64($0) * day } }

    static func wave(_ input: ChartInput, drift: Double, amplitude: Double, period: Double) -> [Double] {
        (0..<count(input)).map { i -> Double in
            if input == .constant { return 100 }
            if input == .withNaN, i % 7 == 3 { return .nan }
            let t = Double(i)
            return 100 * (1 + drift * t + amplitude * sin(t / period))
        }
    }

    static func name(_ plain: String, _ input: ChartInput) -> String { input == .hostile ? hostile : plain }

    func render(_ input: ChartInput) -> String {
        let ts = Self.ts(input)
        let equity = Self.wave(input, drift: 0.001, amplitude: 0.05, period: 20)
        let hold = Self.wave(input, drift: 0.0008, amplitude: 0.08, period: 15)
        let title = Self.name("Sample chart", input)
        switch self {
        case .line:
            return LineChart(title: title, series: [TimeSeries(name: Self.name("Strategy", input), ts: ts, values: equity),
                                                    TimeSeries(name: "Buy & hold", ts: ts, values: hold)], yLabel: "Equity").render()
        case .logLine:
            return LineChart(title: title, series: [TimeSeries(name: Self.name("Strategy", input), ts: ts, values: equity)],
                             scale: .log, yLabel: "Equity").render()
        case .drawdown:
            return DrawdownChart(title: title, ts: ts, equity: equity).render()
        case .monthly:
            return MonthlyReturnsHeatmap(title: title, returns: Figures.monthlyReturns(ts: ts, equity: equity)).render()
        case .parameterHeatmap:
            let xs: [Double] = input == .empty ? [] : (input == .single ? [10] : [5, 10, 15, 20, 25, 30])
            let ys: [Double] = input == .empty ? [] : (input == .single ? [50] : [40, 60, 80, 100])
            let grid = ys.indices.map { r in xs.indices.map { c -> Double in
                if input == .constant { return 1 }
                if input == .withNaN, (r + c) % 5 == 0 { return .nan }
                return sin(Double(r) * 0.7) + cos(Double(c) * 0.4)
            } }
            return ParameterHeatmap(title: title, xName: Self.name("fast", input), yName: "slow", xValues: xs, yValues: ys,
                                    values: grid, objectiveName: "Sharpe").render()
        case .histogram:
            let returns = equity.map { $0 / 100 - 1 }
            return HistogramChart(title: title, values: returns, markers: [MarkerLine(value: 0.1, label: Self.name("Actual", input))],
                                  xLabel: "Final return", valueSuffix: "%", displayScale: 100).render()
        case .fan:
            var paths: [[Double]] = []
            for k in 0..<20 {
                let tilt = 0.002 * Double(k - 10) / 40
                var path: [Double] = []
                for (i, v) in equity.enumerated() { path.append(v * (1 + tilt * Double(i))) }
                paths.append(path)
            }
            return FanChart(title: title, bands: PercentileBands(ts: ts, paths: paths),
                            reference: TimeSeries(name: Self.name("Backtest", input), ts: ts, values: equity)).render()
        case .price:
            let marks = stride(from: 5, to: ts.count, by: 40).flatMap { i -> [TradeMark] in
                let exit = min(i + 20, ts.count - 1)
                let long = (i / 40) % 2 == 0
                return [TradeMark(ts: ts[i], price: hold[i], side: long ? .buy : .sell, isEntry: true),
                        TradeMark(ts: ts[exit], price: hold[exit], side: long ? .sell : .buy, isEntry: false)]
            }
            return PriceTradeChart(title: title, price: TimeSeries(name: Self.name("BTCUSDT close", input), ts: ts, values: hold),
                                   trades: marks).render()
        case .rolling:
            // The chart's own variants: constant and NaN-holed metric values (the helper itself
            // returns all-NaN for constant or NaN-holed equity, which FiguresTests covers).
            let base = Figures.rollingSharpe(equity: Self.wave(input == .empty || input == .single ? input : .normal,
                                                               drift: 0.001, amplitude: 0.05, period: 20),
                                             window: 30, periodsPerYear: 365)
            let sharpe = base.enumerated().map { i, v -> Double in
                if input == .constant { return 1.5 }
                return input == .withNaN && i % 7 == 3 ? .nan : v
            }
            return RollingMetricChart(title: title, metric: TimeSeries(name: Self.name("Rolling Sharpe", input), ts: ts, values: sharpe),
                                      window: "30 days").render()
        case .bestSoFar:
            let objectives = equity.prefix(120).map { ($0 - 100) / 10 }
            return BestSoFarChart(title: title, objectives: Array(objectives), objectiveName: Self.name("Sharpe", input)).render()
        case .parallel:
            let rows = (0..<min(Self.count(input), 60)).map { i -> [Double] in
                if input == .constant { return [1, 2, 3, 4] }
                if input == .withNaN, i % 6 == 0 { return [Double(i), .nan, 1, 2] }
                return [Double(5 + i % 10), Double(20 + (i * 7) % 50), Double(i % 3) * 0.5, sin(Double(i))]
            }
            return ParallelCoordinatesChart(title: title, axes: ["fast", "slow", Self.name("stop", input), "Sharpe"], rows: rows).render()
        case .walkForward:
            let n = Self.count(input)
            let folds = stride(from: 0, to: max(n - 120, n > 0 ? 1 : 0), by: 60).map { i -> WalkForwardFold in
                let s = Self.start + Int64(i) * Self.day
                let length: Int64 = input == .single ? 0 : 1
                return WalkForwardFold(trainStart: s, trainEnd: s + 90 * Self.day * length,
                                       testStart: s + 90 * Self.day * length, testEnd: s + 120 * Self.day * length + (input == .single ? Self.day : 0))
            }
            return WalkForwardTimeline(title: title, folds: folds).render()
        case .calibration:
            let points = (0..<min(Self.count(input), 10)).map { k -> CalibrationChart.Point in
                if input == .constant { return CalibrationChart.Point(predicted: 0.5, observed: 0.5, count: 7) }
                let p = (Double(k) + 0.5) / 10
                return CalibrationChart.Point(predicted: p, observed: input == .withNaN && k % 3 == 1 ? .nan : min(1, max(0, p + 0.1 * sin(Double(k)))),
                                              count: 10 + k)
            }
            return CalibrationChart(title: title, series: [CalibrationChart.Series(name: Self.name("Walk-forward", input), points: points)]).render()
        }
    }

    /// Class names of groups every non-empty rendering must contain.
    var requiredClasses: [String] {
        switch self {
        case .monthly: return ["columns", "color-key"]
        case .parameterHeatmap: return ["x-axis", "y-axis", "color-key", "best"]
        case .parallel: return ["axes", "lines", "color-key"]
        case .walkForward: return ["x-axis", "legend", "train", "test"]
        default: return ["axes", "x-axis", "y-axis", "legend", "grid"]
        }
    }
}
