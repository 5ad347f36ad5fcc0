import ArgumentParser
import Foundation
import MarketData
import Simulation
import Strategies

/// `crucible backtest`: one backtest of a built-in strategy, written as trades.csv, equity.csv
/// and metrics.json.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Run one backtest and write trades.csv, equity.csv and metrics.json.",
        discussion: """
        Reproduce the peer fixtures (Tests/Fixtures/peers):
          crucible backtest --data datasets/btcusdt_1h.csv --strategy sma_cross \\
            --param fast=10 --param slow=50 --out results/sma_10_50
        """)

    @Option(help: "CSV file of bars (timestamp,open,high,low,close,volume).")
    var data: String

    @Option(help: "Strategy name (see `crucible strategies`).")
    var strategy: String

    @Option(name: .customLong("param"), help: "A strategy parameter as key=value (repeatable).")
    var params: [String] = []

    @Option(help: "event or vectorized.")
    var engine: EngineKind = .event

    @Option(help: "Initial cash in the quote currency.")
    var cash: Double = 10_000

    @Option(help: "Taker fee in basis points (also the maker fee unless --maker-fee-bps is given).")
    var feeBps: Double = 10

    @Option(help: "Maker fee in basis points (limit fills).")
    var makerFeeBps: Double?

    @Option(help: "Fixed slippage in basis points against the trader.")
    var slippageBps: Double = 0

    @Option(help: "next_open (default) or close.")
    var fill: FillTiming = .nextOpen

    @Option(help: "worst_case (default), ohlc or sub_bars.")
    var intrabar: IntrabarPath = .worstCase

    @Option(help: "Finer bars of the same symbol for --intrabar sub_bars (e.g. the 1m CSV).")
    var subBars: String?

    @Option(help: "Lot size: quantities round down to a multiple (0 = fractional).")
    var lotSize: Double = 0

    @Option(help: "Output folder.")
    var out: String

    func run() throws {
        let bars = try CSVBarReader.read(path: data)
        let fine = try subBars.map { try CSVBarReader.read(path: $0) }
        var pairs: [(String, String)] = []
        for p in params {
            guard let eq = p.firstIndex(of: "="), eq != p.startIndex else {
                throw ValidationError("--param expects key=value, got \"\(p)\"")
            }
            pairs.append((String(p[..<eq]), String(p[p.index(after: eq)...])))
        }
        let type = try StrategyRegistry.type(named: strategy)
        let parameters = try ParameterSet(strategy: strategy, specs: type.descriptor.parameters, text: pairs)
        let built = try type.init(parameters: parameters)
        var config = EngineConfig()
        config.initialCash = cash
        config.fees = FeeModel(makerBps: makerFeeBps ?? feeBps, takerBps: feeBps)
        config.fill = fill
        config.intrabar = intrabar
        config.lotSize = lotSize
        let result = try slippageBps > 0
            ? Self.run(built, engine: engine, config: config, slippage: FixedSlippage(bps: slippageBps), bars: bars, fine: fine)
            : Self.run(built, engine: engine, config: config, slippage: NoSlippage(), bars: bars, fine: fine)
        try BacktestOutput(result: result, bars: bars, strategy: strategy, parameters: parameters, engine: engine).write(to: out)
        print(String(format: "%@ on %@ (%@ engine): %d trades, final equity %.2f, return %.2f%%, max drawdown %.2f%%, fees %.2f → %@",
                     strategy, (data as NSString).lastPathComponent, engine.rawValue, result.metrics.tradeCount,
                     result.metrics.finalEquity, result.metrics.totalReturn * 100, result.metrics.maxDrawdown * 100,
                     result.metrics.totalFees, out))
    }

    static func run<Slippage: SlippageModel>(_ strategy: any RegisteredStrategy, engine: EngineKind, config: EngineConfig,
                                             slippage: Slippage, bars: BarSeries, fine: BarSeries?) throws -> BacktestResult {
        switch engine {
        case .event:
            return try EventEngine(config: config, slippage: slippage).run(strategy, bars: bars, subBars: fine)
        case .vectorized:
            guard let vectorized = strategy as? any VectorizedStrategy else {
                throw StrategyError.unsupportedEngine(strategy: type(of: strategy).descriptor.name, engine: "vectorized")
            }
            return try VectorizedEngine(config: config, slippage: slippage).run(vectorized, bars: bars, subBars: fine)
        }
    }
}

extension EngineKind: ExpressibleByArgument {}
extension FillTiming: ExpressibleByArgument {}
extension IntrabarPath: ExpressibleByArgument {}
