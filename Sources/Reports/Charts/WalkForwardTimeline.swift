/// The folds of a walk-forward validation on a time axis: one row per fold, a light bar for the
/// training window and a dark bar for the test window.
///
/// Semantics: fold 1 is the top row. Train bars are light grey with a dark outline, test bars
/// solid dark blue, so the two read apart in grayscale. Folds with an empty or inverted window
/// skip that bar. A fold row is 22 units high; the chart height follows the fold count.
public struct WalkForwardTimeline: Sendable {
    public var title: String
    public var folds: [WalkForwardFold]
    public var width: Double

    public init(title: String = "Walk-forward folds", folds: [WalkForwardFold], width: Double = 960) {
        self.title = title
        self.folds = folds
        self.width = width
    }

    static let rowHeight = 22.0
    static let trainFill = "#d9d9d9"
    static let testFill = "#1f4e9a"

    public var height: Double { 32 + 18 + 12 + Double(max(folds.count, 1)) * Self.rowHeight + 50 }

    public func render() -> String {
        let times = folds.flatMap { [$0.trainStart, $0.trainEnd, $0.testStart, $0.testEnd] }
        guard let lo = times.min(), let hi = times.max(), hi > lo else {
            return ChartCanvas.placeholder(kind: "folds", width: width, height: 160, title: title)
        }
        var canvas = ChartCanvas(kind: "folds", width: width, height: height, title: title, subtitle: "\(folds.count) folds")
        let legend = Legend(items: [LegendItem(name: "Train (in-sample)", swatch: .area(fill: Self.trainFill, stroke: ChartTheme.axis)),
                                    LegendItem(name: "Test (out-of-sample)", swatch: .area(fill: Self.testFill, stroke: Self.testFill))],
                            width: width - 80)
        let plot = canvas.plotArea(legendHeight: legend.height)
        let frame = PlotFrame(area: plot, x: .time(from: lo, to: hi), y: .hidden)
        let area = frame.area
        frame.drawGrid(into: &canvas.svg)
        let row = area.height / Double(max(folds.count, 1))
        let labelEvery = max(1, Int((14 / row).rounded(.up)))
        for (i, fold) in folds.enumerated() {
            let y = area.top + Double(i) * row
            let bar = max(row * 0.64, 1)
            if fold.trainEnd > fold.trainStart {
                let x0 = frame.x(Double(fold.trainStart)), x1 = frame.x(Double(fold.trainEnd))
                canvas.svg.rect(x: x0, y: y + (row - bar) / 2, width: x1 - x0, height: bar,
                                [("class", "train"), ("fill", Self.trainFill), ("stroke", ChartTheme.axis), ("stroke-width", "0.8")])
            }
            if fold.testEnd > fold.testStart {
                let x0 = frame.x(Double(fold.testStart)), x1 = frame.x(Double(fold.testEnd))
                canvas.svg.rect(x: x0, y: y + (row - bar) / 2, width: max(x1 - x0, 1), height: bar,
                                [("class", "test"), ("fill", Self.testFill)])
            }
            if i % labelEvery == 0 {
                canvas.svg.text("Fold \(i + 1)", x: area.left - 7, y: y + row / 2 + 4, [("text-anchor", "end"), ("fill", ChartTheme.text)])
            }
        }
        frame.drawAxes(into: &canvas.svg, chartWidth: width)
        legend.draw(into: &canvas.svg, left: 70, top: ChartTheme.legendTop)
        return canvas.svg.finish()
    }
}
