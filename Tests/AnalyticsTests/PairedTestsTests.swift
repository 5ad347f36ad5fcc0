import Foundation
import Testing
@testable import Analytics

/// Golden values: Tests/Fixtures/stats/multiple_testing.json — scipy.stats.ttest_rel and
/// wilcoxon, statsmodels' multipletests, and reference code for Jobson–Korkie–Memmel.
@Suite struct PairedTestsTests {
    /// The strategy matrix and benchmark of the case whose id is `id`.
    static func matrix(_ cases: [[String: Any]], id: String) throws -> (strategies: [[Double]], benchmark: [Double]) {
        let c = try #require(cases.first { $0.string("id") == id })
        let inputs = c.dict("inputs")
        return (try #require(inputs["returns_by_strategy"] as? [[Double]]), inputs.doubles("benchmark"))
    }

    @Test func matchesPairedTestFixtures() throws {
        let cases = try StatsFixture.cases("multiple_testing")
        let c = try #require(cases.first { $0.string("kind") == "paired_tests" || $0.string("id") == "paired_tests" })
        let data = try Self.matrix(cases, id: "bootstrap_tests/mixed")
        let pairs = c.dict("expected")["pairs"] as? [[String: Any]] ?? []
        #expect(!pairs.isEmpty)
        func series(_ key: Any?) throws -> [Double] {
            if let k = key as? Int { return data.strategies[k] }
            #expect(key as? String == "bench")
            return data.benchmark
        }
        for p in pairs {
            let x = try series(p["x"]), y = try series(p["y"])
            let label = "pair \(String(describing: p["x"]))-\(String(describing: p["y"]))"
            let t = try PairedTests.tTest(x, y)
            let et = p.dict("ttest_rel")
            expectClose(t.statistic, et["statistic"], "\(label) t")
            expectClose(t.pValue, et["pvalue"], "\(label) t p")
            #expect(t.degreesOfFreedom == et.int("df"))

            let w = try PairedTests.wilcoxon(x, y)
            let ew = p.dict("wilcoxon_asymptotic")
            expectClose(w.statistic, ew["statistic"], "\(label) W")
            expectClose(w.pValue, ew["pvalue"], "\(label) W p")
            expectClose(w.zStatistic, ew["zstatistic"], "\(label) W z")

            let ee = p.dict("wilcoxon_exact_first20")
            let n = try #require(ee.int("n"))
            let we = try PairedTests.wilcoxon(Array(x.prefix(n)), Array(y.prefix(n)), exact: true)
            #expect(we.count == n)
            expectClose(we.statistic, ee["statistic"], "\(label) exact W")
            expectClose(we.pValue, ee["pvalue"], "\(label) exact p")

            let j = try PairedTests.jobsonKorkieMemmel(x, y)
            let ej = p.dict("jobson_korkie_memmel")
            expectClose(j.sharpe1, ej["sr_1"], "\(label) sr1")
            expectClose(j.sharpe2, ej["sr_2"], "\(label) sr2")
            expectClose(j.correlation, ej["rho"], "\(label) rho")
            expectClose(j.theta, ej["theta"], "\(label) theta")
            expectClose(j.statistic, ej["z"], "\(label) z")
            expectClose(j.pValue, ej["p_two_sided"], "\(label) p")
        }
    }

    @Test func matchesWilcoxonWithTiesAndZeros() throws {
        let cases = try StatsFixture.cases("multiple_testing")
        let c = try #require(cases.first { $0.string("id") == "wilcoxon_ties_zeros" })
        let inputs = c.dict("inputs"), e = c.dict("expected")
        let w = try PairedTests.wilcoxon(inputs.doubles("x"), inputs.doubles("y"))
        #expect(w.count == e.int("n_nonzero"))
        #expect(w.zeros == e.int("n_zero"))
        expectClose(w.statistic, e["statistic"], "statistic")
        expectClose(w.pValue, e["pvalue"], "pvalue")
        expectClose(w.zStatistic, e["zstatistic"], "z")
    }

    @Test func matchesHolmAndBenjaminiHochberg() throws {
        let cases = try StatsFixture.cases("multiple_testing")
        let c = try #require(cases.first { $0.string("id") == "multiple_testing_adjustments" })
        let alpha = try #require(c.dict("inputs").double("alpha"))
        let vectors = c.dict("expected")["vectors"] as? [[String: Any]] ?? []
        #expect(vectors.count >= 3)
        for v in vectors {
            let p = v.doubles("pvalues")
            for method in MultipleTestingAdjustment.allCases {
                let e = v.dict(method.rawValue)
                let r = try method.adjust(p, alpha: alpha)
                let adjusted = e.doubles("adjusted")
                #expect(adjusted.count == p.count)
                for (a, x) in zip(r.adjusted, adjusted) { expectClose(a, x, "\(v.string("name")) \(method)") }
                #expect(r.reject == (e["reject"] as? [Bool]), "\(v.string("name")) \(method) reject")
            }
        }
    }

    @Test func refusesMismatchedAndConstantInput() {
        #expect(throws: AnalyticsError.lengthMismatch(what: "paired t-test", lengths: [3, 2])) {
            try PairedTests.tTest([1, 2, 3], [1, 2])
        }
        #expect(throws: AnalyticsError.self) { try PairedTests.tTest([1, 2, 3], [0, 1, 2]) }
    }
}
