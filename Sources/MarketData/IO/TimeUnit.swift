/// How a CSV timestamp column is written. Every unit converts to epoch milliseconds UTC.
public enum TimeUnit: String, CaseIterable, Sendable, Codable {
    /// Integer Unix epoch seconds (10 digits today).
    case seconds = "s"
    /// Integer Unix epoch milliseconds (13 digits today); the datasets' format.
    case milliseconds = "ms"
    /// Integer Unix epoch microseconds (16 digits today); Binance's spot exports since 2025.
    case microseconds = "us"
    /// ISO-8601 text: `2023-03-01T00:00:00Z`, `2023-03-01 00:00:00+00:00`, `2023-03-01`.
    case iso8601 = "iso"

    /// Guesses the unit from one timestamp field, or returns nil when the text fits none or
    /// several units. Integers are classified by magnitude: [1e8, 1e11) seconds, [1e11, 1e14)
    /// milliseconds, [1e14, 1e17) microseconds — dates between 1973 and 5138 in each unit.
    public static func detect(_ field: some StringProtocol) -> TimeUnit? {
        let text = field.utf8
        guard let first = text.first else { return nil }
        if text.contains(UInt8(ascii: "-")) && first != UInt8(ascii: "-") { return .iso8601 }
        guard let value = Int64(field) , value > 0 else { return nil }
        switch value {
        case 100_000_000..<100_000_000_000: return .seconds
        case 100_000_000_000..<100_000_000_000_000: return .milliseconds
        case 100_000_000_000_000..<100_000_000_000_000_000: return .microseconds
        default: return nil
        }
    }
}

/// Byte-level timestamp parsing for the CSV reader.
@usableFromInline
package enum TimestampParser {
    /// Parses an optionally signed decimal integer; nil on anything else or on overflow.
    @inlinable
    static func integer(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard i < end, end - i <= 18 else { return nil }
        var value: Int64 = 0
        while i < end {
            let d = bytes[i] &- 48
            guard d < 10 else { return nil }
            value = value &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -value : value
    }

    /// Epoch milliseconds of the timestamp in `bytes[start..<end]` written in `unit`.
    @inlinable
    static func milliseconds(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, unit: TimeUnit) -> Int64? {
        if unit == .iso8601 { return iso8601(bytes, start, end) }
        return integer(bytes, start, end).flatMap { milliseconds(integer: $0, unit: unit) }
    }

    /// Epoch milliseconds of the integer timestamp `value` written in `unit` (nil on overflow
    /// and for ISO-8601, which is not an integer unit).
    @inlinable @inline(__always)
    static func milliseconds(integer value: Int64, unit: TimeUnit) -> Int64? {
        switch unit {
        case .milliseconds: return value
        case .seconds: return abs(value) < Int64.max / 1000 ? value * 1000 : nil
        case .microseconds: return value >= 0 ? value / 1000 : -((-value + 999) / 1000)
        case .iso8601: return nil
        }
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS[.fraction]]` and a
    /// zone `Z`, `±HH:MM` or `±HHMM` (no zone means UTC). Returns epoch milliseconds.
    @usableFromInline
    package static func iso8601(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        func number(_ digits: Int) -> Int? {
            guard i + digits <= end else { return nil }
            var v = 0
            for k in 0..<digits {
                let d = bytes[i + k] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            i += digits
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < end, bytes[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
              let day = number(2), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var ms = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400_000
        if i == end { return ms }
        guard bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = number(2), hour < 24, expect(UInt8(ascii: ":")), let minute = number(2), minute < 60 else { return nil }
        var second = 0, millis = 0
        if expect(UInt8(ascii: ":")) {
            guard let s = number(2), s < 60 else { return nil }
            second = s
            if expect(UInt8(ascii: ".")) {
                var scale = 100, digits = 0
                while i < end, bytes[i] &- 48 < 10 {
                    millis += Int(bytes[i] &- 48) * scale
                    scale /= 10
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
            }
        }
        ms += Int64(hour * 3_600_000 + minute * 60_000 + second * 1000 + millis)
        if i == end { return ms }
        if expect(UInt8(ascii: "Z")) { return i == end ? ms : nil }
        let sign: Int64
        if expect(UInt8(ascii: "+")) { sign = 1 } else if expect(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let zh = number(2), zh < 24 else { return nil }
        _ = expect(UInt8(ascii: ":"))
        guard let zm = number(2), zm < 60, i == end else { return nil }
        return ms - sign * Int64(zh * 3_600_000 + zm * 60_000)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date. Counts days in 400-year eras that
    /// start on March 1st, so the leap day falls at the end of each shifted year.
    @usableFromInline
    package static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400                                     // 0...399
        let shiftedMonth = month > 2 ? month - 3 : month + 9              // March = 0
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1            // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468                         // 719468: 0000-03-01 → 1970-01-01
    }

    @usableFromInline
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2023-03-01T00:00:00Z`-style UTC text for epoch milliseconds (whole seconds shown).
    public static func format(_ ms: Int64) -> String {
        let days = Int(ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000)
        let rest = Int(ms - Int64(days) * 86_400_000) / 1000
        let (y, m, d) = civil(fromDays: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// Inverse of `daysFromCivil`.
    package static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Formats epoch milliseconds as ISO-8601 UTC text, e.g. `2018-01-01T00:00:00Z`.
public func formatTimestamp(_ ms: Int64) -> String { TimestampParser.format(ms) }
