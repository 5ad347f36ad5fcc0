import Foundation
import Testing
@testable import Analytics

/// Golden values: Tests/Fixtures/stats/multiple_testing.json — arch 8.0's SPA, RealityCheck,
/// StepM and MCS over 5 seeds (bands), plus the reference studentized SPA. Our bootstrap
/// draws its own (seeded GSL mt19937) stream, so p-values must fall within each band's tol_abs.
@Suite struct BootstrapTestsTests {
    static let seed: UInt64 = 20_260_611

    func expectBand(_ actual: Double, _ band: [String: Any], _ label: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        let e = band.double("expected") ?? .nan, tol = band.double("tol_abs") ?? .nan
        #expect(abs(actual - e) <= tol, "\(label): got \(actual), expected \(e) ± \(tol)", sourceLocation: sourceLocation)
    }

    func expectSet(_ actual: [Int], _ spec: [String: Any], _ label: String) {
        let required = spec["required"] as? [Int] ?? [], forbidden = spec["forbidden"] as? [Int] ?? []
        for r in required { #expect(actual.contains(r), "\(label): \(r) required, set \(actual)") }
        for f in forbidden { #expect(!actual.contains(f), "\(label): \(f) forbidden, set \(actual)") }
    }

    @Test func matchesEveryBootstrapFixtureCase() throws {
        let cases = try StatsFixture.cases("multiple_testing").filter { $0.string("id").hasPrefix("bootstrap_tests/") }
        #expect(cases.count >= 2)
        for c in cases {
            let id = c.string("id")
            let inputs = c.dict("inputs"), e = c.dict("expected"), settings = inputs.dict("settings")
            let strategies = try #require(inputs["returns_by_strategy"] as? [[Double]])
            let benchmark = inputs.doubles("benchmark")
            let reps = try #require(settings.int("reps"))
            let block = try #require(settings.double("block_size"))
            #expect(settings.string("bootstrap") == "stationary")

            let diff = try LossDifferentials(strategies: strategies, benchmark: benchmark, blockSize: block,
                                             replicates: reps, seed: Self.seed)
            let means = e.doubles("loss_diff_mean")
            #expect(means.count == strategies.count)
            for (a, x) in zip(diff.meanDifferential, means) { expectClose(a, x, "\(id) loss_diff_mean") }

            let plain = SuperiorPredictiveAbility(diff, studentized: false)
            #expect(!plain.studentized)
            expectClose(plain.statistic, e["spa_statistic_max_mean_loss_diff"], "\(id) SPA statistic")
            let spa = e.dict("spa_pvalues")
            expectBand(plain.lower, spa.dict("lower"), "\(id) SPA lower")
            expectBand(plain.consistent, spa.dict("consistent"), "\(id) SPA consistent")
            expectBand(plain.upper, spa.dict("upper"), "\(id) SPA upper")
            expectBand(plain.realityCheck, e.dict("reality_check_pvalue"), "\(id) reality check")

            let hansen = SuperiorPredictiveAbility(diff, studentized: true)
            #expect(hansen.studentized)
            let own = e.dict("spa_studentized_own")
            expectClose(hansen.statistic, own["statistic"], "\(id) studentized statistic")
            let ownP = own.dict("pvalues")
            expectBand(hansen.lower, ownP.dict("lower"), "\(id) studentized lower")
            expectBand(hansen.consistent, ownP.dict("consistent"), "\(id) studentized consistent")
            expectBand(hansen.upper, ownP.dict("upper"), "\(id) studentized upper")
            expectBand(hansen.realityCheck, e.dict("reality_check_pvalue"), "\(id) reality check (studentized run)")

            let stepm = StepM(diff, size: try #require(settings.double("stepm_size")), studentized: false)
            expectSet(stepm.superior, e.dict("stepm_superior"), "\(id) StepM")
            let stepdown = e.dict("stepm_stepdown_pvalues")
            #expect(stepdown.count == strategies.count)
            for (key, band) in stepdown {
                let k = try #require(Int(key))
                expectBand(stepm.adjustedPValues[k], band as? [String: Any] ?? [:], "\(id) StepM p \(k)")
            }

            // Hansen-style studentized StepM (our default) must agree on the robust memberships too.
            let studentizedStepM = StepM(diff, size: try #require(settings.double("stepm_size")), studentized: true)
            expectSet(studentizedStepM.superior, e.dict("stepm_superior"), "\(id) studentized StepM")

            let mcs = try ModelConfidenceSet(strategies: strategies, size: try #require(settings.double("mcs_size")),
                                             blockSize: block, replicates: reps, seed: Self.seed)
            #expect(settings.string("mcs_method") == "R")
            let mcsP = e.dict("mcs_pvalues")
            #expect(mcsP.count == strategies.count)
            for (key, band) in mcsP {
                let k = try #require(Int(key))
                expectBand(mcs.pValues[k], band as? [String: Any] ?? [:], "\(id) MCS p \(k)")
            }
            expectSet(mcs.included, e.dict("mcs_included"), "\(id) MCS set")
        }
    }

    @Test func sameSeedSameReplicatesOtherSeedOtherReplicates() throws {
        var a = try BlockBootstrap(scheme: .stationary(meanBlockLength: 5), periods: 50, seed: 7)
        var b = try BlockBootstrap(scheme: .stationary(meanBlockLength: 5), periods: 50, seed: 7)
        var c = try BlockBootstrap(scheme: .stationary(meanBlockLength: 5), periods: 50, seed: 8)
        let ia = a.nextIndices(), ib = b.nextIndices(), ic = c.nextIndices()
        #expect(ia == ib)
        #expect(ia != ic)
        #expect(ia.count == 50 && ia.allSatisfy { (0..<50).contains($0) })
    }

    /// Circular blocks of 4 over 10 periods: lengths 4, 4, 2, each block consecutive mod 10.
    @Test func circularBlocksHaveFixedLengthAndWrap() throws {
        var boot = try BlockBootstrap(scheme: .circular(blockLength: 4), periods: 10, seed: 3)
        var blocks: [BlockBootstrap.Block] = []
        for _ in 0..<20 {
            boot.nextReplicate(into: &blocks)
            #expect(blocks.map(\.length) == [4, 4, 2])
        }
    }

    /// Stationary bootstrap block lengths are geometric with mean b: over many replicates of a
    /// long series the average block length is close to b (the last, truncated block aside).
    @Test func stationaryBlocksHaveTheRequestedMeanLength() throws {
        var boot = try BlockBootstrap(scheme: .stationary(meanBlockLength: 10), periods: 100_000, seed: 11)
        var blocks: [BlockBootstrap.Block] = []
        boot.nextReplicate(into: &blocks)
        let mean = Double(blocks.dropLast().map(\.length).reduce(0, +)) / Double(blocks.count - 1)
        #expect(abs(mean - 10) < 0.3)
    }

    /// Bootstrap means via prefix sums equal the means of the resampled series computed directly.
    @Test func prefixSumMeansEqualDirectResampling() throws {
        let x = (0..<37).map { sin(Double($0)) * 0.01 }
        let y = (0..<37).map { cos(Double($0) * 0.7) * 0.02 }
        let boot = try BootstrapMeans(series: [x, y], scheme: .stationary(meanBlockLength: 4), replicates: 5, seed: 99)
        var stream = try BlockBootstrap(scheme: .stationary(meanBlockLength: 4), periods: 37, seed: 99)
        for b in 0..<5 {
            let idx = stream.nextIndices()
            let mx = idx.map { x[$0] }.reduce(0, +) / 37, my = idx.map { y[$0] }.reduce(0, +) / 37
            #expect(abs(boot.means[b * 2] - mx) < 1e-15)
            #expect(abs(boot.means[b * 2 + 1] - my) < 1e-15)
        }
    }
}
