/// How one series is drawn: colour, dash pattern and marker, so that series differ in
/// grayscale print as well as in colour.
public struct SeriesStyle: Sendable, Equatable {
    public var color: String
    /// `stroke-dasharray`, or nil for a solid line.
    public var dash: String?
    public var marker: Marker
    public var lineWidth: Double

    public init(color: String, dash: String? = nil, marker: Marker = .none, lineWidth: Double = 1.8) {
        self.color = color
        self.dash = dash
        self.marker = marker
        self.lineWidth = lineWidth
    }

    /// Colour-blind-safe hues of different lightness, each paired with its own dash and marker.
    public static let palette: [SeriesStyle] = [
        SeriesStyle(color: "#1f4e9a", dash: nil, marker: .circle, lineWidth: 2),
        SeriesStyle(color: "#d55e00", dash: "7 4", marker: .square),
        SeriesStyle(color: "#009e73", dash: "2 3", marker: .triangleUp),
        SeriesStyle(color: "#7a3d8c", dash: "10 3 2 3", marker: .diamond),
        SeriesStyle(color: "#8c6d00", dash: "14 5", marker: .cross),
        SeriesStyle(color: "#4d4d4d", dash: "4 2 1 2 1 2", marker: .triangleDown),
    ]

    /// The palette entry for series number `index` (cycling).
    public static func at(_ index: Int) -> SeriesStyle {
        palette[((index % palette.count) + palette.count) % palette.count]
    }

    /// Stroke attributes for a line in this style.
    var strokeAttributes: [SVGWriter.Attribute] {
        var out: [SVGWriter.Attribute] = [("fill", "none"), ("stroke", color), ("stroke-width", SVGNumber.format(lineWidth)),
                                          ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
        if let dash { out.append(("stroke-dasharray", dash)) }
        return out
    }
}
