/// Coloured cells of a heatmap grid, with optional printed values and hatching for negative
/// values (so sign survives grayscale), and an outline around one highlighted cell.
struct HeatCells {
    let area: PlotArea
    let rows: Int
    let columns: Int

    var cellWidth: Double { area.width / Double(max(columns, 1)) }
    var cellHeight: Double { area.height / Double(max(rows, 1)) }

    /// Defines the hatch pattern used for negative cells; call once before `draw`.
    static func defineHatch(into svg: inout SVGWriter, id: String) {
        svg.start("defs")
        svg.start("pattern", [("id", id), ("width", "6"), ("height", "6"), ("patternUnits", "userSpaceOnUse"),
                              ("patternTransform", "rotate(45)")])
        svg.line(x1: 0, y1: 0, x2: 0, y2: 6, [("stroke", "#000000"), ("stroke-opacity", "0.22"), ("stroke-width", "1.4")])
        svg.end()
        svg.end()
    }

    /// Draws cell (row, column) filled with `color`; `label` is printed centred in `textColor`.
    func cell(into svg: inout SVGWriter, row: Int, column: Int, color: String, label: String?, textColor: String,
              hatchID: String? = nil) {
        let x = area.left + Double(column) * cellWidth, y = area.top + Double(row) * cellHeight
        svg.rect(x: x, y: y, width: cellWidth, height: cellHeight, [("fill", color), ("stroke", "#ffffff"), ("stroke-width", "1")])
        if let hatchID {
            svg.rect(x: x, y: y, width: cellWidth, height: cellHeight, [("fill", "url(#\(hatchID))"), ("stroke", "none")])
        }
        if let label {
            svg.text(label, x: x + cellWidth / 2, y: y + cellHeight / 2 + 4,
                     [("text-anchor", "middle"), ("fill", textColor), ("font-size", SVGNumber.format(min(11, cellHeight * 0.55)))])
        }
    }

    /// A thick outline around cell (row, column).
    func outline(into svg: inout SVGWriter, row: Int, column: Int) {
        svg.rect(x: area.left + Double(column) * cellWidth + 1, y: area.top + Double(row) * cellHeight + 1,
                 width: cellWidth - 2, height: cellHeight - 2,
                 [("class", "best"), ("fill", "none"), ("stroke", "#000000"), ("stroke-width", "2.5")])
    }
}
