import MarketData
/// Parallel coordinates for searches over more than two parameters: one vertical axis per
/// parameter (and the objective, last), one polyline per trial.
///
/// Semantics: each axis spans its own finite min…max (a constant axis puts every line in the
/// middle), its maximum printed above it and its minimum below; lines are coloured by the
/// objective on the `darkening` scale (darker = better) and the best trials are drawn last and
/// thicker, so they stay on top. Trials with any non-finite value
/// are skipped. With more than `maxLines` trials the best half of the budget is kept plus an
/// evenly spaced sample of the rest.
public struct ParallelCoordinatesChart: Sendable {
    public var title: String
    /// Axis names: parameters, then the objective.
    public var axes: [String]
    /// One row per trial, one value per axis (objective last).
    public var rows: [[Double]]
    public var higherIsBetter: Bool
    public var highlight: Int
    public var maxLines: Int
    public var width: Double
    public var height: Double

    public init(title: String, axes: [String], rows: [[Double]], higherIsBetter: Bool = true, highlight: Int = 5,
                maxLines: Int = 1_000, width: Double = 960, height: Double = 380) {
        self.title = title
        self.axes = axes
        self.rows = rows
        self.higherIsBetter = higherIsBetter
        self.highlight = highlight
        self.maxLines = maxLines
        self.width = width
        self.height = height
    }

    public func render() -> String {
        let n = axes.count
        var valid = rows.filter { $0.count >= n && $0.prefix(n).allSatisfy(\.isFinite) }
        guard n >= 2, !valid.isEmpty else {
            return ChartCanvas.placeholder(kind: "parallel", width: width, height: height, title: title)
        }
        // Worst first, best last (drawn on top).
        valid.sort { higherIsBetter ? $0[n - 1] < $1[n - 1] : $0[n - 1] > $1[n - 1] }
        if valid.count > maxLines {
            let bestCount = maxLines / 2
            let rest = valid.count - bestCount
            let step = Double(rest) / Double(maxLines - bestCount)
            let sample = (0..<(maxLines - bestCount)).map { valid[Int(Double($0) * step)] }
            valid = sample + valid.suffix(bestCount)
        }
        var canvas = ChartCanvas(kind: "parallel", width: width, height: height, title: title,
                                 subtitle: "\(valid.count) trials" + (valid.count < rows.count ? " of \(rows.count)" : "")
                                     + "; thick lines: best \(min(highlight, valid.count))")
        let area = PlotArea(left: 60, top: 68, width: width - 120, height: height - 68 - 68)
        let lows = (0..<n).map { a in valid.map { $0[a] }.min()! }
        let highs = (0..<n).map { a in valid.map { $0[a] }.max()! }
        let axisX = (0..<n).map { area.left + area.width * Double($0) / Double(n - 1) }
        func y(_ v: Double, _ a: Int) -> Double {
            let span = highs[a] - lows[a]
            return span > 0 ? area.bottom - (v - lows[a]) / span * area.height : area.top + area.height / 2
        }
        let scale = ColorScale.darkening
        canvas.svg.start("g", [("class", "lines"), ("fill", "none")])
        for (k, row) in valid.enumerated() {
            let span = highs[n - 1] - lows[n - 1]
            let goodness = span > 0 ? (row[n - 1] - lows[n - 1]) / span : 1
            let t = higherIsBetter ? goodness : 1 - goodness
            var path = SVGPath()
            for a in 0..<n { if a == 0 { path.move(axisX[a], y(row[a], a)) } else { path.line(axisX[a], y(row[a], a)) } }
            let top = k >= valid.count - highlight
            canvas.svg.path(path, [("stroke", scale.color(at: t)), ("stroke-width", top ? "2.6" : "1"),
                                   ("stroke-opacity", top ? "1" : "0.55")] + (top ? [("class", "top")] : []))
        }
        canvas.svg.end()
        canvas.svg.start("g", [("class", "axes"), ("fill", ChartTheme.text)])
        for a in 0..<n {
            canvas.svg.line(x1: axisX[a], y1: area.top, x2: axisX[a], y2: area.bottom, [("stroke", ChartTheme.axis), ("stroke-width", "1.4")])
            let anchor = a == 0 ? "start" : (a == n - 1 ? "end" : "middle")
            canvas.svg.text(axes[a], x: axisX[a], y: area.top - 24, [("text-anchor", anchor), ("font-weight", "bold")])
            let decimals = TickText.decimals(forStep: NiceTicks.step(span: max(highs[a] - lows[a], 1e-12), target: 20))
            for (v, py) in [(highs[a], area.top - 7), (lows[a], area.bottom + 15)] {
                canvas.svg.text(NumberText.fixed(v, decimals: min(decimals, 4)), x: axisX[a], y: py,
                                [("text-anchor", anchor), ("font-size", "11"), ("fill", ChartTheme.mutedText)])
            }
        }
        canvas.svg.end()
        let worst = NumberText.fixed(higherIsBetter ? lows[n - 1] : highs[n - 1], decimals: 3)
        let best = NumberText.fixed(higherIsBetter ? highs[n - 1] : lows[n - 1], decimals: 3)
        canvas.svg.text(axes[n - 1] + ":", x: area.left, y: height - 22, [("font-size", "11")])
        ColorBar(scale: scale, low: worst + " (worst)", middle: nil, high: best + " (best)")
            .draw(into: &canvas.svg, x: area.left + ChartTheme.textWidth(axes[n - 1] + ":", size: 11) + 8, y: height - 32, width: min(320, area.width / 2))
        return canvas.svg.finish()
    }
}
