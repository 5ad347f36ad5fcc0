import Optimization

/// Reads a trial's `params` column in the one form `ResultsStore.json(point)` writes it —
/// `{"fast": 4, "stop_loss": 0.004, "side": "long"}`: the run's names in declared order,
/// `", "` and `": "` separators, integers without a point or exponent, strings without escapes —
/// in one pass over the bytes, without building a JSON tree (a merge reads a million of them).
///
/// Semantics: the values are exactly those the general JSON parser gives (an integral number
/// is an `.int`, any other number a `.double`). Anything else — other spacing or order, an
/// escape, a number too long for the fast path — returns nil, and the caller parses the text
/// as general JSON instead, so the fast path decides speed, never the result.
enum StoredPointText {
    static func decode(_ text: UnsafeBufferPointer<UInt8>, names: [String]) -> TrialPoint? {
        var reader = Reader(bytes: text)
        guard reader.take("{") else { return nil }
        var values: [ParameterValue] = []
        values.reserveCapacity(names.count)
        for (k, name) in names.enumerated() {
            if k > 0 { guard reader.take(","), reader.take(" ") else { return nil } }
            guard reader.take("\""), reader.take(name.utf8), reader.take("\""), reader.take(":"), reader.take(" "),
                  let value = reader.value() else { return nil }
            values.append(value)
        }
        guard reader.take("}"), reader.atEnd else { return nil }
        return TrialPoint(names: names, values: values)
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        var atEnd: Bool { i == bytes.count }

        mutating func take(_ ascii: Unicode.Scalar) -> Bool {
            guard i < bytes.count, bytes[i] == UInt8(ascii: ascii) else { return false }
            i += 1
            return true
        }

        mutating func take(_ utf8: String.UTF8View) -> Bool {
            for byte in utf8 {
                guard i < bytes.count, bytes[i] == byte else { return false }
                i += 1
            }
            return true
        }

        /// The number of ASCII digits skipped.
        mutating func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }

        /// An ASCII string without escapes or control characters, or a JSON number of at most 32 bytes.
        mutating func value() -> ParameterValue? {
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                let start = i + 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    guard bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20, bytes[end] < 0x80 else { return nil }
                    end += 1
                }
                guard end < bytes.count else { return nil }
                i = end + 1
                return .string(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            let start = i
            var integral = true
            _ = take("-")
            let intStart = i
            guard digits() > 0, bytes[intStart] != UInt8(ascii: "0") || i - intStart == 1 else { return nil }
            if take(".") {
                integral = false
                guard digits() > 0 else { return nil }
            }
            if take("e") || take("E") {
                integral = false
                if !take("+") { _ = take("-") }
                guard digits() > 0 else { return nil }
            }
            guard i > start, i - start <= 32 else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            if integral {
                guard let v = Int64(text), let int = Int(exactly: v) else { return nil }
                return .int(int)
            }
            guard let v = Double(text), v.isFinite else { return nil }
            return .double(v)
        }
    }
}
