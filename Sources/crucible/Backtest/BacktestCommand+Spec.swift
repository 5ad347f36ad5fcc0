import ArgumentParser
import Experiments
import Foundation
import MarketData
import Simulation
import Strategies

extension BacktestCommand {
    /// `--spec FILE`: one point of the spec through the runner's trial path (`SpecBacktest`) on
    /// the data `SpecPreflight` checked and loaded,
    /// with the spec's data, engine, costs, exits, sizing, risk limits and calendar. The options
    /// the spec itself sets are refused rather than ignored.
    func runSpec(_ path: String) throws {
        let given: [(String, Bool)] = [
            ("--data", !data.isEmpty), ("--strategy", strategy != nil), ("--engine", engine != nil), ("--cash", cash != nil),
            ("--fee-bps", feeBps != nil), ("--maker-fee-bps", makerFeeBps != nil), ("--slippage-bps", slippageBps != nil),
            ("--fill", fill != nil), ("--intrabar", intrabar != nil), ("--sub-bars", subBars != nil), ("--lot-size", lotSize != nil),
            ("--min-notional", minNotional != nil), ("--leverage", leverage != nil), ("--maintenance-margin", maintenanceMargin != nil),
            ("--max-participation", maxParticipation != nil), ("--borrow-rate", borrowRate != nil), ("--policy", policy != nil),
            ("--calendar", calendar != nil),
        ]
        let clashing = given.filter(\.1).map(\.0)
        guard clashing.isEmpty else {
            throw ValidationError("\(clashing.joined(separator: ", ")): not with --spec; the spec sets the data, strategy and engine (edit the spec instead)")
        }
        let url = URL(fileURLWithPath: path)
        let loaded: (spec: ExperimentSpec, text: String)
        do { loaded = try SpecDecoder.load(contentsOf: url) } catch { failWith(error.lines()) }
        let spec = loaded.spec
        let pairs = try Self.pairs(params).map { (name: $0.0, value: $0.1) }
        let result: BacktestResult, parameters: ParameterSet, data: ExperimentData
        do {
            let values = try SpecBacktest.point(spec, pairs)
            data = try SpecPreflight.check(spec)
            result = try SpecBacktest.run(spec, data: data, values: values)
            parameters = try spec.strategy.pointParameters(values)
        } catch let error as SpecError {
            failWith(error.lines())
        } catch {
            failWith(["error: \(error)"])
        }
        try write(result, series: [data.bars], strategy: spec.strategy.name, parameters: parameters, engine: spec.engine.kind,
                  files: [spec.data.resolvedDescription])
    }
}
