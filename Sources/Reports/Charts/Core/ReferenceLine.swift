/// A horizontal line at a fixed value (zero, a target, a threshold), with an optional label.
public struct ReferenceLine: Sendable, Equatable {
    public var value: Double
    public var label: String?

    public init(value: Double, label: String? = nil) {
        self.value = value
        self.label = label
    }

    func draw(into svg: inout SVGWriter, frame: PlotFrame) {
        let py = frame.y(value)
        guard py.isFinite, py >= frame.area.top - 0.5, py <= frame.area.bottom + 0.5 else { return }
        svg.line(x1: frame.area.left, y1: py, x2: frame.area.right, y2: py,
                 [("class", "reference"), ("stroke", ChartTheme.zeroLine), ("stroke-width", "1.2"), ("stroke-dasharray", "5 3")])
        if let label {
            svg.text(label, x: frame.area.right - 4, y: py - 4, [("text-anchor", "end"), ("fill", ChartTheme.mutedText), ("font-size", "11")])
        }
    }
}
