import Testing
import Strategies

@Suite struct ParameterSetTests {
    let specs = SMACross.descriptor.parameters

    @Test func defaultsComeFromTheDeclaration() {
        let p = ParameterSet(strategy: "sma_cross", specs: specs)
        #expect(p.int("fast") == 10)
        #expect(p.int("slow") == 50)
        #expect(p.double("stop_loss") == 0)
        #expect(p.bool("allow_short") == false)
    }

    @Test func textOverridesAreParsedAndChecked() throws {
        let p = try ParameterSet(strategy: "sma_cross", specs: specs, text: [("fast", "24"), ("stop_loss", "0.05"), ("allow_short", "true")])
        #expect(p.int("fast") == 24)
        #expect(p.double("stop_loss") == 0.05)
        #expect(p.bool("allow_short"))
    }

    @Test func badValuesAreRefusedWithTheirName() {
        #expect(throws: StrategyError.invalidValue(strategy: "sma_cross", name: "fast", expected: "an integer", found: "ten")) {
            try ParameterSet(strategy: "sma_cross", specs: specs, text: [("fast", "ten")])
        }
        #expect(throws: StrategyError.outOfRange(strategy: "sma_cross", name: "stop_loss", value: "1.5", range: "[0.0, 0.99]")) {
            try ParameterSet(strategy: "sma_cross", specs: specs, text: [("stop_loss", "1.5")])
        }
        #expect(throws: StrategyError.unknownParameter(strategy: "sma_cross", name: "speed", known: specs.map(\.name))) {
            try ParameterSet(strategy: "sma_cross", specs: specs, text: [("speed", "3")])
        }
    }

    @Test func intValuesWidenToDoubleParameters() throws {
        let p = try ParameterSet(strategy: "sma_cross", specs: specs, overrides: [("take_profit", .int(2))])
        #expect(p.double("take_profit") == 2)
    }
}
