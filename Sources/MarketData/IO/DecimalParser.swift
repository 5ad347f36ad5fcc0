/// Parses decimal text (`-12.5`, `0.00009`, `1e-05`, `nan`) from raw bytes into the same `Double`
/// that `Double(String)` returns, i.e. correctly rounded.
///
/// Semantics: up to 19 significant digits are accumulated into an integer mantissa `m` with a
/// decimal exponent `e`. When `m ≤ 2^53` and `|e| ≤ 22` both `m` and `10^|e|` are exact doubles,
/// so one IEEE multiplication or division rounds correctly (Clinger's fast path). Every other
/// well-formed input — long mantissas, large exponents — falls back to the standard library's
/// correctly rounded conversion. Market prices almost always take the fast path.
@usableFromInline
enum DecimalParser {
    @usableFromInline
    static let powersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }   // exact: every 10^k for k ≤ 22 is representable
        return p
    }

    /// The value of `bytes[start..<end]`, or nil when the text is not a number.
    /// Accepts an optional sign, digits with one optional `.`, an optional exponent, and the
    /// case-insensitive token `nan`.
    @inlinable
    static func parse(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if bytes[i] == UInt8(ascii: "+") { i += 1 }
        guard i < end else { return nil }
        var mantissa: UInt64 = 0
        var significant = 0        // significant digits accumulated (leading zeros excluded)
        var dropped = 0            // significant digits beyond 19 (force the slow path)
        var exponent = 0
        var sawDigit = false
        var c = bytes[i]
        while c &- 48 < 10 {
            sawDigit = true
            if mantissa != 0 || c != 48 {
                if significant < 19 { mantissa = mantissa &* 10 &+ UInt64(c &- 48); significant += 1 } else { dropped += 1 }
            }
            i += 1
            if i == end { break }
            c = bytes[i]
        }
        if dropped > 0 { exponent += dropped }
        if i < end && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end {
                c = bytes[i]
                guard c &- 48 < 10 else { break }
                sawDigit = true
                if mantissa != 0 || c != 48 {
                    if significant < 19 { mantissa = mantissa &* 10 &+ UInt64(c &- 48); significant += 1; exponent -= 1 } else { dropped += 1 }
                } else {
                    exponent -= 1
                }
                i += 1
            }
        }
        guard sawDigit else { return parseNaN(bytes, i, end) }
        if i < end && (bytes[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < end && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) { expNegative = bytes[i] == UInt8(ascii: "-"); i += 1 }
            guard i < end else { return nil }
            var value = 0
            while i < end {
                c = bytes[i]
                guard c &- 48 < 10 else { return nil }
                if value < 100_000 { value = value * 10 + Int(c &- 48) }
                i += 1
            }
            exponent += expNegative ? -value : value
        }
        guard i == end else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if dropped == 0 && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let value = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
            return negative ? -value : value
        }
        return slowPath(bytes, start, end)
    }

    @usableFromInline
    static func slowPath(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        Double(String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self))
    }

    @usableFromInline
    static func parseNaN(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        guard end - start == 3, (bytes[start] | 0x20) == UInt8(ascii: "n"), (bytes[start + 1] | 0x20) == UInt8(ascii: "a"),
              (bytes[start + 2] | 0x20) == UInt8(ascii: "n") else { return nil }
        return .nan
    }
}
