import Foundation
import Testing
@testable import Analytics

/// Golden values: Tests/Fixtures/stats/sharpe_inference.json (reference code from the papers,
/// scipy for Φ and Φ⁻¹; the paper example matches Bailey & López de Prado's published figures).
@Suite struct SharpeInferenceTests {
    @Test func matchesEverySharpeInferenceFixtureCase() throws {
        let cases = try StatsFixture.cases("sharpe_inference")
        var kinds = Set<String>()
        for c in cases {
            let id = c.string("id"), kind = c.string("kind")
            kinds.insert(kind)
            let inputs = c.dict("inputs"), e = c.dict("expected")
            switch kind {
            case "psr_mintrl_from_returns":
                let m = try SharpeMoments(returns: inputs.doubles("returns"))
                #expect(m.count == e.int("n"), "\(id) n")
                expectClose(m.sharpe, e["sr"], "\(id) sr")
                expectClose(m.skew, e["skew"], "\(id) skew")
                expectClose(m.kurtosis, e["kurtosis"], "\(id) kurtosis")
                let psr = e["psr"] as? [[String: Any]] ?? []
                #expect(psr.count == inputs.doubles("sr_benchmarks").count, "\(id) psr count")
                for p in psr { checkPSR(m, p, id) }
                try checkMinTRL(m, inputs.doubles("sr_benchmarks"), inputs.doubles("confidences"), e["min_trl"], id)
            case "psr_mintrl_from_moments":
                let m = moments(inputs)
                checkPSR(m, e.dict("psr"), id)
                try checkMinTRL(m, [try #require(inputs.double("sr_benchmark"))], inputs.doubles("confidences"), e["min_trl"], id)
            case "dsr_from_moments", "dsr_paper_example":
                try checkDSR(moments(inputs), trials: try #require(inputs.int("n_trials")),
                             variance: try #require(inputs.double("var_trials_sr")), e, id)
                if kind == "dsr_paper_example" {
                    var n46 = moments(inputs)
                    try checkDSR(n46, trials: 46, variance: try #require(inputs.double("var_trials_sr")), e.dict("variant_N46"), id + " N46")
                    n46.skew = 0; n46.kurtosis = 3
                    try checkDSR(n46, trials: 88, variance: try #require(inputs.double("var_trials_sr")), e.dict("variant_N88_normal"), id + " N88")
                }
            case "dsr_from_trials_matrix":
                let rows = (inputs["returns_by_trial"] as? [[Double]]) ?? []
                let d = try DeflatedSharpeFromTrials(returnsByTrial: rows)
                let trialSR = e.doubles("trial_sr")
                #expect(trialSR.count == d.trialSharpes.count)
                for (a, x) in zip(d.trialSharpes, trialSR) { expectClose(a, x, "\(id) trial_sr") }
                #expect(d.trialSharpes.count == e.int("n_trials"))
                expectClose(d.varianceOfSharpes, e["var_trials_sr"], "\(id) var")
                #expect(d.candidateIndex == e.int("candidate_index"))
                #expect(d.candidate.count == e.int("n"))
                expectClose(d.candidate.sharpe, e["sr"], "\(id) sr")
                expectClose(d.candidate.skew, e["skew"], "\(id) skew")
                expectClose(d.candidate.kurtosis, e["kurtosis"], "\(id) kurtosis")
                try checkDSR(d.candidate, trials: d.trialSharpes.count, variance: d.varianceOfSharpes, e, id)
                expectClose(d.deflatedSharpe, e["dsr"], "\(id) dsr (struct)")
                checkPSR(d.candidate, e.dict("psr_at_zero"), id + " psr0")
            default:
                Issue.record("\(id): unknown case kind \(kind)")
            }
        }
        #expect(kinds.count == 5)
    }

    private func moments(_ inputs: [String: Any]) -> SharpeMoments {
        SharpeMoments(sharpe: inputs.double("sr") ?? .nan, count: inputs.int("n") ?? 0,
                      skew: inputs.double("skew") ?? .nan, kurtosis: inputs.double("kurtosis") ?? .nan)
    }

    private func checkPSR(_ m: SharpeMoments, _ p: [String: Any], _ id: String) {
        let sr0 = p.double("sr_benchmark") ?? .nan
        expectClose(m.psrStatistic(benchmark: sr0), p["z"], "\(id) z at \(sr0)")
        expectClose(m.probabilisticSharpe(benchmark: sr0), p["psr"], "\(id) psr at \(sr0)")
        expectClose(m.standardError, p["sigma_sr"], "\(id) sigma_sr")
    }

    private func checkMinTRL(_ m: SharpeMoments, _ benchmarks: [Double], _ confidences: [Double], _ expected: Any?, _ id: String) throws {
        let rows = expected as? [[String: Any]] ?? []
        var produced = 0
        for b in benchmarks {
            for p in confidences {
                guard let v = m.minimumTrackRecordLength(benchmark: b, confidence: p) else { continue }
                produced += 1
                let row = try #require(rows.first { $0.double("sr_benchmark") == b && $0.double("confidence") == p }, "\(id) row \(b) \(p)")
                expectClose(Distributions.normalQuantile(p), row["z_p"], "\(id) z_p")
                expectClose(v, row["min_trl"], "\(id) min_trl \(b) \(p)")
            }
        }
        #expect(produced == rows.count, "\(id): MinTRL defined exactly where SR > SR*")
    }

    private func checkDSR(_ m: SharpeMoments, trials: Int, variance: Double, _ e: [String: Any], _ id: String) throws {
        let x = try ExpectedMaximumSharpe(trials: trials, varianceOfSharpes: variance)
        expectClose(x.z1, e["z1"], "\(id) z1")
        expectClose(x.z2, e["z2"], "\(id) z2")
        expectClose(x.expectedMaxZ, e["expected_max_z"], "\(id) expected_max_z")
        expectClose(x.sharpe, e["sr0"], "\(id) sr0")
        expectClose(m.psrStatistic(benchmark: x.sharpe), e["z"], "\(id) z")
        expectClose(m.deflatedSharpe(trials: x), e["dsr"], "\(id) dsr")
    }

    @Test func constantSeriesIsRefusedWithAReason() {
        #expect(throws: AnalyticsError.self) { try SharpeMoments(returns: [0.01, 0.01, 0.01, 0.01]) }
    }
}
