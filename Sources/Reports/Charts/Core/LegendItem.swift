/// One legend entry: a name and the swatch that identifies it.
public struct LegendItem: Sendable {
    /// What the swatch shows.
    public enum Swatch: Sendable {
        case line(SeriesStyle)
        case area(fill: String, stroke: String)
        case marker(Marker, color: String, filled: Bool)
    }

    public var name: String
    public var swatch: Swatch

    public init(name: String, swatch: Swatch) {
        self.name = name
        self.swatch = swatch
    }
}
