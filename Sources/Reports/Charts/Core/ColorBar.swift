/// A horizontal colour key: `steps` swatches from the low to the high end of a colour scale,
/// with the end values (and the middle one) printed under it.
struct ColorBar {
    let scale: ColorScale
    let low: String
    let middle: String?
    let high: String
    var steps = 9
    static let height = 10.0

    func draw(into svg: inout SVGWriter, x: Double, y: Double, width: Double) {
        svg.start("g", [("class", "color-key")])
        let step = width / Double(steps)
        for i in 0..<steps {
            let t = Double(i) / Double(steps - 1)
            svg.rect(x: x + Double(i) * step, y: y, width: step + 0.3, height: Self.height, [("fill", scale.color(at: t))])
        }
        svg.rect(x: x, y: y, width: width, height: Self.height, [("fill", "none"), ("stroke", ChartTheme.axis), ("stroke-width", "0.6")])
        svg.text(low, x: x, y: y + Self.height + 12, [("font-size", "11")])
        if let middle { svg.text(middle, x: x + width / 2, y: y + Self.height + 12, [("font-size", "11"), ("text-anchor", "middle")]) }
        svg.text(high, x: x + width, y: y + Self.height + 12, [("font-size", "11"), ("text-anchor", "end")])
        svg.end()
    }
}
