import Foundation
import MarketData
import Testing
import TestSupport
@testable import Learning

/// Reads the oracle fixtures of Tests/Fixtures/ml (see the README there).
enum MLFixture {
    static func load(_ name: String) throws -> [String: Any] {
        try #require(Fixtures.json("ml/\(name).json") as? [String: Any])
    }

    /// Bars built from the fixture's open/high/low/close arrays, hourly from 2024-01-01.
    static func bars(_ root: [String: Any]) throws -> BarSeries {
        let close = try doubles(root["close"])
        let ts = (0..<close.count).map { Int64(1_704_067_200_000) + Int64($0) * 3_600_000 }
        return BarSeries(instrument: try #require(Instrument(symbol: "BTCUSDT")), timeframe: .h1, ts: ts,
                         open: try doubles(root["open"]), high: try doubles(root["high"]), low: try doubles(root["low"]),
                         close: close, volume: [Double](repeating: 1, count: close.count))
    }

    /// A numeric array; JSON null becomes NaN.
    static func doubles(_ value: Any?) throws -> [Double] {
        let items = try #require(value as? [Any])
        return items.map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }

    static func ints(_ value: Any?) throws -> [Int] {
        let items = try #require(value as? [Any])
        let ints = items.compactMap { ($0 as? NSNumber)?.intValue }
        try #require(ints.count == items.count, "every entry is an integer")
        return ints
    }

    /// A row-major matrix from an array of rows, with its shape.
    static func matrix(_ value: Any?) throws -> (values: [Double], rows: Int, columns: Int) {
        let rows = try #require(value as? [[Double]])
        let columns = try #require(rows.first).count
        return (rows.flatMap { $0 }, rows.count, columns)
    }

    /// A feature matrix whose columns are the given row-major block's columns, on dummy hourly
    /// timestamps.
    static func features(_ block: (values: [Double], rows: Int, columns: Int), names: [String]? = nil) throws -> FeatureMatrix {
        var m = FeatureMatrix(timestamps: (0..<block.rows).map { Int64($0) * 3_600_000 })
        for j in 0..<block.columns {
            let name = names?[j] ?? "x\(j)"
            try m.append(name: name, source: name, (0..<block.rows).map { block.values[$0 * block.columns + j] })
        }
        return m
    }
}

/// `|a − e| ≤ tol`, element by element, naming the first mismatch.
func expectAllClose(_ actual: [Double], _ expected: [Double], tol: Double, _ label: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(label): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let same = (a.isNaN && e.isNaN) || abs(a - e) <= tol
        if !same {
            Issue.record("\(label)[\(i)]: got \(a), expected \(e) (tolerance \(tol))", sourceLocation: sourceLocation)
            return
        }
    }
}
