import MarketData
/// An objective over a two-parameter grid (a sweep of, say, fast × slow moving averages).
///
/// Semantics: `values[row][column]` is the objective at `yValues[row]`, `xValues[column]`; rows
/// are drawn with the first y value at the bottom. Colours follow the sequential scale from the
/// worst to the best finite value (lighter is better when `higherIsBetter`, else the scale is
/// reversed); NaN cells (not evaluated, or excluded by a constraint) stay light grey and empty.
/// The best cell is outlined. Values are printed in cells when the cells are large enough.
public struct ParameterHeatmap: Sendable {
    public var title: String
    public var xName: String
    public var yName: String
    public var xValues: [Double]
    public var yValues: [Double]
    public var values: [[Double]]
    public var objectiveName: String
    public var higherIsBetter: Bool
    public var width: Double
    public var height: Double

    public init(title: String, xName: String, yName: String, xValues: [Double], yValues: [Double], values: [[Double]],
                objectiveName: String, higherIsBetter: Bool = true, width: Double = 960, height: Double = 480) {
        self.title = title
        self.xName = xName
        self.yName = yName
        self.xValues = xValues
        self.yValues = yValues
        self.values = values
        self.objectiveName = objectiveName
        self.higherIsBetter = higherIsBetter
        self.width = width
        self.height = height
    }

    public func render() -> String {
        let rows = yValues.count, columns = xValues.count
        let finite = values.prefix(rows).flatMap { $0.prefix(columns) }.filter(\.isFinite)
        guard rows > 0, columns > 0, let low = finite.min(), let high = finite.max() else {
            return ChartCanvas.placeholder(kind: "param-heatmap", width: width, height: min(height, 200), title: title)
        }
        var canvas = ChartCanvas(kind: "param-heatmap", width: width, height: height, title: title,
                                 subtitle: objectiveName + (higherIsBetter ? " (higher is better)" : " (lower is better)"))
        let area = PlotArea(left: 80, top: 40, width: width - 100, height: height - 40 - 86)
        let grid = HeatCells(area: area, rows: rows, columns: columns)
        let scale = ColorScale.sequential
        let span = high - low
        let printValues = grid.cellWidth >= 38 && grid.cellHeight >= 16
        let decimals = Self.valueDecimals(low: low, high: high)
        var best: (row: Int, column: Int)? = nil
        var bestValue = 0.0
        for row in 0..<rows {
            let line = row < values.count ? values[row] : []
            for column in 0..<columns {
                let v = column < line.count ? line[column] : .nan
                let drawRow = rows - 1 - row
                guard v.isFinite else {
                    grid.cell(into: &canvas.svg, row: drawRow, column: column, color: "#f0f0f0", label: nil, textColor: ChartTheme.text)
                    continue
                }
                let goodness = span > 0 ? (v - low) / span : 1
                let t = higherIsBetter ? goodness : 1 - goodness
                grid.cell(into: &canvas.svg, row: drawRow, column: column, color: scale.color(at: t),
                          label: printValues ? NumberText.fixed(v, decimals: decimals) : nil, textColor: scale.textColor(at: t))
                if best == nil || (higherIsBetter ? v > bestValue : v < bestValue) {
                    best = (drawRow, column)
                    bestValue = v
                }
            }
        }
        if let best { grid.outline(into: &canvas.svg, row: best.row, column: best.column) }
        drawLabels(into: &canvas.svg, grid: grid)
        let worstText = NumberText.fixed(higherIsBetter ? low : high, decimals: decimals)
        let bestText = NumberText.fixed(higherIsBetter ? high : low, decimals: decimals)
        canvas.svg.text(objectiveName + ":", x: area.left, y: height - 22, [("font-size", "11")])
        ColorBar(scale: scale, low: worstText + " (worst)", middle: nil, high: bestText + " (best, outlined)")
            .draw(into: &canvas.svg, x: area.left + ChartTheme.textWidth(objectiveName + ":", size: 11) + 8,
                  y: height - 32, width: min(320, area.width / 2))
        return canvas.svg.finish()
    }

    /// Parameter values along both axes, thinned so labels do not collide.
    private func drawLabels(into svg: inout SVGWriter, grid: HeatCells) {
        let area = grid.area
        let xLabels = xValues.map { NumberText.fixed($0, decimals: TickText.decimals(forStep: $0)) }
        let widest = xLabels.map { ChartTheme.textWidth($0) }.max() ?? 0
        let xEvery = max(1, Int(((widest + 8) / grid.cellWidth).rounded(.up)))
        svg.start("g", [("class", "x-axis"), ("text-anchor", "middle")])
        for (c, label) in xLabels.enumerated() where c % xEvery == 0 {
            svg.text(label, x: area.left + (Double(c) + 0.5) * grid.cellWidth, y: area.bottom + 16)
        }
        svg.end()
        let yEvery = max(1, Int((16 / grid.cellHeight).rounded(.up)))
        svg.start("g", [("class", "y-axis"), ("text-anchor", "end")])
        for (r, value) in yValues.enumerated() where r % yEvery == 0 {
            let label = NumberText.fixed(value, decimals: TickText.decimals(forStep: value))
            svg.text(label, x: area.left - 6, y: area.bottom - (Double(r) + 0.5) * grid.cellHeight + 4)
        }
        svg.end()
        svg.text(xName, x: area.left + area.width / 2, y: area.bottom + 34, [("class", "axis-title"), ("text-anchor", "middle"), ("font-weight", "bold")])
        let cy = area.top + area.height / 2
        svg.text(yName, x: 16, y: cy, [("class", "axis-title"), ("text-anchor", "middle"), ("font-weight", "bold"),
                                       ("transform", "rotate(-90 16 \(SVGNumber.format(cy)))")])
    }

    /// Enough decimals to tell neighbouring values apart: about three significant digits of the range.
    static func valueDecimals(low: Double, high: Double) -> Int {
        let magnitude = max(abs(low), abs(high), 1e-12)
        if magnitude >= 100 { return 0 }
        if magnitude >= 10 { return 1 }
        if magnitude >= 1 { return 2 }
        return 3
    }
}
