import MarketData

/// Where and why a JSON message could not be read: the byte offset, the field path
/// (`data.k.o`, `[3][1]`) and what was expected there.
public struct JSONReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var path: String
    public var expected: String
    public var description: String {
        "\(path.isEmpty ? "top level" : path) (byte \(offset)): expected \(expected)"
    }
}

/// A pull reader over one JSON text: the caller walks objects and arrays and reads the fields
/// it wants, skipping the rest, without building a tree (exchange messages arrive at 100k/s).
///
/// Semantics: strict RFC 8259 syntax; nesting deeper than `maxDepth` is an error, never a
/// deep recursion. `number()` accepts a JSON number or a string holding one (Binance sends
/// prices as strings) and converts it correctly rounded; `int64()` accepts an integer literal
/// or a string holding one, and refuses fractions and values outside Int64. An error carries
/// the path of the field being read.
public struct JSONReader {
    public static let maxDepth = 64
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let end: Int
    @usableFromInline var i = 0

    /// Reads `bytes`; the buffer must outlive the reader.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // An empty buffer has no base address: point at a static byte and read nothing.
        base = bytes.baseAddress ?? JSONReader.emptyByte
        end = bytes.count
    }

    nonisolated(unsafe) private static let emptyByte: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    /// A key of the object being read, compared without allocating.
    public struct Key {
        let base: UnsafePointer<UInt8>
        let range: Range<Int>
        /// True when the key's bytes are exactly `name`'s UTF-8.
        @inline(__always) public func `is`(_ name: StaticString) -> Bool {
            guard name.utf8CodeUnitCount == range.count else { return false }
            let p = name.utf8Start
            for k in 0..<range.count where base[range.lowerBound + k] != p[k] { return false }
            return true
        }
        public var text: String { String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self) }
        /// True when the bytes begin with `prefix`'s UTF-8.
        @inline(__always) public func hasPrefix(_ prefix: StaticString) -> Bool {
            guard prefix.utf8CodeUnitCount <= range.count else { return false }
            let p = prefix.utf8Start
            for k in 0..<prefix.utf8CodeUnitCount where base[range.lowerBound + k] != p[k] { return false }
            return true
        }
        /// The bytes before and after the first `byte`, or nil when it does not occur.
        public func split(at byte: UInt8) -> (before: Key, after: Key)? {
            guard let at = range.first(where: { base[$0] == byte }) else { return nil }
            return (Key(base: base, range: range.lowerBound..<at), Key(base: base, range: (at + 1)..<range.upperBound))
        }
    }

    func fail(_ expected: String) -> JSONReadError {
        var found = "end of input"
        if i < end {
            let stop = min(end, i + 16)
            found = "'" + String(decoding: UnsafeBufferPointer(start: base + i, count: stop - i), as: UTF8.self) + (stop < end ? "…'" : "'")
        }
        return JSONReadError(offset: i, path: "", expected: "\(expected), found \(found)")
    }

    @inline(__always) mutating func skipSpace() {
        while i < end, base[i] == 0x20 || base[i] == 0x0A || base[i] == 0x0D || base[i] == 0x09 { i += 1 }
    }

    @inline(__always) mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < end, base[i] == byte else { return false }
        i += 1
        return true
    }

    /// The next value's first byte (after white space), without consuming it.
    public mutating func peek() -> UInt8? {
        skipSpace()
        return i < end ? base[i] : nil
    }

    /// Fails unless only white space is left.
    public mutating func finish() throws(JSONReadError) {
        skipSpace()
        guard i == end else { throw fail("the end of the message") }
    }

    /// Walks an object: `body` is called with each key and must read or skip its value.
    public mutating func object(_ body: (inout JSONReader, Key) throws(JSONReadError) -> Void) throws(JSONReadError) {
        guard consume(UInt8(ascii: "{")) else { throw fail("an object") }
        if consume(UInt8(ascii: "}")) { return }
        while true {
            skipSpace()
            guard i < end, base[i] == UInt8(ascii: "\"") else { throw fail("a key") }
            let range = try stringRange()
            guard consume(UInt8(ascii: ":")) else { throw fail("':'") }
            let key = Key(base: base, range: range)
            do { try body(&self, key) } catch { throw error.prefixed(key.text) }
            if consume(UInt8(ascii: ",")) { continue }
            guard consume(UInt8(ascii: "}")) else { throw fail("',' or '}'") }
            return
        }
    }

    /// Walks an array: `body` is called with each index and must read or skip the element.
    public mutating func array(_ body: (inout JSONReader, Int) throws(JSONReadError) -> Void) throws(JSONReadError) {
        guard consume(UInt8(ascii: "[")) else { throw fail("an array") }
        if consume(UInt8(ascii: "]")) { return }
        var index = 0
        while true {
            do { try body(&self, index) } catch { throw error.prefixed("[\(index)]") }
            index += 1
            if consume(UInt8(ascii: ",")) { continue }
            guard consume(UInt8(ascii: "]")) else { throw fail("',' or ']'") }
            return
        }
    }

    /// Reads a string. Escapes are decoded (`\uXXXX` with surrogate pairs included).
    public mutating func string() throws(JSONReadError) -> String {
        skipSpace()
        guard i < end, base[i] == UInt8(ascii: "\"") else { throw fail("a string") }
        let start = i + 1
        let range = try stringRange()
        if !UnsafeBufferPointer(start: base + range.lowerBound, count: range.count).contains(UInt8(ascii: "\\")) {
            return String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
        }
        return try unescape(from: start, to: range.upperBound)
    }

    /// Reads a string's raw bytes, escapes left as they are, without allocating: for names that
    /// are compared with `Key.is` (such as Binance's stream names, which hold no escapes).
    public mutating func rawString() throws(JSONReadError) -> Key {
        skipSpace()
        guard i < end, base[i] == UInt8(ascii: "\"") else { throw fail("a string") }
        return Key(base: base, range: try stringRange())
    }

    /// Reads a number, or a string holding one.
    public mutating func number() throws(JSONReadError) -> Double {
        let (start, range) = try scalar("a number")
        guard !range.isEmpty, let value = DecimalParser.parse(base, range.lowerBound, range.upperBound), value.isFinite else {
            i = start
            throw fail("a number")
        }
        return value
    }

    /// Reads an integer, or a string holding one, that fits in Int64.
    public mutating func int64() throws(JSONReadError) -> Int64 {
        let (start, range) = try scalar("an integer")
        var k = range.lowerBound
        let negative = k < range.upperBound && base[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        var value: Int64 = 0
        var digits = 0
        while k < range.upperBound {
            let d = base[k] &- 48
            guard d < 10 else { break }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.subtractingReportingOverflow(Int64(d))   // accumulate negatively: Int64.min fits
            guard !o1 && !o2 else { i = start; throw fail("an integer within Int64") }
            value = sum
            digits += 1
            k += 1
        }
        guard digits > 0, k == range.upperBound else { i = start; throw fail("an integer") }
        if negative { return value }
        guard value != .min else { i = start; throw fail("an integer within Int64") }
        return -value
    }

    /// Consumes a number or a string and returns where it began and the range of its text
    /// (without quotes).
    private mutating func scalar(_ expected: String) throws(JSONReadError) -> (Int, Range<Int>) {
        skipSpace()
        guard i < end else { throw fail(expected) }
        let start = i
        return (start, base[i] == UInt8(ascii: "\"") ? try stringRange() : numberRange())
    }

    /// Reads `true` or `false`.
    public mutating func bool() throws(JSONReadError) -> Bool {
        if literal("true") { return true }
        if literal("false") { return false }
        throw fail("true or false")
    }

    /// Consumes `null` if it comes next; returns whether it did.
    public mutating func null() -> Bool { literal("null") }

    /// Skips one value of any kind.
    public mutating func skip() throws(JSONReadError) { try skip(depth: 0) }

    private mutating func skip(depth: Int) throws(JSONReadError) {
        guard depth < Self.maxDepth else { throw fail("at most \(Self.maxDepth) levels of nesting") }
        guard let first = peek() else { throw fail("a value") }
        switch first {
        case UInt8(ascii: "{"): try object { (r: inout JSONReader, _) throws(JSONReadError) in try r.skip(depth: depth + 1) }
        case UInt8(ascii: "["): try array { (r: inout JSONReader, _) throws(JSONReadError) in try r.skip(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try stringRange()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): guard null() else { throw fail("null") }
        default:
            let range = numberRange()
            guard !range.isEmpty, DecimalParser.parse(base, range.lowerBound, range.upperBound) != nil else { throw fail("a value") }
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipSpace()
        let n = word.utf8CodeUnitCount
        guard i + n <= end else { return false }
        for k in 0..<n where base[i + k] != word.utf8Start[k] { return false }
        i += n
        return true
    }

    /// At an opening quote: consumes the string and returns the range of its raw contents.
    private mutating func stringRange() throws(JSONReadError) -> Range<Int> {
        i += 1
        let start = i
        while i < end {
            let b = base[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return start..<(i - 1)
            }
            if b == UInt8(ascii: "\\") { i += 2; continue }
            guard b >= 0x20 else { throw fail("no control character inside a string") }
            i += 1
        }
        i = end
        throw fail("a closing quote")
    }

    /// Consumes the bytes a JSON number may contain and returns their range.
    private mutating func numberRange() -> Range<Int> {
        let start = i
        while i < end {
            let b = base[i]
            guard (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                    || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") else { break }
            i += 1
        }
        return start..<i
    }

    private func unescape(from start: Int, to stop: Int) throws(JSONReadError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(stop - start)
        var k = start
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= stop else { return nil }
            var v: UInt32 = 0
            for j in 0..<4 {
                let c = base[at + j]
                let d: UInt8
                switch c {
                case 48...57: d = c - 48
                case 65...70: d = c - 55
                case 97...102: d = c - 87
                default: return nil
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        while k < stop {
            let b = base[k]
            guard b == UInt8(ascii: "\\") else { out.append(b); k += 1; continue }
            guard k + 1 < stop else { throw JSONReadError(offset: k, path: "", expected: "an escape after '\\'") }
            let c = base[k + 1]
            k += 2
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(c)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(k) else { throw JSONReadError(offset: k, path: "", expected: "four hex digits after \\u") }
                k += 4
                if scalar >= 0xD800 && scalar < 0xDC00, k + 6 <= stop, base[k] == UInt8(ascii: "\\"), base[k + 1] == UInt8(ascii: "u"),
                   let low = hex4(k + 2), low >= 0xDC00 && low < 0xE000 {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: throw JSONReadError(offset: k - 1, path: "", expected: "a valid escape")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension JSONReadError {
    /// The same error one level further out: `component` is a key or an `[index]`.
    func prefixed(_ component: String) -> JSONReadError {
        var copy = self
        let separator = path.isEmpty || path.hasPrefix("[") ? "" : "."
        copy.path = component + separator + path
        return copy
    }
}
