import Analytics
import Experiments
import Foundation
import Optimization
import Reports
import Testing

/// Reports built from real (tiny) runs: every section a run has is there, nothing else is,
/// the page is well-formed XML with well-formed inline SVG, and its size stays bounded.
@Suite(.serialized) struct ReportBuilderTests {
    /// Section headings (`<h2>`) of a report, in order.
    static func headings(_ xml: XMLCheck, in html: String) -> [String] {
        var result: [String] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<h2"), let close = rest[open.upperBound...].range(of: "</h2>") {
            let inner = rest[open.upperBound..<close.lowerBound]
            if let gt = inner.firstIndex(of: ">") { result.append(String(inner[inner.index(after: gt)...])) }
            rest = rest[close.upperBound...]
        }
        return result
    }

    @Test func aRunWithEveryStageHasEverySection() throws {
        let run = try ReportRunFixture(
            parameters: #""fast": {"min": 5, "max": 25, "step": 10}, "slow": {"min": 30, "max": 90, "step": 30}"#,
            optimizer: #"{"kind": "grid"}"#,
            sections: """
                "walk_forward": {"mode": "rolling", "train": "20d", "test": "10d"},
                "monte_carlo": {"methods": ["block_bootstrap", "trade_reshuffle"], "paths": 20, "block_length": 24},
                "compare": {"against": [{"name": "ma_cross", "parameters": {"fast": 12, "slow": 26}}],
                            "tests": ["paired_t", "spa"], "bootstrap": 50},
                """)
        defer { run.remove() }
        let html = try run.render()
        let xml = XMLCheck(html)
        #expect(xml.isWellFormed, "\(xml.error ?? "")")
        #expect(Self.headings(xml, in: html) == ["Run", "Best trial", "Search", "Walk-forward", "Monte Carlo", "Comparison"])
        // Best trial: equity (linear and log), underwater, monthly heatmap, rolling Sharpe, price and fills,
        // trade histogram; search heatmap; walk-forward timeline and stitched equity;
        // Monte Carlo return and drawdown histograms (4) and one fan.
        #expect(xml.count("svg") >= 15)
        #expect(xml.hasText("Deflated Sharpe ratio of the best trial"))
        #expect(xml.hasText("Walk-forward efficiency (Sharpe)"))
        #expect(xml.hasText("block_bootstrap"))
        // Monte Carlo histograms of final return and drawdown: block_bootstrap's shown, trade_reshuffle's folded.
        #expect(xml.hasText("Final total return: block_bootstrap") && xml.hasText("Maximum drawdown: block_bootstrap"))
        #expect(xml.hasText("Final total return: trade_reshuffle") && xml.hasText("Maximum drawdown: trade_reshuffle"))
        #expect(xml.hasText("0 % (break-even)"))
        #expect(xml.hasText("Histograms of the other methods (1)"))
        #expect(xml.hasText("Against the benchmark"))
        #expect(xml.textContains("Trade list ("))
        #expect(html.utf8.count < 2_000_000)
    }

    /// The best trial's risk events: a count table and the list, each event in words.
    @Test func riskEventsOfTheBestTrialAreListed() throws {
        let run = try ReportRunFixture(
            parameters: #""fast": {"values": [5, 10]}, "slow": {"values": [30]}"#, optimizer: #"{"kind": "grid"}"#,
            strategyExtras: #""sizing": {"rule": "fixed_fraction", "fraction": 0.9}, "risk": {"daily_loss": 0.004, "max_position": 0.5},"#)
        defer { run.remove() }
        let html = try run.render()
        let xml = XMLCheck(html)
        #expect(xml.isWellFormed, "\(xml.error ?? "")")
        #expect(xml.hasText("Risk events"))
        #expect(xml.hasText("max_position clipped"))
        #expect(html.contains("clipped to"))
    }

    @Test func aPlainSearchLeavesOutTheStagesItDidNotRun() throws {
        let run = try ReportRunFixture(
            parameters: #""fast": {"min": 3, "max": 30}, "slow": {"min": 35, "max": 120}, "stop_loss": {"min": 0.0, "max": 0.05}"#,
            optimizer: #"{"kind": "bayesian", "budget": 10, "batch_size": 2, "initial_points": 6}"#)
        defer { run.remove() }
        let html = try run.render()
        let xml = XMLCheck(html)
        #expect(xml.isWellFormed, "\(xml.error ?? "")")
        #expect(Self.headings(xml, in: html) == ["Run", "Best trial", "Search"])
        for absent in ["Walk-forward", "Monte Carlo", "Comparison", "Walk-forward efficiency (Sharpe)", "Machine learning"] {
            #expect(!xml.hasText(absent))
        }
        // Three free parameters: parallel coordinates, not a heatmap; Bayesian: the best-so-far curve.
        #expect(xml.hasText("Objective over the parameters (10 trials)"))
        #expect(xml.hasText("Search progress"))
        // The runner's gaussian_process section: one fitted length scale per parameter, in the report.
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: run.runFolder.appendingPathComponent("summary.json"))) as? [String: Any])
        let fit = try #require(summary["gaussian_process"] as? [String: Any])
        let scales = try #require(fit["length_scales"] as? [String: Double])
        #expect(Set(scales.keys) == ["fast", "slow", "stop_loss"])
        #expect(scales.values.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(fit["observations"] as? Int == 10)
        // The Sobol baseline: as many points as trials, the first ones the search's own Sobol
        // design (6 initial points), so their objectives are the first trials' objectives.
        // Read with the project's parser: Foundation's JSONSerialization on Linux does not round
        // numbers correctly, which would hide exact equality.
        guard case let .object(parsed) = try JSONValue.parse(Data(contentsOf: run.runFolder.appendingPathComponent("summary.json"))),
              case let .object(section)? = parsed["sobol_baseline"], case let .array(values)? = section["objectives"] else {
            Issue.record("summary.json has no sobol_baseline.objectives array")
            return
        }
        let baseline: [Double?] = values.map(\.doubleValue)
        #expect(baseline.count == 10)
        let store = try ResultsStore(path: run.runFolder.appendingPathComponent("results.sqlite").path)
        let runID = try #require(try store.runIDs().first)
        let trials = try store.trials(runID: runID)
        for k in 0..<6 {
            let stored = trials[k].status == .ok ? trials[k].objective : nil
            #expect(baseline[k] == stored, "baseline point \(k)")
        }
        // The points after the design were run for the baseline: each is the Sharpe ratio of a
        // plain backtest of that Sobol point (`crucible backtest --spec`'s path).
        let spec = try SpecDecoder.decode(Data(contentsOf: run.runFolder.appendingPathComponent("spec.json")), baseDirectory: run.root)
        let points = try SobolOptimizer(space: spec.strategy.space, seed: spec.seed).suggest(count: 10)
        let data = try SpecPreflight.check(spec)
        var evaluated = 0
        for k in 6..<10 {
            let result = try SpecBacktest.run(spec, data: data, values: points[k].values)
            let sharpe = try BacktestMetrics(result, initialCash: spec.engine.config.initialCash,
                                             periodsPerYear: data.bars.periodsPerYear).returnMetrics.sharpeRatio
            #expect(baseline[k] == sharpe, "baseline point \(k)")
            if sharpe != nil { evaluated += 1 }
        }
        #expect(evaluated > 0, "some baseline points after the design have a Sharpe ratio")
        #expect(xml.attributes.contains { $0["class"] == "baseline-best-so-far" })
        #expect(xml.hasText("Model of the objective"))
        #expect(xml.hasText("The Gaussian process's length scales fitted on 10 trials, shortest first"))
        #expect(html.utf8.count < 2_000_000)
    }

    @Test func aDatasetThatChangedSinceTheRunIsRefused() throws {
        let run = try ReportRunFixture(parameters: #""fast": {"min": 5, "max": 15, "step": 10}, "slow": {"min": 30, "max": 60, "step": 30}"#,
                                       optimizer: #"{"kind": "grid"}"#)
        defer { run.remove() }
        var text = try String(contentsOf: run.dataURL, encoding: .utf8)
        let lastComma = text.lastIndex(of: ",")!
        text.insert("1", at: text.index(after: lastComma)) // the last bar's volume gains a leading digit
        try text.write(to: run.dataURL, atomically: true, encoding: .utf8)
        #expect {
            _ = try ReportBuilder(folder: run.runFolder, specDirectories: [run.root])
        } throws: { error in
            guard case .dataChanged? = error as? ReportError else { return false }
            return String(describing: error).contains("btc_slice.csv")
        }
    }
}
