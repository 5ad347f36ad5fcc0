/// Options for reading a CSV file of bars. Everything left nil is detected from the file.
public struct CSVReadOptions: Sendable {
    /// The bar interval; inferred from the most common step between rows when nil.
    public var timeframe: Timeframe?
    /// The instrument; guessed from the file name (`btcusdt_1h.csv` → BTC/USDT) when nil.
    public var instrument: Instrument?
    /// How timestamps are written; detected from the first row when nil.
    public var timeUnit: TimeUnit?

    public init(timeframe: Timeframe? = nil, instrument: Instrument? = nil, timeUnit: TimeUnit? = nil) {
        self.timeframe = timeframe
        self.instrument = instrument
        self.timeUnit = timeUnit
    }
}

/// Bars read from a CSV file, with what the reader detected and the mapping from row index
/// back to the file's line number (for error messages naming `file:line`).
public struct CSVBars: Sendable {
    public var bars: BarSeries
    public let path: String
    public let layout: CSVLayout
    public let timeUnit: TimeUnit
    /// Line number (1-based) of the first bar.
    let firstDataLine: Int
    /// Blank lines met after the first bar, ascending.
    let skippedLines: [Int]

    /// The 1-based line of the file that holds bar `index`.
    public func line(ofRow index: Int) -> Int {
        var line = firstDataLine + index
        for skipped in skippedLines {
            if skipped <= line { line += 1 } else { break }
        }
        return line
    }
}

/// Reads bars from CSV files: the datasets' format (`timestamp,open,high,low,close,volume`,
/// epoch ms), epoch seconds or microseconds, ISO-8601 timestamps, any header naming those
/// columns, and the 12-column Binance kline export without a header.
///
/// Semantics: the reader only parses. It checks the shape of every row (field count, numbers,
/// timestamps) and throws `DataError.malformed` naming `file:line: column` at the first bad
/// one; it never reorders, drops or fills bars — that is `BarValidator`'s job, under an
/// explicit policy. Numbers are parsed from the byte buffer by `FastRow` (rows of the common
/// shape) or `DecimalParser` (everything else), both giving exactly the `Double` that
/// `Double(String)` would.
public enum CSVBarReader {
    /// Reads the file at `path` into bars (see `CSVBarReader` for the formats).
    public static func read(path: String, timeframe: Timeframe? = nil, instrument: Instrument? = nil,
                            timeUnit: TimeUnit? = nil) throws(DataError) -> BarSeries {
        try load(path: path, options: CSVReadOptions(timeframe: timeframe, instrument: instrument, timeUnit: timeUnit)).bars
    }

    /// Reads the file at `path`, keeping what was detected and the row → line mapping.
    public static func load(path: String, options: CSVReadOptions = CSVReadOptions()) throws(DataError) -> CSVBars {
        let file = try FileBytes(path: path)
        defer { withExtendedLifetime(file) {} }     // keep the bytes alive until parsing is done
        return try parse(file, path: path, options: options)
    }

    /// Parses a file's bytes through its window (bounded memory for a mapped file).
    package static func parse(_ file: FileBytes, path: String, options: CSVReadOptions) throws(DataError) -> CSVBars {
        var window = file.window
        return try parse(file.bytes, path: path, options: options, window: &window)
    }

    /// Parses CSV bytes; `path` is used for messages and to guess the instrument.
    public static func parse(_ data: some Collection<UInt8>, path: String, timeframe: Timeframe?,
                             instrument: Instrument) throws(DataError) -> BarSeries {
        let bytes = Array(data)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> BarSeries in
            try parse(buffer, path: path, options: CSVReadOptions(timeframe: timeframe, instrument: instrument)).bars
        }
    }

    /// Parses CSV bytes held in `buffer`.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, path: String, options: CSVReadOptions) throws(DataError) -> CSVBars {
        var window = FileBytes.Window.none
        return try parse(buffer, path: path, options: options, window: &window)
    }

    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, path: String, options: CSVReadOptions,
                      window: inout FileBytes.Window) throws(DataError) -> CSVBars {
        guard let base = buffer.baseAddress, buffer.count > 0 else { throw .empty(path: path) }
        let end = buffer.count

        // First non-empty line: header or first bar.
        var position = 0, line = 0
        var firstLine: Range<Int>?
        while position < end {
            line += 1
            let lineEnd = nextNewline(base, position, end)
            let content = trimCR(base, position, lineEnd)
            defer { position = lineEnd + 1 }
            if content > position && !isBlank(base, position, content) && !isBanner(base, position, content) {
                firstLine = position..<content
                break
            }
        }
        guard let headerRange = firstLine else { throw .empty(path: path) }
        let headerFields = fields(base, headerRange)
        let layout = try CSVLayout.detect(firstLine: headerFields, path: path, line: line)
        if !layout.hasHeader { position = headerRange.lowerBound; line -= 1 }

        // Skip blank lines up to the first bar.
        var firstData: (start: Int, line: Int)?
        var scan = position, scanLine = line
        while scan < end {
            scanLine += 1
            let lineEnd = nextNewline(base, scan, end)
            if !isBlank(base, scan, trimCR(base, scan, lineEnd)) { firstData = (scan, scanLine); break }
            scan = lineEnd + 1
        }
        guard let first = firstData else { throw .headerOnly(path: path) }

        let unit: TimeUnit
        if let given = options.timeUnit {
            unit = given
        } else {
            let rowFields = fields(base, first.start..<trimCR(base, first.start, nextNewline(base, first.start, end)))
            // A short row would otherwise be blamed on its timestamp's unit.
            if rowFields.count < layout.roles.count {
                throw .fieldCount(path: path, line: first.line, expected: layout.roles.count, found: rowFields.count)
            }
            let tsText = layout.timestampField < rowFields.count ? rowFields[layout.timestampField].trimmingQuotes() : ""
            guard let detected = TimeUnit.detect(tsText) else {
                throw .ambiguousTimeUnit(path: path, line: first.line, found: tsText)
            }
            unit = detected
        }

        // Column capacity: estimated from the first 64 KiB (+15%), so large files are not scanned
        // twice; if the estimate proves short, count the lines exactly and parse again.
        let sampleEnd = min(end, first.start + 65_536)
        let sampleLines = countNewlines(base, first.start, sampleEnd) + 1
        let estimate = sampleEnd == end ? sampleLines
            : Int(Double(end - first.start) / Double(sampleEnd - first.start) * Double(sampleLines) * 1.15) + 64
        var table = try parseRows(base, start: first.start, end: end, firstLine: first.line, capacity: estimate,
                                  layout: layout, unit: unit, path: path, window: &window)
        if table == nil {
            var recount = window.restarted()
            let lines = countNewlines(base, first.start, end, window: &recount) + 1
            var again = window.restarted()
            table = try parseRows(base, start: first.start, end: end, firstLine: first.line,
                                  capacity: lines, layout: layout, unit: unit, path: path, window: &again)
        }
        guard let table else { throw .unreadable(path: path, reason: "the line count changed while reading") }

        let name = path.split(separator: "/").last.map(String.init) ?? path
        let guessed = Instrument(symbol: String(name.split(separator: "_").first ?? ""))
            ?? Instrument(symbol: String(name.split(separator: ".").first ?? "")) ?? Instrument(base: "UNKNOWN", quote: "USDT")
        let frame: Timeframe
        if let given = options.timeframe {
            frame = given
        } else {
            guard let inferred = inferTimeframe(table.ts) else {
                throw .cannotInferTimeframe(path: path, stepMilliseconds: mostCommonStep(table.ts))
            }
            frame = inferred
        }
        let bars = BarSeries(instrument: options.instrument ?? guessed, timeframe: frame, ts: table.ts, open: table.open,
                             high: table.high, low: table.low, close: table.close, volume: table.volume)
        return CSVBars(bars: bars, path: path, layout: layout, timeUnit: unit, firstDataLine: first.line, skippedLines: table.skipped)
    }

    /// The timeframe of the most common step between consecutive distinct timestamps (ties: the
    /// smaller step); a step of 28 to 31 days from a first bar on the 1st at 00:00 UTC is the month.
    public static func inferTimeframe(_ ts: [Int64]) -> Timeframe? {
        guard let step = mostCommonStep(ts) else { return nil }
        if let fixed = Timeframe.matching(milliseconds: step) { return fixed }
        let day: Int64 = 86_400_000
        guard (28 * day...31 * day).contains(step), Timeframe.month1.barOpen(containing: ts[0]) == ts[0] else { return nil }
        return .month1
    }

    static func mostCommonStep(_ ts: [Int64]) -> Int64? {
        guard ts.count > 1 else { return nil }
        var steps: [Int64] = []
        steps.reserveCapacity(min(ts.count, 2_001))
        // Absolute steps, so a file with rows out of order still gets its timeframe (and then a
        // validation error naming the offending line rather than a vague inference failure).
        for i in 1..<min(ts.count, 2_001) where ts[i] != ts[i - 1] { steps.append(abs(ts[i] - ts[i - 1])) }
        guard !steps.isEmpty else { return nil }
        steps.sort()
        var best = steps[0], bestCount = 0, runStart = 0
        for i in 1...steps.count where i == steps.count || steps[i] != steps[runStart] {
            if i - runStart > bestCount { best = steps[runStart]; bestCount = i - runStart }
            runStart = i
        }
        return best
    }

    // MARK: - Hot loop

    struct Columns {
        var ts: [Int64], open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double]
        var skipped: [Int]
    }

    /// Parses every row from `start` straight into the six output columns (no copy); nil when
    /// the file holds more than `capacity` rows.
    static func parseRows(_ base: UnsafePointer<UInt8>, start: Int, end: Int, firstLine: Int, capacity: Int,
                          layout: CSVLayout, unit: TimeUnit, path: String, window: inout FileBytes.Window) throws(DataError) -> Columns? {
        var rows = 0
        var skipped: [Int] = []
        var failure: DataError?
        var full = false
        var open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = [], volume: [Double] = []
        // Each column is created with its final capacity; the innermost closure fills all six.
        let ts = [Int64](unsafeUninitializedCapacity: capacity) { tsBuffer, tsCount in
            open = [Double](unsafeUninitializedCapacity: capacity) { o, oCount in
                high = [Double](unsafeUninitializedCapacity: capacity) { h, hCount in
                    low = [Double](unsafeUninitializedCapacity: capacity) { l, lCount in
                        close = [Double](unsafeUninitializedCapacity: capacity) { c, cCount in
                            volume = [Double](unsafeUninitializedCapacity: capacity) { v, vCount in
                                let columns = [o.baseAddress!, h.baseAddress!, l.baseAddress!, c.baseAddress!, v.baseAddress!]
                                do throws(DataError) {
                                    (rows, skipped) = try scanRows(base, start: start, end: end, firstLine: firstLine, capacity: capacity,
                                                                   layout: layout, unit: unit, path: path, ts: tsBuffer.baseAddress!,
                                                                   columns: columns, window: &window)
                                } catch {
                                    failure = error
                                    rows = 0
                                }
                                if rows < 0 { rows = 0; full = true }
                                vCount = rows
                            }
                            cCount = rows
                        }
                        lCount = rows
                    }
                    hCount = rows
                }
                oCount = rows
            }
            tsCount = rows
        }
        if let failure { throw failure }
        if full { return nil }
        return Columns(ts: ts, open: open, high: high, low: low, close: close, volume: volume, skipped: skipped)
    }

    /// The hot loop: one pass over the bytes, numbers parsed in place. Rows of the common shape
    /// take `FastRow`; every other line (blank, quoted, signed, long numbers, the last few rows,
    /// malformed ones) the general code below, which owns the error messages. Returns the row
    /// count (−1 when there are more than `capacity` rows) and the blank lines met.
    static func scanRows(_ base: UnsafePointer<UInt8>, start: Int, end: Int, firstLine: Int, capacity: Int, layout: CSVLayout, unit: TimeUnit,
                         path: String, ts tsBuffer: UnsafeMutablePointer<Int64>,
                         columns: [UnsafeMutablePointer<Double>], window: inout FileBytes.Window) throws(DataError) -> (Int, [Int]) {
        let fieldCount = layout.roles.count
        let roles = UnsafeMutablePointer<CSVLayout.Role>.allocate(capacity: fieldCount)
        roles.initialize(from: layout.roles, count: fieldCount)
        let (o, h, l, c, v) = (columns[0], columns[1], columns[2], columns[3], columns[4])
        defer { roles.deallocate() }
        var skipped: [Int] = []
        var rows = 0
        var line = firstLine - 1
        var p = start
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let fast = layout.roles == [.timestamp, .open, .high, .low, .close, .volume] && unit != .iso8601
        while p < end {
            line += 1
            if p >= window.next { window.advance(to: p) }
            if fast && p + FastRow.reach <= end && rows < capacity,
               let length = FastRow.parse(base + p, unit: unit, row: rows, ts: tsBuffer, open: o, high: h, low: l, close: c, volume: v) {
                rows += 1
                p += length
                continue
            }
            if base[p] == newline || (base[p] == cr && p + 1 < end && base[p + 1] == newline) {
                skipped.append(line)
                p += base[p] == cr ? 2 : 1
                continue
            }
            if rows == capacity { return (-1, []) }
            var field = 0
            var rowHasTimestamp = false
            while true {
                guard field < fieldCount else {
                    throw .malformed(path: path, line: line, column: "row", expected: "\(fieldCount) fields",
                                     found: text(base, lineStart(base, p - 1), lineEnd(base, p, end)))
                }
                let role = roles[field]
                let fieldStart = p
                if role.rawValue < 5 {
                    var (value, stop) = DecimalParser.scan(base, p, end)
                    if stop == p || (stop < end && base[stop] != comma && base[stop] != newline && base[stop] != cr) {
                        (value, stop) = try slowNumber(base, p, end, path: path, line: line, column: layout.columnNames[field])
                    }
                    switch role {
                    case .open: o[rows] = value
                    case .high: h[rows] = value
                    case .low: l[rows] = value
                    case .close: c[rows] = value
                    default: v[rows] = value
                    }
                    p = stop
                } else {
                    while p < end && base[p] != comma && base[p] != newline { p += 1 }
                    if role == .timestamp {
                        var (s, e) = (fieldStart, p)
                        if e > s && base[e - 1] == cr { e -= 1 }
                        if e - s >= 2 && base[s] == 0x22 && base[e - 1] == 0x22 { s += 1; e -= 1 }
                        guard let t = TimestampParser.milliseconds(base, s, e, unit: unit) else {
                            throw .malformed(path: path, line: line, column: layout.columnNames[field],
                                             expected: unitDescription(unit), found: text(base, s, e))
                        }
                        tsBuffer[rows] = t
                        rowHasTimestamp = true
                    }
                }
                field += 1
                if p < end && base[p] == comma { p += 1; continue }
                if p < end && base[p] == cr { p += 1 }
                break
            }
            if field != fieldCount || !rowHasTimestamp {
                let truncated = p >= end && base[end - 1] != newline
                if field < fieldCount && !truncated {
                    throw .fieldCount(path: path, line: line, expected: fieldCount, found: field)
                }
                throw .malformed(path: path, line: line, column: "row",
                                 expected: "\(fieldCount) comma-separated fields" + (truncated ? " (the last line looks truncated)" : ""),
                                 found: text(base, lineStart(base, p - 1), lineEnd(base, p - 1, end)))
            }
            if p < end && base[p] != newline {
                throw .malformed(path: path, line: line, column: "row", expected: "a line break after the last field",
                                 found: text(base, lineStart(base, p - 1), lineEnd(base, p, end)))
            }
            rows += 1
            p += 1   // past the newline
        }
        if rows == 0 { throw .headerOnly(path: path) }
        return (rows, skipped)
    }

    /// A number field the fast scan did not take whole: quoted, followed by junk, or not a number.
    /// Returns the value and the index of the delimiter after the field, or throws naming the field.
    static func slowNumber(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, path: String, line: Int,
                           column: String) throws(DataError) -> (Double, Int) {
        var stop = start
        while stop < end && base[stop] != UInt8(ascii: ",") && base[stop] != UInt8(ascii: "\n") { stop += 1 }
        var (s, e) = (start, stop)
        if e > s && base[e - 1] == UInt8(ascii: "\r") { e -= 1 }
        if e - s >= 2 && base[s] == 0x22 && base[e - 1] == 0x22 { s += 1; e -= 1 }
        guard let value = DecimalParser.parse(base, s, e) else {
            throw .malformed(path: path, line: line, column: column, expected: s == e ? "a number, not an empty field" : "a number",
                             found: text(base, s, e))
        }
        return (value, stop)
    }

    static func unitDescription(_ unit: TimeUnit) -> String {
        switch unit {
        case .seconds: return "an integer epoch-second timestamp"
        case .milliseconds: return "an integer epoch-millisecond timestamp"
        case .microseconds: return "an integer epoch-microsecond timestamp"
        case .iso8601: return "an ISO-8601 timestamp such as 2023-03-01T00:00:00Z"
        }
    }

    // MARK: - Small byte helpers (outside the hot loop)

    /// Number of `\n` bytes in `base[start..<end]`, eight bytes at a time: a byte of
    /// `x = word ^ 0x0A…0A` is zero exactly where the word holds a newline, and
    /// `~(((x & 0x7F…7F) + 0x7F…7F) | x | 0x7F…7F)` has its high bit set exactly at zero bytes.
    /// `countNewlines` in window-sized pieces, moving `window` along.
    static func countNewlines(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, window: inout FileBytes.Window) -> Int {
        var count = 0, i = start
        while i < end {
            window.advance(to: i)
            let stop = min(end, i + FileBytes.Window.size)
            count += countNewlines(base, i, stop)
            i = stop
        }
        return count
    }

    static func countNewlines(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let pattern: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var count = 0
        var i = start
        let raw = UnsafeRawPointer(base)
        while i + 8 <= end {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
            count &+= (~(((x & low7) &+ low7) | x | low7)).nonzeroBitCount
            i += 8
        }
        while i < end {
            if base[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }

    static func nextNewline(_ base: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        var i = from
        while i < end && base[i] != 0x0A { i += 1 }
        return i
    }

    static func trimCR(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        end > start && base[end - 1] == 0x0D ? end - 1 : end
    }

    static func isBlank(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            if base[i] != 0x20 && base[i] != 0x09 { return false }
            i += 1
        }
        return true
    }

    /// A line before the header that is not data: a `#` comment or a URL banner (CryptoDataDownload
    /// files start with `https://www.CryptoDataDownload.com`).
    static func isBanner(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        if base[start] == UInt8(ascii: "#") { return true }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: min(end - start, 8)), as: UTF8.self).lowercased()
        return text.hasPrefix("http://") || text.hasPrefix("https://")
    }

    static func lineStart(_ base: UnsafePointer<UInt8>, _ at: Int) -> Int {
        var i = at
        while i > 0 && base[i - 1] != 0x0A { i -= 1 }
        return i
    }

    static func lineEnd(_ base: UnsafePointer<UInt8>, _ at: Int, _ end: Int) -> Int {
        trimCR(base, at, nextNewline(base, at, end))
    }

    static func fields(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> [String] {
        text(base, range.lowerBound, range.upperBound).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    static func text(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let shown = min(end - start, 200)
        return String(decoding: UnsafeBufferPointer(start: base + start, count: max(0, shown)), as: UTF8.self)
    }
}
