/// Colours, sizes and text metrics shared by every chart, chosen to read on screen and in
/// grayscale print (dark text and axes, light grid).
enum ChartTheme {
    static let text = "#1a1a1a"
    static let mutedText = "#555555"
    static let axis = "#333333"
    static let grid = "#e3e3e3"
    static let zeroLine = "#777777"
    static let fontSize = 12.0
    static let titleSize = 14.0
    static let titleBaseline = 20.0
    static let legendTop = 32.0
    static let legendRowHeight = 18.0

    /// Approximate width of `text` at `size` (average glyph ≈ 0.6 em for Helvetica digits/letters).
    static func textWidth(_ text: String, size: Double = fontSize) -> Double {
        Double(text.count) * size * 0.6
    }
}
