/// The CSV reader's fast path for the common row shape: `timestamp,open,high,low,close,volume`
/// with an integer timestamp and plain decimals, as in every bundled dataset.
///
/// Semantics: `parse` takes a row only when it is exactly
/// `D,N,N,N,N,N` followed by `\n` or `\r\n`, where `D` is 1–18 ASCII digits and each `N` is
/// 1–7 digits, optionally followed by `.` and 1–7 digits (no sign, exponent, quote or space).
/// Anything else returns nil, and the reader parses that row with its general code, which owns
/// every error message. A row accepted here gets the same values the general code gives it:
/// the timestamp goes through the same `TimestampParser.milliseconds(integer:unit:)`, and the
/// numbers are correctly rounded (below), as `DecimalParser` and `Double(String)` are.
///
/// Why the numbers are exact: with w ≤ 7 whole and f ≤ 7 fraction digits, the digits form an
/// integer m < 10^14 < 2^53 and the value is m / 10^f. Both m and 10^f (f ≤ 22) are exactly
/// representable doubles, and IEEE 754 division rounds its exact quotient correctly, so
/// `Double(m) / 10^f` is the double nearest to the decimal text (Clinger's fast path).
enum FastRow {
    /// Bytes a row may touch from its start: a timestamp of ≤ 18 digits and its comma (19),
    /// five numbers of ≤ 15 bytes plus a delimiter (80), `\r\n`, and the 8-byte word loads that
    /// look ahead (≤ 8 past a field). Rows are taken on this path only when this many bytes
    /// remain in the buffer, so no load leaves it.
    static let reach = 128

    /// 10^k for 0 ≤ k ≤ 8 as integers.
    static let integerPowersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// Parses the row at `p` (with at least `reach` bytes readable) into slot `row` of the
    /// columns; returns the bytes consumed including the line break, or nil when the row does
    /// not have the fast shape (nothing is stored then).
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, unit: TimeUnit, row: Int, ts: UnsafeMutablePointer<Int64>,
                      open: UnsafeMutablePointer<Double>, high: UnsafeMutablePointer<Double>, low: UnsafeMutablePointer<Double>,
                      close: UnsafeMutablePointer<Double>, volume: UnsafeMutablePointer<Double>) -> Int? {
        let comma = UInt8(ascii: ",")
        let (stamp, digits) = integer(p)
        guard digits > 0, digits <= 18, p[digits] == comma,
              let t = TimestampParser.milliseconds(integer: Int64(stamp), unit: unit) else { return nil }
        var q = digits + 1
        let (o, no) = number(p + q)
        guard no > 0, p[q + no] == comma else { return nil }
        q += no + 1
        let (h, nh) = number(p + q)
        guard nh > 0, p[q + nh] == comma else { return nil }
        q += nh + 1
        let (l, nl) = number(p + q)
        guard nl > 0, p[q + nl] == comma else { return nil }
        q += nl + 1
        let (c, nc) = number(p + q)
        guard nc > 0, p[q + nc] == comma else { return nil }
        q += nc + 1
        let (v, nv) = number(p + q)
        guard nv > 0 else { return nil }
        q += nv
        if p[q] == UInt8(ascii: "\r") { q += 1 }
        guard p[q] == UInt8(ascii: "\n") else { return nil }
        ts[row] = t
        open[row] = o; high[row] = h; low[row] = l; close[row] = c; volume[row] = v
        return q + 1
    }

    /// The value and length of the run of digits at `p`, reading up to 24 bytes; a length
    /// above 18 means "too long" (the value has then wrapped and must not be used).
    @inline(__always)
    static func integer(_ p: UnsafePointer<UInt8>) -> (UInt64, Int) {
        var (value, count) = DecimalParser.digitRun(p, 0)
        guard count == 8 else { return (value, count) }
        let (middle, middleCount) = DecimalParser.digitRun(p, 8)
        value = value &* integerPowersOfTen[middleCount] &+ middle
        guard middleCount == 8 else { return (value, 8 + middleCount) }
        let (last, lastCount) = DecimalParser.digitRun(p, 16)
        return (value &* integerPowersOfTen[lastCount] &+ last, 16 + lastCount)
    }

    /// A plain decimal at `p` (1–7 digits, optionally `.` and 1–7 digits): its value and length,
    /// or length 0 when the text has another shape. The fraction is read as eight digits
    /// (padded with zeros), so the value is (whole · 10^8 + fraction · 10^(8−f)) / 10^8: the same
    /// rational as m / 10^f, with an exact numerator < 10^15 < 2^53 and an exact divisor, hence
    /// the same correctly rounded double (see `FastRow`).
    @inline(__always)
    static func number(_ p: UnsafePointer<UInt8>) -> (Double, Int) {
        let (whole, wholeDigits) = DecimalParser.digitRun(p, 0)
        guard wholeDigits > 0, wholeDigits < 8 else { return (0, 0) }
        guard p[wholeDigits] == UInt8(ascii: ".") else { return (Double(whole), wholeDigits) }
        let (fraction, fractionDigits) = paddedFraction(p + wholeDigits + 1)
        guard fractionDigits > 0, fractionDigits < 8 else { return (0, 0) }
        return (Double(whole &* 100_000_000 &+ fraction) / 1e8, wholeDigits + 1 + fractionDigits)
    }

    /// The run of digits at `p` (read as one 8-byte word) as the eight-digit integer it starts,
    /// zeros filling the places after the run (`65,` → 65_000_000), and the run's length
    /// (0...8; the value is meaningful for lengths 0...7). The word trick is `DecimalParser.digitRun`'s, with the run kept in the low bytes
    /// (the first digit, the most significant, is the lowest byte of a little-endian load) and
    /// the bytes after it cleared.
    @inline(__always)
    static func paddedFraction(_ p: UnsafePointer<UInt8>) -> (UInt64, Int) {
        let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let shifted = word &- 0x3030_3030_3030_3030
        let nonDigit = (shifted | (word &+ 0x4646_4646_4646_4646)) & 0x8080_8080_8080_8080
        let bits = UInt64(nonDigit.trailingZeroBitCount) & ~7          // 8 × run length, 0...64
        // For a run of 8 the masking shift wraps to 0 and the value is 0; callers reject that length.
        var v = shifted & ((1 &<< bits) &- 1)
        v = (v &* 10 &+ (v >> 8)) & 0x00FF_00FF_00FF_00FF
        v = (v &* 100 &+ (v >> 16)) & 0x0000_FFFF_0000_FFFF
        v = (v &* 10_000 &+ (v >> 32)) & 0xFFFF_FFFF
        return (v, Int(bits >> 3))
    }
}
