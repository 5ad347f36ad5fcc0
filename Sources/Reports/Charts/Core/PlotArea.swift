/// The rectangle, in SVG user units, where a chart draws its data.
public struct PlotArea: Sendable, Equatable {
    public var left: Double
    public var top: Double
    public var width: Double
    public var height: Double

    public init(left: Double, top: Double, width: Double, height: Double) {
        self.left = left
        self.top = top
        self.width = max(width, 1)
        self.height = max(height, 1)
    }

    public var right: Double { left + width }
    public var bottom: Double { top + height }
}
