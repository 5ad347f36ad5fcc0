import Foundation
import MarketData

/// Monthly returns as a years × months grid, plus each year's compounded total.
///
/// Semantics: cells are coloured on a diverging scale symmetric around zero (red losses, blue
/// gains, saturated at the largest absolute month), print their value in percent with one
/// decimal, and losing months (those printed below zero) are also hatched, so the sign reads in
/// grayscale. Months without
/// data stay blank; NaN months are treated as missing. Years run top to bottom, oldest first.
public struct MonthlyReturnsHeatmap: Sendable {
    public var title: String
    public var returns: [MonthlyReturn]
    public var width: Double

    public init(title: String = "Monthly returns", returns: [MonthlyReturn], width: Double = 960) {
        self.title = title
        self.returns = returns
        self.width = width
    }

    static let rowHeight = 24.0

    /// Height for the number of years shown.
    public var height: Double {
        let years = Set(returns.filter { $0.value.isFinite }.map(\.year)).count
        return 32 + 28 + Double(max(years, 1)) * Self.rowHeight + 52
    }

    public func render() -> String {
        let valid = returns.filter { $0.value.isFinite && (1...12).contains($0.month) }
        let years = Array(Set(valid.map(\.year))).sorted()
        guard !years.isEmpty else {
            return ChartCanvas.placeholder(kind: "monthly", width: width, height: 160, title: title)
        }
        var canvas = ChartCanvas(kind: "monthly", width: width, height: height, title: title)
        let hatch = canvas.idPrefix + "-neg"
        HeatCells.defineHatch(into: &canvas.svg, id: hatch)
        let area = PlotArea(left: 60, top: 60, width: width - 80, height: Double(years.count) * Self.rowHeight)
        let grid = HeatCells(area: area, rows: years.count, columns: 13)
        let largest = max(valid.map { abs($0.value) }.max() ?? 0, 1e-12)
        let scale = ColorScale.diverging
        let names = CivilDate.monthNames + ["Year"]
        canvas.svg.start("g", [("class", "columns"), ("text-anchor", "middle"), ("font-weight", "bold")])
        for (c, name) in names.enumerated() {
            canvas.svg.text(name, x: area.left + (Double(c) + 0.5) * grid.cellWidth, y: area.top - 8)
        }
        canvas.svg.end()
        var byCell: [Int: Double] = [:]
        for r in valid { byCell[r.year * 12 + r.month - 1] = r.value }
        for (row, year) in years.enumerated() {
            canvas.svg.text(String(year), x: area.left - 8, y: area.top + (Double(row) + 0.5) * Self.rowHeight + 4,
                            [("text-anchor", "end"), ("font-weight", "bold")])
            var compounded = 1.0
            for month in 1...12 {
                guard let value = byCell[year * 12 + month - 1] else { continue }
                compounded *= 1 + value
                draw(value, row: row, column: month - 1, grid: grid, largest: largest, hatch: hatch, scale: scale, into: &canvas.svg)
            }
            draw(compounded - 1, row: row, column: 12, grid: grid, largest: largest, hatch: hatch, scale: scale, into: &canvas.svg)
        }
        canvas.svg.line(x1: area.left + 12 * grid.cellWidth, y1: area.top, x2: area.left + 12 * grid.cellWidth, y2: area.bottom,
                        [("stroke", ChartTheme.axis), ("stroke-width", "1.5")])
        let limit = NumberText.percent(largest, decimals: 1)
        ColorBar(scale: scale, low: "-" + limit + " (hatched: loss)", middle: "0%", high: "+" + limit)
            .draw(into: &canvas.svg, x: area.left, y: area.bottom + 14, width: min(360, area.width))
        return canvas.svg.finish()
    }

    private func draw(_ value: Double, row: Int, column: Int, grid: HeatCells, largest: Double, hatch: String,
                      scale: ColorScale, into svg: inout SVGWriter) {
        let t = 0.5 + 0.5 * max(-1, min(1, value / largest))
        // Sign and hatching follow the printed value, so a -0.04% month reads "0.0", unhatched.
        let shown = (value * 1_000).rounded() / 10
        let label = (shown > 0 ? "+" : "") + NumberText.fixed(shown, decimals: 1)
        grid.cell(into: &svg, row: row, column: column, color: scale.color(at: t), label: label,
                  textColor: scale.textColor(at: t), hatchID: shown < 0 ? hatch : nil)
    }
}
