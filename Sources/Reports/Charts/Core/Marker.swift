/// Point marker shapes, so series stay distinguishable without colour.
public enum Marker: Sendable, Equatable {
    case none, circle, square, triangleUp, triangleDown, diamond, cross

    /// Draws the marker centred at (x, y) with the given half-size; `filled` false draws an outline.
    func draw(into svg: inout SVGWriter, x: Double, y: Double, size: Double, color: String, filled: Bool = true) {
        guard x.isFinite, y.isFinite else { return }
        let paint: [SVGWriter.Attribute] = filled
            ? [("fill", color), ("stroke", "#ffffff"), ("stroke-width", "0.8")]
            : [("fill", "#ffffff"), ("stroke", color), ("stroke-width", "1.6")]
        var path = SVGPath()
        switch self {
        case .none:
            return
        case .circle:
            svg.element("circle", [("cx", SVGNumber.format(x)), ("cy", SVGNumber.format(y)), ("r", SVGNumber.format(size))] + paint)
            return
        case .square:
            svg.rect(x: x - size, y: y - size, width: 2 * size, height: 2 * size, paint)
            return
        case .triangleUp:
            path.move(x, y - size * 1.2); path.line(x + size * 1.1, y + size * 0.8); path.line(x - size * 1.1, y + size * 0.8); path.close()
        case .triangleDown:
            path.move(x, y + size * 1.2); path.line(x + size * 1.1, y - size * 0.8); path.line(x - size * 1.1, y - size * 0.8); path.close()
        case .diamond:
            path.move(x, y - size * 1.3); path.line(x + size * 1.1, y); path.line(x, y + size * 1.3); path.line(x - size * 1.1, y); path.close()
        case .cross:
            path.move(x - size, y - size); path.line(x + size, y + size); path.move(x - size, y + size); path.line(x + size, y - size)
            svg.path(path, [("fill", "none"), ("stroke", color), ("stroke-width", "2")])
            return
        }
        svg.path(path, paint)
    }
}
