import MarketData

/// CSV text built as UTF-8 bytes, for `ranked.csv`'s rows (a million lines of about thirty
/// numbers): numbers are written in place, without a `String` per field.
///
/// Semantics: `append(shortest:)` writes exactly `NumberText.shortest(value)` — the standard
/// library's shortest round-trip text, printed by `Double.write(to:)`, which hands its digits
/// to `_writeASCII` straight from its stack buffer; integers are written as `String(value)`
/// would; `append(quoted:)` quotes per RFC 4180 as `RankedCSV.quoted` does. A test checks each
/// against the `String` forms.
struct CSVBytes: TextOutputStream {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Text handed over by `Double.write(to:)` and other stream writers.
    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

    /// ASCII text handed over from the writer's own buffer (the standard library's number printing).
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    mutating func append(ascii byte: UInt8) { bytes.append(byte) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `NumberText.shortest(value)`.
    mutating func append(shortest value: Double) { value.write(to: &self) }

    /// The decimal digits of `value`, with `-` when negative.
    mutating func append(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(UInt64(value.magnitude))
        } else {
            append(UInt64(value))
        }
    }

    /// The decimal digits of `value`.
    mutating func append(_ value: UInt64) {
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // 32 bytes ≥ 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            var v = value
            repeat {
                count += 1
                buffer[32 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            } while v != 0
            bytes.append(contentsOf: buffer[(32 - count)...])
        }
    }

    /// `field`, quoted when it holds a comma, a quote or a line break (quotes doubled).
    mutating func append(quoted field: String) {
        let special = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        guard special else { return bytes.append(contentsOf: field.utf8) }
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}
