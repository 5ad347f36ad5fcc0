/// A reliability diagram: for each series, the share of outcomes equal to 1 (y) against the
/// mean predicted probability (x) of each bin of predictions, with the diagonal of a perfectly
/// calibrated model.
///
/// Semantics: both axes are probabilities on [0, 1]. Each series' points are joined in order
/// of increasing predicted probability and drawn in its palette style; the dashed grey
/// diagonal y = x is where a calibrated model's points lie (above it: outcomes of 1 more often
/// than predicted). Points with a non-finite coordinate are left out; without any point the
/// chart shows "No data to plot".
public struct CalibrationChart: Sendable {
    /// One bin: the mean predicted probability, the share of outcomes equal to 1, and how many
    /// predictions fell in it.
    public struct Point: Sendable, Equatable {
        public var predicted: Double
        public var observed: Double
        public var count: Int

        public init(predicted: Double, observed: Double, count: Int) {
            self.predicted = predicted
            self.observed = observed
            self.count = count
        }
    }

    /// One series of bins.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    public var title: String
    public var series: [Series]
    public var width: Double
    public var height: Double

    public init(title: String, series: [Series], width: Double = 560, height: Double = 420) {
        self.title = title
        self.series = series
        self.width = width
        self.height = height
    }

    static let diagonalColor = "#9a9a9a"

    public func render() -> String {
        let drawable = series.map { s in s.points.filter { $0.predicted.isFinite && $0.observed.isFinite }.sorted { $0.predicted < $1.predicted } }
        guard drawable.contains(where: { !$0.isEmpty }) else {
            return ChartCanvas.placeholder(kind: "calibration", width: width, height: height, title: title)
        }
        var canvas = ChartCanvas(kind: "calibration", width: width, height: height, title: title)
        let diagonal = SeriesStyle(color: Self.diagonalColor, dash: "5 3", marker: .none, lineWidth: 1.2)
        let legend = Legend(items: series.indices.map { LegendItem(name: series[$0].name, swatch: .line(SeriesStyle.at($0))) }
                                + [LegendItem(name: "Perfectly calibrated", swatch: .line(diagonal))],
                            width: width - 80)
        let plot = canvas.plotArea(legendHeight: legend.height, bottom: 54)
        let frame = PlotFrame(area: plot, x: .linear(min: 0, max: 1), y: .linear(min: 0, max: 1))
        frame.drawGrid(into: &canvas.svg)
        canvas.svg.line(x1: frame.x(0), y1: frame.y(0), x2: frame.x(1), y2: frame.y(1),
                        diagonal.strokeAttributes + [("class", "diagonal")])
        for (index, points) in drawable.enumerated() where !points.isEmpty {
            let style = SeriesStyle.at(index)
            var path = SVGPath()
            path.polyline(points.map { frame.x($0.predicted) }, points.map { frame.y($0.observed) })
            canvas.svg.start("g", [("class", "series")])
            if points.count > 1 { canvas.svg.path(path, style.strokeAttributes) }
            for p in points {
                (style.marker == .none ? Marker.circle : style.marker)
                    .draw(into: &canvas.svg, x: frame.x(p.predicted), y: frame.y(p.observed), size: 4, color: style.color)
            }
            canvas.svg.end()
        }
        frame.drawAxes(into: &canvas.svg, chartWidth: width, xTitle: "Mean predicted probability", yTitle: "Share of outcomes = 1")
        legend.draw(into: &canvas.svg, left: 70, top: ChartTheme.legendTop)
        return canvas.svg.finish()
    }
}
