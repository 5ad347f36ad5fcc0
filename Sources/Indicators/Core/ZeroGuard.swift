/// TA-Lib 0.8's "≈ 0" tests for denominators. Where they fire the indicator returns 0, not NaN.
@usableFromInline
enum ZeroGuard {
    /// Absolute test, TA-Lib's `TA_IS_ZERO`: |v| < 1e-14.
    @inlinable @inline(__always)
    static func isZero(_ v: Double) -> Bool { v > -1e-14 && v < 1e-14 }

    /// Relative test for a difference `a - b` of two prices (STOCH, WILLR, CCI): the difference
    /// is ≈ 0 when it is below 1e-14 of the operands' magnitude.
    @inlinable @inline(__always)
    static func isZero(difference d: Double, scale: Double) -> Bool {
        Swift.abs(d) <= 1e-14 * Swift.abs(scale)
    }
}
