/// Path geometry (`d` attribute) built from absolute move/line commands with compact numbers.
public struct SVGPath: Sendable {
    /// The `d` attribute text.
    public private(set) var data: String = ""
    /// Decimal places for coordinates.
    public var decimals: Int

    public init(decimals: Int = 1) { self.decimals = decimals }

    public var isEmpty: Bool { data.isEmpty }

    /// Starts a new sub-path at (x, y).
    public mutating func move(_ x: Double, _ y: Double) { command("M", x, y) }

    /// Draws a straight segment to (x, y).
    public mutating func line(_ x: Double, _ y: Double) { command("L", x, y) }

    /// Closes the current sub-path.
    public mutating func close() { data += "Z" }

    /// Appends a polyline through `points`, starting a new sub-path at the first one.
    public mutating func polyline(_ xs: [Double], _ ys: [Double]) {
        for i in 0..<min(xs.count, ys.count) {
            if i == 0 { move(xs[i], ys[i]) } else { line(xs[i], ys[i]) }
        }
    }

    private mutating func command(_ letter: String, _ x: Double, _ y: Double) {
        data += letter
        SVGNumber.append(x, decimals: decimals, to: &data)
        data += " "
        SVGNumber.append(y, decimals: decimals, to: &data)
    }
}
