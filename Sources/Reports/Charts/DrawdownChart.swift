import MarketData
/// The underwater chart: how far equity is below its running peak, as a filled area under zero.
///
/// Semantics: values are drawdowns as fractions (≤ 0, `Figures.drawdown`), shown in percent.
/// The deepest point is marked and labelled. Long series are thinned with min/max per pixel
/// column, so every trough survives. NaN values are skipped.
public struct DrawdownChart: Sendable {
    public var title: String
    public var drawdown: TimeSeries
    public var width: Double
    public var height: Double

    /// A chart of `drawdown` (fractions ≤ 0) at `ts`.
    public init(title: String = "Drawdown", name: String = "Drawdown", ts: [Int64], drawdown: [Double],
                width: Double = 960, height: Double = 260) {
        self.title = title
        self.drawdown = TimeSeries(name: name, ts: ts, values: drawdown)
        self.width = width
        self.height = height
    }

    /// The drawdown chart of an equity curve.
    public init(title: String = "Drawdown", ts: [Int64], equity: [Double], width: Double = 960, height: Double = 260) {
        self.init(title: title, ts: ts, drawdown: Figures.drawdown(equity: equity), width: width, height: height)
    }

    static let fill = "#d9a3a3"
    static let stroke = "#8c1c1c"

    public func render() -> String {
        let legend = Legend(items: [LegendItem(name: drawdown.name, swatch: .area(fill: Self.fill, stroke: Self.stroke))], width: width - 80)
        let columns = Int(width)
        let points = drawdown.drawable(downsampling: .minMax(columns: columns))
        guard let x0 = points.x.first, let x1 = points.x.last, let low = points.y.min() else {
            return ChartCanvas.placeholder(kind: "drawdown", width: width, height: height, title: title)
        }
        var canvas = ChartCanvas(kind: "drawdown", width: width, height: height, title: title)
        let plot = canvas.plotArea(legendHeight: legend.height)
        let top = max(points.y.max() ?? 0, 0) * 100
        let frame = PlotFrame(area: plot, x: .time(from: Int64(x0), to: Int64(x1)),
                              y: .linear(min: min(low * 100, 0), max: top, suffix: "%"))
        let area = frame.area
        frame.drawGrid(into: &canvas.svg)
        let zero = frame.y(0)
        var areaPath = SVGPath(), edge = SVGPath()
        areaPath.move(frame.x(x0), zero)
        for i in points.x.indices {
            let px = frame.x(points.x[i]), py = frame.y(points.y[i] * 100)
            areaPath.line(px, py)
            if i == 0 { edge.move(px, py) } else { edge.line(px, py) }
        }
        areaPath.line(frame.x(x1), zero)
        areaPath.close()
        canvas.svg.path(areaPath, [("class", "area"), ("fill", Self.fill), ("stroke", "none")])
        canvas.svg.path(edge, [("fill", "none"), ("stroke", Self.stroke), ("stroke-width", "1.2")])
        ReferenceLine(value: 0).draw(into: &canvas.svg, frame: frame)
        if low < 0, let i = points.y.firstIndex(of: low) {
            let px = frame.x(points.x[i]), py = frame.y(low * 100)
            Marker.circle.draw(into: &canvas.svg, x: px, y: py, size: 3.5, color: ChartTheme.text)
            let date = CivilDate(epochMilliseconds: Int64(points.x[i]))
            let text = "Max drawdown \(NumberText.percent(low, decimals: 1)) on \(date.day) \(date.monthName) \(date.year)"
            let anchor = px > area.left + area.width * 0.6 ? "end" : "start"
            // Beside the trough and just above it, with a white halo so the curve does not cross the text.
            canvas.svg.text(text, x: px + (anchor == "end" ? -8 : 8), y: max(py - 6, area.top + 12),
                            [("class", "annotation"), ("text-anchor", anchor), ("fill", ChartTheme.text),
                             ("stroke", "#ffffff"), ("stroke-width", "3"), ("paint-order", "stroke")])
        }
        frame.drawAxes(into: &canvas.svg, chartWidth: width, yTitle: "Below peak")
        legend.draw(into: &canvas.svg, left: 70, top: ChartTheme.legendTop)
        return canvas.svg.finish()
    }
}
