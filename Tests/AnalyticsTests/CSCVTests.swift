import Foundation
import Testing
@testable import Analytics

/// Golden values: Tests/Fixtures/stats/pbo.json (reference CSCV code following the paper and
/// pypbo's conventions, cross-checked by a second independent implementation).
@Suite struct CSCVTests {
    @Test func matchesEveryPBOFixtureCase() throws {
        let cases = try StatsFixture.cases("pbo")
        var checked = 0
        for c in cases {
            let id = c.string("id")
            let inputs = c.dict("inputs")
            let matrix = try #require(inputs["returns_by_strategy"] as? [[Double]], "\(id) matrix")
            let bySValues = inputs["S_values"] as? [Int] ?? []
            #expect(!bySValues.isEmpty)
            for s in bySValues {
                let e = c.dict("expected").dict("by_S").dict(String(s))
                let label = "\(id) S=\(s)"
                let r = try CSCVResult(returnsByStrategy: matrix, blocks: s)
                #expect(r.rowsUsed == e.int("rows_used"), "\(label) rows_used")
                #expect(r.rowsDroppedAtStart == e.int("rows_dropped_at_start"), "\(label) dropped")
                #expect(r.blockLength == e.int("block_length"), "\(label) block_length")
                #expect(r.logits.count == e.int("n_combinations"), "\(label) combinations")
                #expect(r.overfitCount == e.int("n_overfit"), "\(label) n_overfit")
                expectClose(r.pbo, e["pbo"], "\(label) pbo")  // exact count; the share may differ by an ulp
                expectClose(r.probabilityOfLoss, e["prob_oos_loss"], "\(label) prob_oos_loss")
                let d = e.dict("degradation")
                expectClose(r.degradation.slope, d["slope"], "\(label) slope")
                expectClose(r.degradation.intercept, d["intercept"], "\(label) intercept")
                expectClose(r.degradation.rSquared, d["r_squared"], "\(label) r_squared")
                expectClose(r.logitMean, e["lambda_mean"], "\(label) lambda_mean")
                expectClose(r.logitStd, e["lambda_std"], "\(label) lambda_std")
                let per = e.dict("per_combination")
                let nStar = (per["n_star"] as? [Int]) ?? []
                #expect(r.selected == nStar, "\(label) n_star")
                #expect(r.outOfSampleRank == per.doubles("oos_rank"), "\(label) oos_rank")
                for (key, values) in [("is_sr", r.inSampleSharpe), ("oos_sr", r.outOfSampleSharpe), ("lambda", r.logits)] {
                    guard per[key] != nil else { continue }
                    let expected = per.doubles(key)
                    #expect(expected.count == values.count, "\(label) \(key) count")
                    var bad = 0
                    for (a, x) in zip(values, expected) where !StatsFixture.close(a, x) { bad += 1 }
                    #expect(bad == 0, "\(label) \(key): \(bad) mismatches")
                }
                checked += 1
            }
        }
        #expect(checked >= 5)
    }

    @Test func refusesOddBlockCountsAndShortSeries() {
        #expect(throws: AnalyticsError.self) { try CSCVResult(returnsByStrategy: [[0.1, 0.2], [0.1, 0.3]], blocks: 3) }
        #expect(throws: AnalyticsError.self) { try CSCVResult(returnsByStrategy: [[0.1, 0.2], [0.1, 0.3]], blocks: 8) }
    }
}
