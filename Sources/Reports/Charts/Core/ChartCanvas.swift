/// The common shell of every chart: the SVG root, a white background, the title (and optional
/// subtitle), and the placeholder drawn when there is nothing to plot.
struct ChartCanvas {
    var svg: SVGWriter
    let width: Double
    let height: Double
    /// Prefix for ids inside this chart (patterns), unique per kind and title so several charts
    /// can share one HTML page.
    let idPrefix: String

    init(kind: String, width: Double, height: Double, title: String, subtitle: String? = nil) {
        self.width = width
        self.height = height
        idPrefix = kind + "-" + Self.hash(kind + "\u{0}" + title + "\u{0}" + (subtitle ?? ""))
        svg = SVGWriter(width: width, height: height, title: title)
        svg.rect(x: 0, y: 0, width: width, height: height, [("fill", "#ffffff")])
        svg.text(title, x: 12, y: ChartTheme.titleBaseline,
                 [("class", "chart-title"), ("font-size", SVGNumber.format(ChartTheme.titleSize)), ("font-weight", "bold"), ("fill", ChartTheme.text)])
        if let subtitle, !subtitle.isEmpty {
            let x = 12 + ChartTheme.textWidth(title, size: ChartTheme.titleSize) + 14
            svg.text(subtitle, x: x, y: ChartTheme.titleBaseline, [("fill", ChartTheme.mutedText)])
        }
    }

    /// A chart with only its title and `message`, for empty or unusable input.
    static func placeholder(kind: String, width: Double, height: Double, title: String, message: String = "No data to plot") -> String {
        var canvas = ChartCanvas(kind: kind, width: width, height: height, title: title)
        canvas.svg.rect(x: 12, y: 32, width: width - 24, height: height - 44,
                        [("fill", "#fafafa"), ("stroke", ChartTheme.grid), ("stroke-dasharray", "4 3")])
        canvas.svg.text(message, x: width / 2, y: height / 2 + 16,
                        [("class", "no-data"), ("text-anchor", "middle"), ("fill", ChartTheme.mutedText)])
        return canvas.svg.finish()
    }

    /// The plot rectangle left after the title, the legend and the axis margins. The default left
    /// margin fits y labels of up to 7 glyphs (`100,000`) plus the y title, so stacked charts line up.
    func plotArea(legendHeight: Double, left: Double = 84, right: Double = 20, bottom: Double = 50) -> PlotArea {
        let top = ChartTheme.legendTop + legendHeight + 12
        return PlotArea(left: left, top: top, width: width - left - right, height: height - top - bottom)
    }

    /// FNV-1a of `text`, as 8 hex digits: stable across processes, unlike `Hasher`.
    static func hash(_ text: String) -> String {
        var h: UInt32 = 2_166_136_261
        for byte in text.utf8 { h = (h ^ UInt32(byte)) &* 16_777_619 }
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
