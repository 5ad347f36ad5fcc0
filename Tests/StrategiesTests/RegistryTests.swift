import Testing
import Strategies

@Suite struct RegistryTests {
    @Test func namesAreUniqueAndListedInOrder() {
        let names = StrategyRegistry.descriptors.map(\.name)
        #expect(names == ["sma_cross", "ma_cross", "rsi_reversion", "bollinger", "donchian_breakout", "macd_trend",
                          "ts_momentum", "spike", "regime_switch", "composite", "blend", "buy_and_hold", "rotation"])
        #expect(Set(names).count == names.count)
    }

    @Test func buildsFromTextParameters() throws {
        let s = try StrategyRegistry.make("sma_cross", parameters: [("fast", "5"), ("slow", "20"), ("take_profit", "0.1")])
        let cross = try #require(s as? SMACross)
        #expect(cross.fast == 5 && cross.slow == 20)
        #expect(cross.rules.takeProfit == 0.1 && cross.rules.stopLoss == nil)
    }

    @Test func refusesUnknownNamesAndBrokenConstraints() {
        #expect(throws: StrategyError.unknownStrategy("nope", known: StrategyRegistry.descriptors.map(\.name))) {
            try StrategyRegistry.make("nope")
        }
        #expect(throws: StrategyError.self) { try StrategyRegistry.make("sma_cross", parameters: [("fast", "60")]) }
    }

    @Test func everyBuiltInDeclaresItsEngines() {
        for type in StrategyRegistry.all {
            let d = type.descriptor
            #expect(!d.engines.isEmpty)
            #expect(d.engines.contains(.vectorized) == StrategyRegistry.supportsVectorized(type))
            for p in d.parameters { #expect(!p.description.isEmpty) }
        }
    }
}
