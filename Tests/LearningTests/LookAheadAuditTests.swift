import MarketData
import Testing
@testable import Learning

@Suite struct LookAheadAuditTests {
    /// Two causal columns (a 3-bar momentum and a running mean) and one that reads the next
    /// close: only the leaky one is reported, at every cut, at the cut bar itself.
    static func features(_ bars: BarSeries) throws(LearningError) -> FeatureMatrix {
        let c = bars.close, n = bars.count
        var running = [Double](repeating: 0, count: n), sum = 0.0
        for i in 0..<n { sum += c[i]; running[i] = sum / Double(i + 1) }
        var momentum = [Double](repeating: .nan, count: n), next = [Double](repeating: .nan, count: n)
        for i in 3..<n { momentum[i] = c[i] / c[i - 3] - 1 }
        for i in 0..<(n - 1) { next[i] = c[i + 1] }
        return try FeatureMatrix(bars: bars, columns: [("mom3", momentum), ("next_close", next), ("mean", running)])
    }

    @Test func findsTheColumnThatReadsTheFuture() throws {
        let bars = try MLFixture.bars(try MLFixture.load("labels"))
        let findings = try LookAheadAudit.check(bars: bars, cuts: [50, 10, 200], compute: Self.features)
        #expect(findings.map { $0.feature } == ["next_close", "next_close", "next_close"])
        #expect(findings.map { $0.cut } == [10, 50, 200] && findings.map { $0.row } == [10, 50, 200])
        #expect(findings[0].truncated.isNaN && findings[0].full == bars.close[11])
        #expect(findings[0].description.contains("feature 'next_close' looks ahead: at bar 10"))
    }

    @Test func refusesCutsOutsideTheData() throws {
        let bars = try MLFixture.bars(try MLFixture.load("labels"))
        #expect(throws: LearningError.self) {
            try LookAheadAudit.check(bars: bars, cuts: [bars.count], compute: Self.features)
        }
    }
}
