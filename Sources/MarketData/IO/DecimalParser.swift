/// Parses decimal text (`-12.5`, `0.00009`, `1e-05`, `nan`) from raw bytes into the same `Double`
/// that `Double(String)` returns, i.e. correctly rounded.
///
/// Semantics: up to 19 digits are accumulated into an integer mantissa `m` with a decimal
/// exponent `e`. When `m ≤ 2^53` and `|e| ≤ 22` both `m` and `10^|e|` are exact doubles,
/// so one IEEE multiplication or division rounds correctly (Clinger's fast path). Every other
/// well-formed input — long mantissas, large exponents — falls back to the standard library's
/// correctly rounded conversion. Market prices almost always take the fast path.
@usableFromInline
package enum DecimalParser {
    /// 10^k for 0 ≤ k ≤ 22, all exact doubles. A literal array is laid out statically by the
    /// compiler; a `switch` here compiles to an indirect jump that mispredicts whenever the
    /// digit count changes.
    @usableFromInline
    static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    @inline(__always) @usableFromInline
    static func powerOfTen(_ k: Int) -> Double { powersOfTen[k] }

    /// The value of `bytes[start..<end]`, or nil when the whole range is not a number.
    /// Accepts an optional sign, digits with one optional `.`, an optional exponent, and the
    /// case-insensitive token `nan`.
    @inlinable
    package static func parse(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let (value, stop) = scan(bytes, start, end)
        return stop == end && stop > start ? value : nil
    }

    /// Reads the longest number starting at `start` (stopping before `end`). Returns the value
    /// and the index after it; the index is `start` when no number begins there.
    @inline(__always) @usableFromInline
    static func scan(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Double, Int) {
        var i = start
        guard i < end else { return (0, start) }
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative || bytes[i] == UInt8(ascii: "+") { i += 1 }
        // Common shape first: ≤ 7 integer digits, optional ≤ 7 fraction digits, no exponent,
        // read eight bytes at a time without a branch per digit.
        if i + 16 <= end {
            let (whole, wholeDigits) = digitRun(bytes, i)
            if wholeDigits < 8 {
                var j = i + wholeDigits
                var mantissa = whole
                var fractionDigits = 0
                if bytes[j] == UInt8(ascii: ".") {
                    let (fraction, count) = digitRun(bytes, j + 1)
                    fractionDigits = count
                    mantissa = whole &* UInt64(powerOfTen(count)) &+ fraction
                    j += 1 + count
                }
                if fractionDigits < 8 && wholeDigits + fractionDigits > 0 && (bytes[j] | 0x20) != UInt8(ascii: "e") {
                    let value = Double(mantissa) / powerOfTen(fractionDigits)   // both exact: < 10^14 and ≤ 10^7
                    return (negative ? -value : value, j)
                }
            }
        }
        // All digits (leading zeros included) go into the mantissa; more than 19 of them may
        // have wrapped it, and such rare inputs take the slow path below.
        var mantissa: UInt64 = 0
        let digitsStart = i
        while i < end {
            let d = bytes[i] &- 48
            guard d < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
        var digits = i - digitsStart
        var exponent = 0
        if i < end && bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < end {
                let d = bytes[i] &- 48
                guard d < 10 else { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                i += 1
            }
            exponent = fractionStart - i
            digits += i - fractionStart
        }
        guard digits > 0 else { return scanNaN(bytes, start, digitsStart, end) }
        if i < end && (bytes[i] | 0x20) == UInt8(ascii: "e") {
            var j = i + 1
            var expNegative = false
            if j < end && (bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+")) { expNegative = bytes[j] == UInt8(ascii: "-"); j += 1 }
            guard j < end, bytes[j] &- 48 < 10 else { return (0, start) }
            var value = 0
            while j < end {
                let d = bytes[j] &- 48
                guard d < 10 else { break }
                if value < 100_000 { value = value * 10 + Int(d) }
                j += 1
            }
            exponent += expNegative ? -value : value
            i = j
        }
        if digits <= 19 {
            if mantissa == 0 { return (negative ? -0.0 : 0.0, i) }
            if mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
                let m = Double(mantissa)
                let value = exponent >= 0 ? m * powerOfTen(exponent) : m / powerOfTen(-exponent)
                return (negative ? -value : value, i)
            }
        }
        return slowPath(bytes, start, i)
    }

    /// The value and length of the run of ASCII digits starting at `p` (at most 8; 8 means the run
    /// may go on). Reads 8 bytes, which must be in bounds.
    ///
    /// A byte b is a digit when b − 0x30 does not wrap (high bit clear) and b + 0x46 stays below
    /// 0x80; bytes before the first non-digit are digits, so no borrow or carry reaches it. The
    /// run is moved to the top bytes (the low ones become leading zeros), then adjacent lanes
    /// are merged: 1-digit → 2-digit (×10), 2 → 4 (×100), 4 → 8 (×10⁴). In a little-endian load
    /// the first digit is the lowest byte, i.e. the most significant digit of each pair.
    @inline(__always) @usableFromInline
    static func digitRun(_ p: UnsafePointer<UInt8>, _ offset: Int) -> (UInt64, Int) {
        let word = UInt64(littleEndian: UnsafeRawPointer(p + offset).loadUnaligned(as: UInt64.self))
        let shifted = word &- 0x3030_3030_3030_3030
        let nonDigit = (shifted | (word &+ 0x4646_4646_4646_4646)) & 0x8080_8080_8080_8080
        let count = nonDigit.trailingZeroBitCount >> 3                 // 0...8
        guard count > 0 else { return (0, 0) }
        var v = shifted << UInt64(64 - 8 * count)
        v = (v &* 10 &+ (v >> 8)) & 0x00FF_00FF_00FF_00FF
        v = (v &* 100 &+ (v >> 16)) & 0x0000_FFFF_0000_FFFF
        v = (v &* 10_000 &+ (v >> 32)) & 0xFFFF_FFFF
        return (v, count)
    }

    @usableFromInline
    static func slowPath(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Double, Int) {
        guard let value = Double(String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)) else {
            return (0, start)
        }
        return (value, end)
    }

    /// `nan` (any case, optionally signed) at `afterSign`.
    @usableFromInline
    static func scanNaN(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ afterSign: Int, _ end: Int) -> (Double, Int) {
        let i = afterSign
        guard end - i >= 3, (bytes[i] | 0x20) == UInt8(ascii: "n"), (bytes[i + 1] | 0x20) == UInt8(ascii: "a"),
              (bytes[i + 2] | 0x20) == UInt8(ascii: "n") else { return (0, start) }
        return (.nan, i + 3)
    }
}
