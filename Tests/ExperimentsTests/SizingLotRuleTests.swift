import Experiments
import Foundation
import MarketData
import Optimization
import Simulation
import Strategies
import Testing
import TestSupport

/// Sizing rounds to the engine's lot size (`engine.lot_size`), the rounding every order gets:
/// a `fixed_cash` entry decided at close C is ⌊cash ÷ C ÷ lot⌋ lots, and with no lot size it is
/// cash ÷ C itself, on both engines.
@Suite struct SizingLotRuleTests {
    static func entries(engine: String, lotSize: Double?) throws -> (fills: [Fill], bars: BarSeries) {
        var builder = SpecBuilder()
            .with("strategy.parameters", ["fast": 10, "slow": 50] as [String: Any])
            .with("strategy.constraints", nil)
            .with("strategy.sizing", ["rule": "fixed_cash", "cash": 1_000] as [String: Any])
            .with("engine.kind", engine)
        if let lotSize { builder = builder.with("engine.lot_size", lotSize) }
        let spec = try builder.decode()
        let data = try ExperimentData.load(spec.data)
        let result = try SpecBacktest.run(spec, data: data, values: SpecBacktest.point(spec, []))
        // Entries: fills that open a position (the position before them is flat).
        var position = 0.0, entries: [Fill] = []
        for fill in result.fills {
            if position == 0 { entries.append(fill) }
            position += fill.side == .buy ? fill.quantity : -fill.quantity
            if abs(position) < 1e-12 { position = 0 }
        }
        return (entries, data.bars)
    }

    @Test(arguments: ["event", "vectorized"])
    func entriesRoundToTheEngineLot(engine: String) throws {
        let lot = 0.001
        let (entries, bars) = try Self.entries(engine: engine, lotSize: lot)
        #expect(entries.count > 10)
        for fill in entries {
            // Next-open fills: the decision was at the previous bar's close.
            let close = bars.close[fill.bar - 1]
            let expected = (1_000 / close / lot).rounded(.down) * lot
            #expect(abs(fill.quantity - expected) <= 1e-12 * expected, "bar \(fill.bar): \(fill.quantity) vs \(expected)")
        }
    }

    @Test(arguments: ["event", "vectorized"])
    func withoutALotSizeEntriesAreNotRounded(engine: String) throws {
        let (entries, bars) = try Self.entries(engine: engine, lotSize: nil)
        #expect(entries.count > 10)
        for fill in entries { #expect(fill.quantity == 1_000 / bars.close[fill.bar - 1], "bar \(fill.bar)") }
    }
}
