import Foundation

/// A continuous colour scale through a few anchor colours, sampled at t ∈ [0, 1].
public struct ColorScale: Sendable {
    let anchors: [(r: Double, g: Double, b: Double)]

    public init(hex: [String]) {
        anchors = hex.map { code in
            let digits = code.hasPrefix("#") ? String(code.dropFirst()) : code
            let value = Int(digits, radix: 16) ?? 0
            return (Double((value >> 16) & 0xFF), Double((value >> 8) & 0xFF), Double(value & 0xFF))
        }
    }

    /// Red (losses) through near-white to blue (gains); pair with printed values or hatching,
    /// since both ends are dark in grayscale.
    public static let diverging = ColorScale(hex: ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"])

    /// Dark purple through teal to yellow: lightness rises monotonically, so order survives grayscale.
    public static let sequential = ColorScale(hex: ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"])

    /// Light green to dark purple: for lines on white, where the best (high end) must be the
    /// most visible; lightness falls monotonically, so order survives grayscale.
    public static let darkening = ColorScale(hex: ["#b5de2b", "#5ec962", "#21918c", "#3b528b", "#440154"])

    /// `#rrggbb` at position `t` (clamped to [0, 1]; NaN gives light grey).
    public func color(at t: Double) -> String {
        let c = rgb(at: t)
        return String(format: "#%02x%02x%02x", Int(c.r.rounded()), Int(c.g.rounded()), Int(c.b.rounded()))
    }

    /// Black or white, whichever reads better on the colour at `t`.
    public func textColor(at t: Double) -> String {
        let c = rgb(at: t)
        let luma = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b
        return luma > 140 ? "#111111" : "#ffffff"
    }

    func rgb(at t: Double) -> (r: Double, g: Double, b: Double) {
        guard t.isFinite, anchors.count > 1 else { return (221, 221, 221) }
        let position = min(max(t, 0), 1) * Double(anchors.count - 1)
        let i = min(Int(position), anchors.count - 2)
        let f = position - Double(i)
        let a = anchors[i], b = anchors[i + 1]
        return (a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f)
    }
}
