/// Distributions known only by their percentiles, one row each (a metric under several Monte
/// Carlo methods): a whisker from the 5th to the 95th percentile, a box from the 25th to the
/// 75th, a bold tick at the median, and an optional reference line (the backtest's own value).
///
/// Semantics: rows share one linear value axis spanning every finite percentile and the
/// reference; a row with a non-finite percentile is drawn as "n/a". `displayScale` multiplies
/// values for display and `valueSuffix` follows tick labels (100 and "%" show fractions in
/// percent). Box and whisker differ in thickness and fill, so they read in grayscale.
public struct PercentileRangeChart: Sendable {
    /// One distribution: its label and percentiles 5, 25, 50, 75 and 95.
    public struct Row: Sendable, Equatable {
        public var label: String
        public var percentiles: [Double]

        public init(label: String, percentiles: [Double]) {
            precondition(percentiles.count == 5, "percentiles 5, 25, 50, 75, 95")
            self.label = label
            self.percentiles = percentiles
        }
    }

    public var title: String
    public var rows: [Row]
    public var reference: MarkerLine?
    public var xLabel: String?
    public var valueSuffix: String
    public var displayScale: Double
    public var width: Double

    public init(title: String, rows: [Row], reference: MarkerLine? = nil, xLabel: String? = nil, valueSuffix: String = "",
                displayScale: Double = 1, width: Double = 960) {
        self.title = title
        self.rows = rows
        self.reference = reference
        self.xLabel = xLabel
        self.valueSuffix = valueSuffix
        self.displayScale = displayScale
        self.width = width
    }

    static let rowHeight = 30.0
    static let boxFill = "#8aa6cf"
    static let ink = "#1f4e9a"

    public func render() -> String {
        let finite = rows.flatMap(\.percentiles).filter(\.isFinite).map { $0 * displayScale }
        let referenceValue = reference.map { $0.value * displayScale }.flatMap { $0.isFinite ? $0 : nil }
        guard let lo = (finite + [referenceValue].compactMap { $0 }).min(),
              let hi = (finite + [referenceValue].compactMap { $0 }).max() else {
            return ChartCanvas.placeholder(kind: "percentile-range", width: width, height: 160, title: title)
        }
        let legend = Legend(items: [LegendItem(name: "5–95%", swatch: .line(SeriesStyle(color: Self.ink, lineWidth: 1.5))),
                                    LegendItem(name: "25–75%", swatch: .area(fill: Self.boxFill, stroke: Self.ink)),
                                    LegendItem(name: "Median", swatch: .line(SeriesStyle(color: ChartTheme.text, lineWidth: 3)))]
                            + (reference.map { [LegendItem(name: $0.label, swatch: .line(HistogramChart.markerStyle(0)))] } ?? []),
                            width: width - 80)
        let labelWidth = (rows.map { ChartTheme.textWidth($0.label) }.max() ?? 0) + 24
        let height = ChartTheme.legendTop + legend.height + 12 + Double(rows.count) * Self.rowHeight + (xLabel == nil ? 40 : 52)
        var canvas = ChartCanvas(kind: "percentile-range", width: width, height: height, title: title)
        let plot = canvas.plotArea(legendHeight: legend.height, left: max(84, labelWidth), bottom: xLabel == nil ? 40 : 52)
        let frame = PlotFrame(area: plot, x: .linear(min: lo, max: hi, suffix: valueSuffix), y: .hidden)
        frame.drawGrid(into: &canvas.svg)
        canvas.svg.start("g", [("class", "ranges")])
        for (k, row) in rows.enumerated() {
            let cy = frame.area.top + (Double(k) + 0.5) * Self.rowHeight
            canvas.svg.text(row.label, x: frame.area.left - 8, y: cy + 4, [("text-anchor", "end"), ("fill", ChartTheme.text)])
            let p = row.percentiles.map { frame.x($0 * displayScale) }
            guard p.allSatisfy(\.isFinite) else {
                canvas.svg.text("n/a", x: frame.area.left + 6, y: cy + 4, [("fill", ChartTheme.mutedText)])
                continue
            }
            canvas.svg.line(x1: p[0], y1: cy, x2: p[4], y2: cy, [("class", "whisker"), ("stroke", Self.ink), ("stroke-width", "1.5")])
            for end in [p[0], p[4]] {
                canvas.svg.line(x1: end, y1: cy - 6, x2: end, y2: cy + 6, [("stroke", Self.ink), ("stroke-width", "1.5")])
            }
            canvas.svg.rect(x: p[1], y: cy - 9, width: max(p[3] - p[1], 1), height: 18,
                            [("class", "box"), ("fill", Self.boxFill), ("stroke", Self.ink)])
            canvas.svg.line(x1: p[2], y1: cy - 11, x2: p[2], y2: cy + 11, [("class", "median"), ("stroke", ChartTheme.text), ("stroke-width", "3")])
        }
        canvas.svg.end()
        if let referenceValue {
            let px = frame.x(referenceValue)
            canvas.svg.line(x1: px, y1: frame.area.top, x2: px, y2: frame.area.bottom,
                            HistogramChart.markerStyle(0).strokeAttributes + [("class", "marker-line")])
        }
        frame.drawAxes(into: &canvas.svg, chartWidth: width, xTitle: xLabel)
        legend.draw(into: &canvas.svg, left: 70, top: ChartTheme.legendTop)
        return canvas.svg.finish()
    }
}
