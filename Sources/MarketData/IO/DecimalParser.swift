/// Parses decimal text (`-12.5`, `0.00009`, `1e-05`, `nan`) from raw bytes into the same `Double`
/// that `Double(String)` returns, i.e. correctly rounded.
///
/// Semantics: up to 19 digits are accumulated into an integer mantissa `m` with a decimal
/// exponent `e`. When `m ≤ 2^53` and `|e| ≤ 22` both `m` and `10^|e|` are exact doubles,
/// so one IEEE multiplication or division rounds correctly (Clinger's fast path). Every other
/// well-formed input — long mantissas, large exponents — falls back to the standard library's
/// correctly rounded conversion. Market prices almost always take the fast path.
@usableFromInline
enum DecimalParser {
    /// 10^k for 0 ≤ k ≤ 22, all exact doubles (a switch compiles to a constant table).
    @inline(__always) @usableFromInline
    static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// The value of `bytes[start..<end]`, or nil when the whole range is not a number.
    /// Accepts an optional sign, digits with one optional `.`, an optional exponent, and the
    /// case-insensitive token `nan`.
    @inlinable
    static func parse(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
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
