/// A fan chart: percentile bands of simulated equity over time (Monte Carlo).
///
/// Semantics: the 5–95% band is the light fill, the 25–75% band the darker one, the median a
/// solid line; an optional reference series (the actual backtest) is drawn dashed over them
/// (breaking at its NaN values).
/// Timestamps where any percentile is NaN are skipped. Long series are thinned to at most
/// `maxPoints` evenly spaced steps (the same steps for every band, so the bands stay nested).
public struct FanChart: Sendable {
    public var title: String
    public var bands: PercentileBands
    public var reference: TimeSeries?
    public var scale: ScaleKind
    public var yLabel: String?
    public var width: Double
    public var height: Double
    public var maxPoints: Int

    public init(title: String, bands: PercentileBands, reference: TimeSeries? = nil, scale: ScaleKind = .linear,
                yLabel: String? = nil, width: Double = 960, height: Double = 360, maxPoints: Int = 1_000) {
        self.title = title
        self.bands = bands
        self.reference = reference
        self.scale = scale
        self.yLabel = yLabel
        self.width = width
        self.height = height
        self.maxPoints = maxPoints
    }

    static let outerFill = "#c9d6ea"
    static let innerFill = "#7f9cc8"
    static let median = SeriesStyle(color: "#10294f", marker: .none, lineWidth: 2)
    static let referenceStyle = SeriesStyle(color: "#d55e00", dash: "7 4", marker: .square)

    public func render() -> String {
        let usable = (0..<bands.count).filter { i in
            [bands.p5[i], bands.p25[i], bands.p50[i], bands.p75[i], bands.p95[i]].allSatisfy { $0.isFinite && (scale == .linear || $0 > 0) }
        }
        let stride = max(1, (usable.count + maxPoints - 1) / max(maxPoints, 1))
        var steps = Swift.stride(from: 0, to: usable.count, by: stride).map { usable[$0] }
        if let last = usable.last, steps.last != last { steps.append(last) }
        let ref = reference?.drawableSegments(positiveOnly: scale == .log, downsampling: .lttb(points: maxPoints)) ?? []
        let xs = steps.map { Double(bands.ts[$0]) } + ref.flatMap(\.x)
        let ys = steps.flatMap { [bands.p5[$0], bands.p95[$0]] } + ref.flatMap(\.y)
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else {
            return ChartCanvas.placeholder(kind: "fan", width: width, height: height, title: title)
        }
        var canvas = ChartCanvas(kind: "fan", width: width, height: height, title: title)
        var items = [LegendItem(name: "5-95% of paths", swatch: .area(fill: Self.outerFill, stroke: Self.outerFill)),
                     LegendItem(name: "25-75% of paths", swatch: .area(fill: Self.innerFill, stroke: Self.innerFill)),
                     LegendItem(name: "Median", swatch: .line(Self.median))]
        if let reference { items.append(LegendItem(name: reference.name, swatch: .line(Self.referenceStyle))) }
        let legend = Legend(items: items, width: width - 80)
        let plot = canvas.plotArea(legendHeight: legend.height)
        let ySpec: AxisSpec = scale == .log ? .log(min: y0, max: y1) : .linear(min: y0, max: y1)
        let frame = PlotFrame(area: plot, x: .time(from: Int64(x0), to: Int64(x1)), y: ySpec)
        frame.drawGrid(into: &canvas.svg)
        band(lower: bands.p5, upper: bands.p95, steps: steps, fill: Self.outerFill, frame: frame, into: &canvas.svg)
        band(lower: bands.p25, upper: bands.p75, steps: steps, fill: Self.innerFill, frame: frame, into: &canvas.svg)
        LineChart.drawLine([(steps.map { Double(bands.ts[$0]) }, steps.map { bands.p50[$0] })], style: Self.median,
                           frame: frame, seriesIndex: 0, seriesCount: 1, into: &canvas.svg)
        if !ref.isEmpty {
            LineChart.drawLine(ref, style: Self.referenceStyle, frame: frame, seriesIndex: 0, seriesCount: 1, into: &canvas.svg)
        }
        frame.drawAxes(into: &canvas.svg, chartWidth: width, yTitle: yLabel)
        legend.draw(into: &canvas.svg, left: 70, top: ChartTheme.legendTop)
        return canvas.svg.finish()
    }

    /// A closed area between `lower` and `upper` over the chosen steps.
    private func band(lower: [Double], upper: [Double], steps: [Int], fill: String, frame: PlotFrame, into svg: inout SVGWriter) {
        guard steps.count > 1 else {
            if let i = steps.first {
                let px = frame.x(Double(bands.ts[i]))
                svg.line(x1: px, y1: frame.y(lower[i]), x2: px, y2: frame.y(upper[i]), [("stroke", fill), ("stroke-width", "6")])
            }
            return
        }
        var path = SVGPath()
        for (k, i) in steps.enumerated() {
            let px = frame.x(Double(bands.ts[i])), py = frame.y(upper[i])
            if k == 0 { path.move(px, py) } else { path.line(px, py) }
        }
        for i in steps.reversed() { path.line(frame.x(Double(bands.ts[i])), frame.y(lower[i])) }
        path.close()
        svg.path(path, [("class", "band"), ("fill", fill), ("stroke", "none")])
    }
}
