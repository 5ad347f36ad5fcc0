/// A histogram of a sample (trade returns, simulated final returns, maximum drawdowns), with
/// optional vertical marker lines.
///
/// Semantics: bins from `HistogramBins` (Freedman–Diaconis by default), or given already binned
/// (`init(title:bins:…)`, edges in the values' unit); bar heights are counts.
/// NaN values are ignored and their number is noted in the subtitle. `valueSuffix` is appended to
/// x tick labels and `scale` multiplies values for display (100 with "%" shows fractions in percent).
public struct HistogramChart: Sendable {
    public var title: String
    public var values: [Double]
    public var rule: HistogramBins.Rule
    /// Precomputed bins; when set, `values` and `rule` are not used.
    public var binned: HistogramBins?
    public var markers: [MarkerLine]
    public var xLabel: String?
    public var valueSuffix: String
    public var displayScale: Double
    public var width: Double
    public var height: Double

    public init(title: String, values: [Double], rule: HistogramBins.Rule = .freedmanDiaconis, markers: [MarkerLine] = [],
                xLabel: String? = nil, valueSuffix: String = "", displayScale: Double = 1,
                width: Double = 960, height: Double = 300) {
        self.title = title
        self.values = values
        self.rule = rule
        self.markers = markers
        self.xLabel = xLabel
        self.valueSuffix = valueSuffix
        self.displayScale = displayScale
        self.width = width
        self.height = height
    }

    /// A histogram of counts already binned (a Monte Carlo histogram read from the store).
    public init(title: String, bins: HistogramBins, markers: [MarkerLine] = [], xLabel: String? = nil,
                valueSuffix: String = "", displayScale: Double = 1, width: Double = 960, height: Double = 300) {
        self.init(title: title, values: [], markers: markers, xLabel: xLabel, valueSuffix: valueSuffix,
                  displayScale: displayScale, width: width, height: height)
        binned = bins
    }

    static let barFill = "#8aa6cf"
    static let barStroke = "#1f4e9a"

    public func render() -> String {
        let bins = binned.map { HistogramBins(edges: $0.edges.map { $0 * displayScale }, counts: $0.counts) }
            ?? HistogramBins(values: values.map { $0 * displayScale }, rule: rule)
        guard let lo = bins.edges.first, let hi = bins.edges.last, let peak = bins.counts.max() else {
            return ChartCanvas.placeholder(kind: "histogram", width: width, height: height, title: title)
        }
        let skipped = binned == nil ? values.count - bins.counts.reduce(0, +) : 0
        var canvas = ChartCanvas(kind: "histogram", width: width, height: height, title: title,
                                 subtitle: "n = \(bins.counts.reduce(0, +))" + (skipped > 0 ? ", \(skipped) not finite (skipped)" : ""))
        var items = [LegendItem(name: "Count per bin", swatch: .area(fill: Self.barFill, stroke: Self.barStroke))]
        for (i, marker) in markers.enumerated() {
            items.append(LegendItem(name: marker.label, swatch: .line(Self.markerStyle(i))))
        }
        let legend = Legend(items: items, width: width - 80)
        let plot = canvas.plotArea(legendHeight: legend.height, bottom: xLabel == nil ? 40 : 52)
        var xMin = lo, xMax = hi
        for m in markers where m.value.isFinite {
            xMin = min(xMin, m.value * displayScale); xMax = max(xMax, m.value * displayScale)
        }
        let frame = PlotFrame(area: plot, x: .linear(min: xMin, max: xMax, nice: false, suffix: valueSuffix),
                              y: .linear(min: 0, max: Double(peak)))
        let area = frame.area
        frame.drawGrid(into: &canvas.svg)
        canvas.svg.start("g", [("class", "bars"), ("fill", Self.barFill), ("stroke", Self.barStroke), ("stroke-width", "0.8")])
        for (k, count) in bins.counts.enumerated() where count > 0 {
            let x0 = frame.x(bins.edges[k]), x1 = frame.x(bins.edges[k + 1])
            let y = frame.y(Double(count))
            canvas.svg.rect(x: x0, y: y, width: max(x1 - x0, 1), height: frame.area.bottom - y, [])
        }
        canvas.svg.end()
        for (i, marker) in markers.enumerated() where marker.value.isFinite {
            let px = frame.x(marker.value * displayScale)
            canvas.svg.line(x1: px, y1: area.top, x2: px, y2: area.bottom, Self.markerStyle(i).strokeAttributes + [("class", "marker-line")])
        }
        frame.drawAxes(into: &canvas.svg, chartWidth: width, xTitle: xLabel, yTitle: "Count")
        legend.draw(into: &canvas.svg, left: 70, top: ChartTheme.legendTop)
        return canvas.svg.finish()
    }

    static func markerStyle(_ i: Int) -> SeriesStyle {
        var style = SeriesStyle.at(i + 1)
        style.marker = .none
        style.lineWidth = 2.2
        return style
    }
}
