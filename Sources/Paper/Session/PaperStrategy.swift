import Experiments
import MarketData
import Optimization
import Simulation
import Strategies

/// What a paper run trades: a spec's strategy at one point, with the spec's exits, sizing, risk
/// limits and engine settings (costs, fill, intrabar rule), always on the event engine — the
/// strategy a trial of the spec builds (`SpecBacktest.strategy`, `SpecBacktest.modifiers`).
public struct PaperStrategy: Sendable {
    public let spec: ExperimentSpec
    /// The point, in the declaration order of the spec's space.
    public let values: [Optimization.ParameterValue]

    /// Checks that the spec can run bar by bar: finer bars (`intrabar: sub_bars`) and model
    /// predictions need a whole series up front and are refused. Imported data columns are read
    /// from their files as a backtest reads them (a row stamped t is known from the close of the
    /// bar that opens at t), so a replay has them; a live feed refuses them (`importedColumns`).
    public init(spec: ExperimentSpec, values: [Optimization.ParameterValue]) throws(PaperError) {
        if spec.engine.config.intrabar == .subBars {
            throw .unsupported("engine.intrabar sub_bars replays finer bars inside each bar; use worst_case or ohlc")
        }
        let models = ModelColumns.modelsRead(by: spec).map(\.name)
        if !models.isEmpty {
            throw .unsupported("the strategy reads model(\"\(models.joined(separator: "\"), model(\""))\"): predictions come from walk-forward "
                               + "retraining over a whole series and are not available bar by bar yet")
        }
        self.spec = spec
        self.values = values
    }

    /// The imported data columns the strategy's rules and exit levels read (`as` names, in order).
    public var importedColumns: [String] {
        var seen = Set<String>()
        return (spec.strategy.imported + spec.strategy.modifiers.levelColumns).map(\.name).filter { seen.insert($0).inserted }
    }

    /// The point as `name=value` text in declaration order (recorded in the state file).
    public var pointText: String {
        zip(spec.strategy.space.names, values).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    /// The `name=value` pairs of a `pointText` (as `--param` gives them to `SpecBacktest.point`).
    public static func assignments(ofPointText text: String) -> [(name: String, value: String)] {
        text.split(separator: " ").compactMap { pair in
            guard let eq = pair.firstIndex(of: "=") else { return nil }
            return (String(pair[..<eq]), String(pair[eq...].dropFirst()))
        }
    }

    /// A fresh run with no bars, for bars of `instrument` at `periodsPerYear`.
    public func makeRun(instrument: Instrument, periodsPerYear: Double, expectedBars: Int) throws -> IncrementalRun {
        let strategy = try SpecBacktest.strategy(spec, values)
        let modifiers = try SpecBacktest.modifiers(spec, values, periodsPerYear: periodsPerYear)
        let config = spec.engine.config
        return try EventStepper(engine: EventEngine(config: config, slippage: spec.engine.slippage),
                                strategy: AnyEventStrategy(Self.modified(strategy, modifiers, config.trading(instrument))),
                                periodsPerYear: periodsPerYear, expectedBars: expectedBars)
    }

    /// `strategy` with the spec's exits, sizing and risk limits around it, if it has any.
    private static func modified<S: EventStrategy>(_ strategy: S, _ modifiers: Modifiers?, _ instrument: Instrument) throws
        -> any EventStrategy {
        guard let modifiers else { return strategy }
        return try modifiers.apply(strategy, instruments: [instrument])
    }
}
