/// A legend laid out in rows under the chart title, above the plot, so it never hides data.
struct Legend {
    let items: [LegendItem]
    let width: Double
    static let swatchWidth = 28.0
    static let gap = 18.0

    /// Item origins (x, row) for the available width.
    private var layout: [(x: Double, row: Int)] {
        var out: [(Double, Int)] = []
        var x = 0.0, row = 0
        for item in items {
            let w = Self.swatchWidth + 6 + ChartTheme.textWidth(item.name)
            if x > 0, x + w > width { x = 0; row += 1 }
            out.append((x, row))
            x += w + Self.gap
        }
        return out
    }

    /// Vertical space the legend takes (0 without items).
    var height: Double {
        guard let last = layout.last else { return 0 }
        return Double(last.row + 1) * ChartTheme.legendRowHeight
    }

    func draw(into svg: inout SVGWriter, left: Double, top: Double) {
        guard !items.isEmpty else { return }
        svg.start("g", [("class", "legend"), ("font-size", SVGNumber.format(ChartTheme.fontSize))])
        for (item, place) in zip(items, layout) {
            let x = left + place.x
            let y = top + Double(place.row) * ChartTheme.legendRowHeight + ChartTheme.legendRowHeight / 2
            switch item.swatch {
            case .line(let style):
                svg.line(x1: x, y1: y, x2: x + Self.swatchWidth, y2: y, style.strokeAttributes)
                style.marker.draw(into: &svg, x: x + Self.swatchWidth / 2, y: y, size: 3.5, color: style.color)
            case .area(let fill, let stroke):
                svg.rect(x: x, y: y - 6, width: Self.swatchWidth, height: 12, [("fill", fill), ("stroke", stroke)])
            case .marker(let marker, let color, let filled):
                marker.draw(into: &svg, x: x + Self.swatchWidth / 2, y: y, size: 5, color: color, filled: filled)
            }
            svg.text(item.name, x: x + Self.swatchWidth + 6, y: y + 4, [("fill", ChartTheme.text)])
        }
        svg.end()
    }
}
