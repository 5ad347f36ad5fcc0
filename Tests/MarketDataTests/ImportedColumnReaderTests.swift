import Testing
import MarketData
import TestSupport

/// `timestamp,<columns>` files for imported series: values, missing cells, timestamp formats,
/// and errors that name the file and line.
@Suite struct ImportedColumnReaderTests {
    @Test func readsColumnsWithMissingValues() throws {
        let path = Fixtures.url("rules/columns.csv").path
        let series = try ImportedColumnReader.read(path: path, columns: [("p_up", "p"), ("funding", "funding")])
        #expect(series.map(\.name) == ["p", "funding"])
        let p = series[0]
        #expect(p.timestamps.count == 48 && p.timestamps[0] == 1_514_764_800_000 && p.timestamps[1] == 1_514_768_400_000)
        for i in 0..<48 {
            switch i % 10 {
            case 7, 8: #expect(p.values[i].isNaN, "row \(i)")
            default: #expect(p.values[i] == Double(String(format: "%.4f", Double(i % 7) / 7))!, "row \(i)")
            }
        }
        #expect(series[1].values[5] == 0.0002)
    }

    @Test func isoTimestampsAndExactJoin() throws {
        let path = Fixtures.url("rules/no_overlap.csv").path
        let s = try #require(try ImportedColumnReader.read(path: path, columns: [("p_up", "p_up")]).first)
        #expect(s.timestamps == [978_307_200_000, 978_393_600_000])
        let aligned = s.aligned(to: [978_307_200_000 - 1, 978_307_200_000, 978_350_000_000, 978_393_600_000])
        #expect(aligned[0].isNaN && aligned[1] == 0.5 && aligned[2].isNaN && aligned[3] == 0.6)
        #expect(throws: DataError.self) { try s.checkOverlap(with: [0, 3_600_000]) }
        try s.checkOverlap(with: [978_393_600_000])
    }

    @Test func errorsNameFileLineAndColumn() {
        let missing = Fixtures.url("rules/columns.csv").path
        #expect { try ImportedColumnReader.read(path: missing, columns: [("p_dn", "p_dn")]) } throws: { e in
            "\(e)".hasPrefix("\(missing):1:") && "\(e)".contains("a column named \"p_dn\"")
        }
        #expect { try ImportedColumnReader.read(path: "/nonexistent/preds.csv", columns: [("p", "p")]) } throws: { e in
            "\(e)" == "/nonexistent/preds.csv: no such file"
        }
        let unsorted = Fixtures.url("rules/unsorted.csv").path
        #expect { try ImportedColumnReader.read(path: unsorted, columns: [("p_up", "p_up")]) } throws: { e in
            "\(e)".hasPrefix("\(unsorted):4: timestamp:") && "\(e)".contains("sorted by time")
        }
    }

    /// Two reads of one file are equal though their missing values are NaN; a changed value is not.
    @Test func seriesWithMissingValuesEqualTheirOwnCopies() throws {
        let path = Fixtures.url("rules/columns.csv").path
        let a = try ImportedColumnReader.read(path: path, columns: [("p_up", "p_up")])
        let b = try ImportedColumnReader.read(path: path, columns: [("p_up", "p_up")])
        #expect(a[0].values.contains { $0.isNaN }, "the fixture has a missing value")
        #expect(a == b)
        var changed = b[0]
        changed.values[changed.values.firstIndex { !$0.isNaN }!] += 1
        #expect(a[0] != changed)
    }
}
