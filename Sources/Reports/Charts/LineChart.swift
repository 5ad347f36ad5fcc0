/// Several series over time on one value axis (equity against buy-and-hold, say), on a linear
/// or a log scale.
///
/// Semantics: each series is drawn as a line in its palette style (colour, dash, and a few
/// markers spaced along it), named in the legend above the plot. NaN and infinite values (and
/// values ≤ 0 on a log scale) are not drawn: the line breaks there, and an isolated point shows as
/// a dot. Long series are thinned by `downsampling` (2,000 LTTB points by default, shared between
/// the runs between gaps) before drawing. Without any drawable point the chart shows "No data to plot".
public struct LineChart: Sendable {
    public var title: String
    public var series: [TimeSeries]
    public var scale: ScaleKind
    /// Y-axis title (e.g. "Equity (USDT)").
    public var yLabel: String?
    /// Appended to y tick labels (e.g. "%"); values are printed as given.
    public var valueSuffix: String
    public var referenceLines: [ReferenceLine]
    public var width: Double
    public var height: Double
    public var downsampling: Downsampling

    public init(title: String, series: [TimeSeries], scale: ScaleKind = .linear, yLabel: String? = nil,
                valueSuffix: String = "", referenceLines: [ReferenceLine] = [],
                width: Double = 960, height: Double = 360, downsampling: Downsampling = .standard) {
        self.title = title
        self.series = series
        self.scale = scale
        self.yLabel = yLabel
        self.valueSuffix = valueSuffix
        self.referenceLines = referenceLines
        self.width = width
        self.height = height
        self.downsampling = downsampling
    }

    public func render() -> String {
        let points = series.map { $0.drawableSegments(positiveOnly: scale == .log, downsampling: downsampling) }
        let xs = points.flatMap { $0.flatMap(\.x) }, ys = points.flatMap { $0.flatMap(\.y) }
        guard let x0 = xs.min(), let x1 = xs.max(), var y0 = ys.min(), var y1 = ys.max() else {
            return ChartCanvas.placeholder(kind: "line", width: width, height: height, title: title)
        }
        for line in referenceLines where line.value.isFinite && (scale == .linear || line.value > 0) {
            y0 = min(y0, line.value); y1 = max(y1, line.value)
        }
        var canvas = ChartCanvas(kind: "line", width: width, height: height, title: title)
        let legend = Legend(items: series.indices.map { LegendItem(name: series[$0].name, swatch: .line(SeriesStyle.at($0))) },
                            width: width - 80)
        let plot = canvas.plotArea(legendHeight: legend.height)
        let ySpec: AxisSpec = scale == .log ? .log(min: y0, max: y1) : .linear(min: y0, max: y1, suffix: valueSuffix)
        let frame = PlotFrame(area: plot, x: .time(from: Int64(x0), to: Int64(x1)), y: ySpec)
        frame.drawGrid(into: &canvas.svg)
        for line in referenceLines { line.draw(into: &canvas.svg, frame: frame) }
        for (index, p) in points.enumerated() {
            Self.drawLine(p, style: SeriesStyle.at(index), frame: frame, seriesIndex: index,
                          seriesCount: points.count, into: &canvas.svg)
        }
        frame.drawAxes(into: &canvas.svg, chartWidth: width, yTitle: yLabel)
        legend.draw(into: &canvas.svg, left: 70, top: ChartTheme.legendTop)
        return canvas.svg.finish()
    }

    /// Draws one series as styled polylines (one per run between gaps) with markers at evenly
    /// spaced positions, staggered between series so their markers do not sit on top of each other.
    static func drawLine(_ segments: [(x: [Double], y: [Double])], style: SeriesStyle, frame: PlotFrame,
                         seriesIndex: Int, seriesCount: Int, into svg: inout SVGWriter) {
        var path = SVGPath()
        var px = [Double](), py = [Double]()
        for segment in segments {
            var sx = [Double](), sy = [Double]()
            sx.reserveCapacity(segment.x.count)
            sy.reserveCapacity(segment.x.count)
            for i in segment.x.indices {
                let a = frame.x(segment.x[i]), b = frame.y(segment.y[i])
                guard a.isFinite, b.isFinite else { continue }
                sx.append(a); sy.append(b)
            }
            // A lone point becomes a zero-length segment, drawn as a dot by the round cap.
            if sx.count == 1 { sx.append(sx[0]); sy.append(sy[0]) }
            path.polyline(sx, sy)
            px += sx
            py += sy
        }
        svg.start("g", [("class", "series")])
        svg.path(path, style.strokeAttributes)
        let markers = 8
        let stagger = Double(seriesIndex) / Double(max(seriesCount, 1) * (markers + 1))
        var next = 0
        for k in 1...markers where px.count > 2 {
            let target = frame.area.left + frame.area.width * (Double(k) / Double(markers + 1) + stagger)
            while next < px.count - 1, px[next] < target { next += 1 }
            style.marker.draw(into: &svg, x: px[next], y: py[next], size: 3.5, color: style.color)
        }
        if px.count <= 2, let x = px.first, let y = py.first {
            style.marker.draw(into: &svg, x: x, y: y, size: 4, color: style.color)
        }
        svg.end()
    }
}
