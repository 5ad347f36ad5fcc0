import Analytics
import ArgumentParser
import Foundation
import MarketData
import Simulation
import Strategies

/// `crucible backtest`: one backtest of a built-in strategy with optional modifiers (sizing,
/// exits, risk limits), or of one point of a spec (`--spec`, `BacktestCommand+Spec.swift`),
/// written as trades.csv, equity.csv, metrics.json and events.csv.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Run one backtest and write trades.csv, equity.csv, metrics.json and events.csv.",
        discussion: """
        Reproduce the peer fixtures (Tests/Fixtures/peers):
          crucible backtest --data datasets/btcusdt_1h.csv --strategy sma_cross \\
            --param fast=10 --param slow=50 --out results/sma_10_50

        Any strategy takes the modifiers listed by `crucible strategies` as --param, on both \
        engines, e.g. a trailing stop, volatility-targeted sizing and a drawdown breaker:
          crucible backtest --data datasets/btcusdt_1h.csv --strategy ts_momentum \\
            --param sizing=vol_target --param vol_target=0.5 \\
            --param trailing_stop=0.05 --param max_drawdown=0.25 \\
            --engine vectorized --out results/tsm_modified
        Every risk firing and refused or resized order is counted on the output line and listed \
        in events.csv.

        One point of an experiment spec (built-in or rules), with the spec's data, engine, costs, \
        exits, sizing, risk limits and calendar, as a trial of `crucible run` computes it; every \
        parameter the spec searches needs a --param:
          crucible backtest --spec experiments/grid_sma_cross.json \\
            --param fast=10 --param slow=50 --out results/grid_point
        """)

    @Option(help: "Experiment spec (JSON): run one point of it with its own data and engine settings (the options below marked * do not apply).")
    var spec: String?

    @Option(help: "* CSV file of bars (timestamp,open,high,low,close,volume); repeat for multi-symbol strategies.")
    var data: [String] = []

    @Option(help: "* Strategy name (see `crucible strategies`).")
    var strategy: String?

    @Option(name: .customLong("param"), help: "A strategy parameter as key=value (repeatable); with --spec, a parameter of the spec's space.")
    var params: [String] = []

    @Option(help: "* event (default) or vectorized.")
    var engine: EngineKind?

    @Option(help: "* Initial cash in the quote currency (default 10000).")
    var cash: Double?

    @Option(help: "* Taker fee in basis points (default 10; also the maker fee unless --maker-fee-bps is given).")
    var feeBps: Double?

    @Option(help: "* Maker fee in basis points (limit fills).")
    var makerFeeBps: Double?

    @Option(help: "* Fixed slippage in basis points against the trader (default 0).")
    var slippageBps: Double?

    @Option(help: "* next_open (default) or close.")
    var fill: FillTiming?

    @Option(help: "* worst_case (default), ohlc or sub_bars.")
    var intrabar: IntrabarPath?

    @Option(help: "* Finer bars of the same symbol for --intrabar sub_bars (e.g. the 1m CSV).")
    var subBars: String?

    @Option(help: "* Lot size: quantities round down to a multiple (default 0 = fractional).")
    var lotSize: Double?

    @Option(help: "* Minimum order notional in the quote currency (default 0).")
    var minNotional: Double?

    @Option(help: "* Gross exposure up to leverage × equity (default 1; event engine for > 1 with liquidation).")
    var leverage: Double?

    @Option(help: "* Maintenance margin fraction; positions are liquidated below it (default 0; event engine).")
    var maintenanceMargin: Double?

    @Option(help: "* Largest share of a bar's volume one fill may take (event engine).")
    var maxParticipation: Double?

    @Option(help: "* Annual borrow rate charged on short notional (default 0).")
    var borrowRate: Double?

    @Option(help: "* What to do with broken bars (unsorted, duplicate, high < low, prices ≤ 0, negative volume, NaN): fail (default), warn, drop or fill-forward — as `crucible run` and `data import`.")
    var policy: String?

    @Option(help: "* Trading calendar that annualizes the metrics: 24/7 (default, crypto), weekdays (252 trading days), or a number of periods per year.")
    var calendar: String?

    @Option(help: "Output folder.")
    var out: String

    func run() throws {
        if let spec { return try runSpec(spec) }
        guard !data.isEmpty else { throw ValidationError("--data is required (or --spec)") }
        guard let strategy else { throw ValidationError("--strategy is required (or --spec)") }
        let engine = engine ?? .event, lotSize = lotSize ?? 0, minNotional = minNotional ?? 0, slippageBps = slippageBps ?? 0
        let (series, fine) = try reportingErrors { () throws(DataError) in
            let policy = try ValidationPolicy.parse(policy ?? "fail")
            let calendar = try Self.calendar(calendar ?? "24/7")
            let load = { (path: String) throws(DataError) -> BarSeries in
                let validated = try BarValidator.validate(CSVBarReader.load(path: path), policy: policy)
                if policy == .warn, validated.report.brokenRows > 0 {
                    FileHandle.standardError.write(Data("warning: \(path): \(validated.report.brokenRows) broken row(s) kept (--policy warn)\n".utf8))
                }
                var bars = validated.bars
                bars.calendar = calendar
                return bars
            }
            return (try data.map(load), try subBars.map(load))
        }
        let pairs = try Self.pairs(params)
        let type = try StrategyRegistry.type(named: strategy)
        if type.descriptor.symbols == .single && series.count != 1 {
            throw ValidationError("\(strategy) trades one symbol; give exactly one --data file")
        }
        if series.count > 1 && (engine == .vectorized || fine != nil) {
            throw ValidationError("several --data files run in the event engine only, without --sub-bars")
        }
        let own = type.descriptor.parameters
        let parameters = try ParameterSet(strategy: strategy, specs: own + Modifiers.parameters(besides: own), text: pairs)
        let ignored = Modifiers.ineffective(pairs.map(\.0).filter { name in !own.contains { $0.name == name } }, in: parameters)
        guard ignored.isEmpty else { throw ValidationError("--param: " + ignored.joined(separator: "; ")) }
        let built = try type.init(parameters: parameters)
        let modifiers = try Modifiers(parameters: parameters, periodsPerYear: series[0].periodsPerYear)
        var config = EngineConfig()
        config.initialCash = cash ?? 10_000
        config.fees = FeeModel(makerBps: makerFeeBps ?? feeBps ?? 10, takerBps: feeBps ?? 10)
        config.fill = fill ?? .nextOpen
        config.intrabar = intrabar ?? .worstCase
        config.lotSize = lotSize
        config.minNotional = minNotional
        config.leverage = leverage ?? 1
        config.maintenanceMargin = maintenanceMargin ?? 0
        config.maxParticipation = maxParticipation
        config.borrowRate = borrowRate ?? 0
        let instruments = series.map { config.trading($0.instrument) }
        let run = Run(engine: engine, config: config, modifiers: modifiers, instruments: instruments, data: series, fine: fine)
        let result = try slippageBps > 0 ? run.callAsFunction(built, slippage: FixedSlippage(bps: slippageBps))
                                         : run.callAsFunction(built, slippage: NoSlippage())
        try write(result, series: series, strategy: strategy, parameters: parameters, engine: engine, files: data)
    }

    /// Writes the run's files to `--out` and prints its summary line and risk event counts.
    func write(_ result: BacktestResult, series: [BarSeries], strategy: String, parameters: ParameterSet, engine: EngineKind,
               files: [String]) throws {
        let metrics: BacktestMetrics
        do { metrics = try BacktestMetrics(result, periodsPerYear: series[0].periodsPerYear) } catch {
            failWith(["error: cannot compute the metrics: \(error.description)"])
        }
        try BacktestOutput(result: result, metrics: metrics, dataFiles: series.count, timeframe: series[0].timeframe,
                           periodsPerYear: series[0].periodsPerYear,
                           strategy: strategy, parameters: parameters, engine: engine,
                           symbols: series.count > 1 ? series.map(\.instrument.symbol) : nil).write(to: out)
        let risk = result.metrics.risk
        let names = files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        let open = result.trades.count - metrics.trades.tradeCount
        print(String(format: "%@ on %@ (%@ engine): %d closed trades%@, final equity %.2f, return %.2f%%, max drawdown %.2f%%, fees %.2f → %@",
                     strategy, names, engine.rawValue, metrics.trades.tradeCount, open > 0 ? " (+\(open) open)" : "",
                     result.metrics.finalEquity, result.metrics.totalReturn * 100, metrics.returnMetrics.maxDrawdown * 100,
                     result.metrics.totalFees, out))
        print("risk events: \(risk.summary)" + (risk.total > 0 ? " (events.csv)" : ""))
    }

    /// `--param key=value` pairs, in order.
    static func pairs(_ params: [String]) throws -> [(String, String)] {
        try params.map { p in
            guard let eq = p.firstIndex(of: "="), eq != p.startIndex else {
                throw ValidationError("--param expects key=value, got \"\(p)\"")
            }
            return (String(p[..<eq]), String(p[p.index(after: eq)...]))
        }
    }

    /// `24/7`, `weekdays` or a positive number of periods per year.
    static func calendar(_ text: String) throws(DataError) -> TradingCalendar {
        if let calendar = TradingCalendar(word: text) { return calendar }
        guard let n = Double(text), n > 0, n <= 1e9 else {
            throw .invalidArgument("--calendar: expected 24/7, weekdays or a number of periods per year in (0, 1e9], got \"\(text)\"")
        }
        return .explicit(periodsPerYear: n)
    }

    /// One run of a built-in on the chosen engine, with the modifiers when any is set.
    struct Run {
        let engine: EngineKind
        let config: EngineConfig
        let modifiers: Modifiers
        let instruments: [Instrument]
        let data: [BarSeries]
        let fine: BarSeries?

        func callAsFunction<Slippage: SlippageModel>(_ strategy: any RegisteredStrategy, slippage: Slippage) throws -> BacktestResult {
            switch engine {
            case .event:
                return try event(strategy, EventEngine(config: config, slippage: slippage))
            case .vectorized:
                guard let vectorized = strategy as? any VectorizedStrategy else {
                    throw StrategyError.unsupportedEngine(strategy: type(of: strategy).descriptor.name, engine: "vectorized")
                }
                return try self.vectorized(vectorized, VectorizedEngine(config: config, slippage: slippage))
            }
        }

        func event<S: EventStrategy, Slippage: SlippageModel>(_ s: S, _ engine: EventEngine<Slippage>) throws -> BacktestResult {
            guard !modifiers.isEmpty else { return try engine.run(s, data: data, subBars: [fine]) }
            return try engine.run(modifiers.apply(s, instruments: instruments), data: data, subBars: [fine])
        }

        func vectorized<S: VectorizedStrategy, Slippage: SlippageModel>(_ s: S, _ engine: VectorizedEngine<Slippage>) throws -> BacktestResult {
            guard !modifiers.isEmpty else { return try engine.run(s, bars: data[0], subBars: fine) }
            return try engine.run(modifiers.vectorized(s, instrument: instruments[0]), bars: data[0], subBars: fine)
        }
    }
}

extension EngineKind: ExpressibleByArgument {}
extension FillTiming: ExpressibleByArgument {}
extension IntrabarPath: ExpressibleByArgument {}
