import Foundation
import MarketData

extension SpecDecoder {
    /// `data`: a CSV file or a store query, an optional time cut and the validation policy.
    func data(_ field: SpecField) -> DataSpec? {
        guard let object = field.object(SpecVocabulary.data) else { return nil }
        let timeframe = object["timeframe"].flatMap { $0.word(Timeframe.self) }
        let start = object["start"].flatMap(timestamp)
        let end = object["end"].flatMap(timestamp)
        if let start, let end, end <= start, let endField = object["end"] {
            endField.problem("must be after data.start")
        }
        let validation = object["validation"].flatMap { $0.word(ValidationPolicy.self) } ?? .fail

        let source: DataSpec.Source?
        switch (object["file"], object["symbols"]) {
        case (nil, nil):
            field.problem("expected \"file\" (a CSV file) or \"symbols\" (a query of the bar store)")
            source = nil
        case let (_?, symbols?):
            symbols.problem("not allowed together with data.file")
            source = nil
        case let (file?, nil):
            if let store = object["store"] { store.problem("only allowed with data.symbols") }
            source = existingFile(file, what: "no such file").map { .file(path: $0, timeframe: timeframe) }
        case let (nil, symbols?):
            if object["timeframe"] == nil { log.add(field.path.key("timeframe"), "missing required key (required with data.symbols)") }
            let store = object["store"].flatMap { existingFile($0, what: "no such bar store") }
            let list = self.symbols(symbols)
            source = list.flatMap { list in timeframe.map { .store(path: store, symbols: list, timeframe: $0) } }
        }
        let columns = object["columns"].flatMap(importedColumns)
        let subBars = object["sub_bars"].flatMap { existingFile($0, what: "no such file") }
        let calendar = object["calendar"].flatMap(self.calendar) ?? .alwaysOpen
        guard let source, object["columns"] == nil || columns != nil, object["sub_bars"] == nil || subBars != nil else { return nil }
        return DataSpec(source: source, start: start, end: end, validation: validation, columns: columns ?? [],
                        subBars: subBars, calendar: calendar)
    }

    /// `data.columns`: `{"file", "column", "as"?}` entries, each file read and checked now.
    private func importedColumns(_ field: SpecField) -> [ImportedSeries]? {
        guard let items = field.array() else { return nil }
        var result: [ImportedSeries] = []
        var ok = true
        for item in items {
            guard let object = item.object(SpecVocabulary.dataColumn),
                  let file = object["file"].flatMap({ existingFile($0, what: "no such column file") }),
                  let column = object["column"].flatMap(nonEmptyString) else { ok = false; continue }
            let name = object["as"].flatMap(nonEmptyString) ?? column
            let namePath = object["as"] ?? object["column"]!
            guard name.first.map({ $0.isLetter || $0 == "_" }) == true,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                namePath.problem("\"\(name)\" cannot be named in a rule; give \"as\" a name of letters, digits and \"_\"")
                ok = false
                continue
            }
            if result.contains(where: { $0.name == name }) {
                namePath.problem("a column named \"\(name)\" is imported twice; give one another \"as\" name")
                ok = false
                continue
            }
            do {
                result += try ImportedColumnReader.read(path: file, columns: [(column, name)])
            } catch {
                object["file"]!.problem(error.description)
                ok = false
            }
        }
        return ok ? result : nil
    }

    /// `calendar`: `"24/7"`, `"weekdays"` or `{"periods_per_year": N}`.
    private func calendar(_ field: SpecField) -> TradingCalendar? {
        switch field.value {
        case let .string(word):
            if let calendar = TradingCalendar(word: word) { return calendar }
            field.problem("unknown value \"\(word)\"; expected \"24/7\", \"weekdays\" or {\"periods_per_year\": N}")
            return nil
        case .object:
            guard let object = field.object(SpecVocabulary.calendar) else { return nil }
            return object["periods_per_year"].flatMap { $0.number("a number in (0, 1e9]") { $0 > 0 && $0 <= 1e9 } }
                .map { .explicit(periodsPerYear: $0) }
        default:
            return field.expected("\"24/7\", \"weekdays\" or {\"periods_per_year\": N}")
        }
    }

    /// A path, resolved against the spec's folder, that must name an existing file.
    func existingFile(_ field: SpecField, what: String) -> String? {
        guard let text = nonEmptyString(field) else { return nil }
        let path = resolved(text)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            field.problem("\(what) \"\(path)\"")
            return nil
        }
        return path
    }

    /// `text` as an absolute path: relative paths are resolved against the spec's folder.
    func resolved(_ text: String) -> String {
        let url = text.hasPrefix("/") ? URL(fileURLWithPath: text) : baseDirectory.appendingPathComponent(text)
        return url.standardizedFileURL.path
    }

    private func symbols(_ field: SpecField) -> [String]? {
        guard let items = field.array() else { return nil }
        guard !items.isEmpty else { return field.expected("a non-empty array of symbols") }
        var result: [String] = []
        for item in items {
            guard let symbol = nonEmptyString(item) else { continue }
            if result.contains(symbol) { item.problem("\"\(symbol)\" is listed twice") } else { result.append(symbol) }
        }
        return result.count == items.count ? result : nil
    }

    func nonEmptyString(_ field: SpecField) -> String? {
        guard case let .string(s) = field.value, !s.isEmpty else { return field.expected("a non-empty string") }
        return s
    }

    /// An ISO-8601 date (`2021-01-01`) or UTC date-time (`2021-01-01T00:00:00Z`) → epoch ms.
    private func timestamp(_ field: SpecField) -> Int64? {
        let what = "an ISO-8601 date or time such as \"2021-01-01\" or \"2021-01-01T12:00:00Z\""
        guard case let .string(text) = field.value else { return field.expected(what) }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = text.count == 10 ? [.withFullDate] : [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { return field.expected(what) }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
