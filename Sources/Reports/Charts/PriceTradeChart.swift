/// A price line with the strategy's fills on it.
///
/// Semantics: buys are upward triangles, sells downward triangles (green and red); entries are
/// filled, exits hollow, so both facts read in grayscale. Fills outside the price's time range or
/// with a non-finite price are skipped. With more than `maxMarks` fills an evenly spaced subset is
/// drawn and the subtitle says so. The price is drawn like a `LineChart` series (LTTB, gaps at NaN).
public struct PriceTradeChart: Sendable {
    public var title: String
    public var price: TimeSeries
    public var trades: [TradeMark]
    public var scale: ScaleKind
    public var width: Double
    public var height: Double
    public var maxMarks: Int

    public init(title: String, price: TimeSeries, trades: [TradeMark], scale: ScaleKind = .linear,
                width: Double = 960, height: Double = 380, maxMarks: Int = 1_500) {
        self.title = title
        self.price = price
        self.trades = trades
        self.scale = scale
        self.width = width
        self.height = height
        self.maxMarks = maxMarks
    }

    static let priceStyle = SeriesStyle(color: "#4d4d4d", marker: .none, lineWidth: 1.2)
    static let buyColor = "#1a7f37"
    static let sellColor = "#c0392b"

    public func render() -> String {
        let line = price.drawableSegments(positiveOnly: scale == .log, downsampling: .standard)
        let ys = line.flatMap(\.y)
        guard let x0 = line.first?.x.first, let x1 = line.last?.x.last, let lo = ys.min(), let hi = ys.max() else {
            return ChartCanvas.placeholder(kind: "price", width: width, height: height, title: title)
        }
        let visible = trades.filter { Double($0.ts) >= x0 && Double($0.ts) <= x1 && $0.price.isFinite && (scale == .linear || $0.price > 0) }
        let every = max(1, (visible.count + maxMarks - 1) / max(maxMarks, 1))
        let shown = Swift.stride(from: 0, to: visible.count, by: every).map { visible[$0] }
        let subtitle = shown.count < visible.count ? "showing \(shown.count) of \(visible.count) fills" : "\(visible.count) fills"
        var canvas = ChartCanvas(kind: "price", width: width, height: height, title: title, subtitle: subtitle)
        var items = [LegendItem(name: price.name, swatch: .line(Self.priceStyle))]
        let kinds: [(TradeMark.Side, Bool, String)] = [(.buy, true, "Buy (entry)"), (.sell, true, "Sell (entry)"),
                                                        (.buy, false, "Buy (exit)"), (.sell, false, "Sell (exit)")]
        for (side, entry, name) in kinds where shown.contains(where: { $0.side == side && $0.isEntry == entry }) {
            items.append(LegendItem(name: name, swatch: .marker(Self.marker(side), color: Self.color(side), filled: entry)))
        }
        let legend = Legend(items: items, width: width - 80)
        let plot = canvas.plotArea(legendHeight: legend.height)
        let yLow = min(lo, shown.map(\.price).min() ?? lo), yHigh = max(hi, shown.map(\.price).max() ?? hi)
        let ySpec: AxisSpec = scale == .log ? .log(min: yLow, max: yHigh) : .linear(min: yLow, max: yHigh)
        let frame = PlotFrame(area: plot, x: .time(from: Int64(x0), to: Int64(x1)), y: ySpec)
        frame.drawGrid(into: &canvas.svg)
        LineChart.drawLine(line, style: Self.priceStyle, frame: frame, seriesIndex: 0, seriesCount: 1, into: &canvas.svg)
        canvas.svg.start("g", [("class", "trades")])
        for mark in shown {
            let px = frame.x(Double(mark.ts)), py = frame.y(mark.price)
            // Buys sit just below the price, sells just above, pointing at it.
            let offset = mark.side == .buy ? 7.0 : -7.0
            Self.marker(mark.side).draw(into: &canvas.svg, x: px, y: py + offset, size: 4.5, color: Self.color(mark.side), filled: mark.isEntry)
        }
        canvas.svg.end()
        frame.drawAxes(into: &canvas.svg, chartWidth: width, yTitle: "Price")
        legend.draw(into: &canvas.svg, left: 70, top: ChartTheme.legendTop)
        return canvas.svg.finish()
    }

    static func marker(_ side: TradeMark.Side) -> Marker { side == .buy ? .triangleUp : .triangleDown }
    static func color(_ side: TradeMark.Side) -> String { side == .buy ? buyColor : sellColor }
}
