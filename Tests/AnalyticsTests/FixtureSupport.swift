import Foundation
import Testing
import TestSupport

/// Reads the stats fixtures (Tests/Fixtures/stats) and applies their tolerance rule.
enum StatsFixture {
    /// The `cases` array of `stats/<name>.json`.
    static func cases(_ name: String) throws -> [[String: Any]] {
        let root = try #require(Fixtures.json("stats/\(name).json") as? [String: Any])
        return try #require(root["cases"] as? [[String: Any]])
    }

    /// The fixture tolerance: |actual − expected| ≤ max(rel·|expected|, abs); null = undefined.
    static func close(_ actual: Double?, _ expected: Any?, rel: Double = 1e-9, abs absTol: Double = 1e-12) -> Bool {
        guard let e = expected as? Double else { return actual == nil || actual!.isNaN }
        guard let a = actual else { return false }
        return Swift.abs(a - e) <= Swift.max(rel * Swift.abs(e), absTol)
    }
}

extension Dictionary where Key == String, Value == Any {
    func dict(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
    func double(_ key: String) -> Double? { self[key] as? Double }
    func doubles(_ key: String) -> [Double] { (self[key] as? [Any] ?? []).map { ($0 as? Double) ?? .nan } }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    func string(_ key: String) -> String { self[key] as? String ?? "" }
}

/// Expects `actual` to match `expected` within the fixture tolerance, naming the case and field.
func expectClose(_ actual: Double?, _ expected: Any?, _ label: String, rel: Double = 1e-9,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(StatsFixture.close(actual, expected, rel: rel), "\(label): got \(String(describing: actual)), expected \(String(describing: expected))", sourceLocation: sourceLocation)
}
