/// The one list of built-in strategies, shared by `crucible backtest`, `crucible strategies`
/// and experiment specs. Order is the catalogue order (deterministic).
public enum StrategyRegistry {
    /// Every built-in strategy type.
    public static let all: [any RegisteredStrategy.Type] = [
        SMACross.self,
        MACross.self,
        RSIReversion.self,
        Bollinger.self,
        DonchianBreakout.self,
        MACDTrend.self,
        TimeSeriesMomentum.self,
        SpikeDetection.self,
        RegimeSwitch.self,
        Composite.self,
        Blend.self,
        BuyAndHold.self,
        Rotation.self,
    ]

    /// Catalogue entries in order.
    public static var descriptors: [StrategyDescriptor] { all.map { $0.descriptor } }

    /// The strategy type called `name`.
    public static func type(named name: String) throws(StrategyError) -> any RegisteredStrategy.Type {
        guard let type = all.first(where: { $0.descriptor.name == name }) else {
            throw .unknownStrategy(name, known: all.map { $0.descriptor.name })
        }
        return type
    }

    /// Builds `name` from textual `key=value` parameters (defaults for the rest).
    public static func make(_ name: String, parameters text: [(String, String)] = []) throws(StrategyError) -> any RegisteredStrategy {
        let type = try type(named: name)
        let params = try ParameterSet(strategy: name, specs: type.descriptor.parameters, text: text)
        return try type.init(parameters: params)
    }

    /// Whether the strategy type also runs in the vectorized engine.
    public static func supportsVectorized(_ type: any RegisteredStrategy.Type) -> Bool {
        type is any VectorizedStrategy.Type
    }
}
