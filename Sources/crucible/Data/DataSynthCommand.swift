import ArgumentParser
import MarketData

/// `crucible data synth`: seeded synthetic OHLCV paths.
struct DataSynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate a seeded synthetic OHLCV path (GBM, GARCH(1,1), Merton jumps, bootstrap).",
        discussion: """
        The same seed always gives the same path. Drift and volatilities are annualized for gbm \
        and merton; garch takes per-bar ω, α, β; bootstrap resamples blocks of real bars from \
        --source.

        Examples:
          crucible data synth --model gbm --bars 8760 --timeframe 1h --drift 0.1 --volatility 0.8 --seed 1 --output /tmp/gbm.csv
          crucible data synth --model garch --omega 2e-6 --alpha 0.08 --beta 0.9 --bars 5000 --seed 7
          crucible data synth --model merton --jumps-per-year 12 --jump-mean -0.03 --jump-volatility 0.06 --seed 3
          crucible data synth --model bootstrap --source datasets/btcusdt_1d.csv --block 10 --bars 2000 --timeframe 1d --seed 9
        """
    )

    @Option(help: "gbm | garch | merton | bootstrap.")
    var model: String = "gbm"

    @Option(help: "Number of bars.")
    var bars: Int = 1000

    @Option(help: "Bar interval.")
    var timeframe: String = "1h"

    @Option(help: "Seed of the GSL mt19937 generator.")
    var seed: UInt64 = 1

    @Option(help: "First bar time: ISO-8601 or epoch ms.")
    var start: String = "2024-01-01"

    @Option(help: "Opening price.")
    var price: Double = 100

    @Option(help: "Mean volume per bar.")
    var volume: Double = 100

    @Option(help: "Annualized drift μ (gbm, merton).")
    var drift: Double = 0

    @Option(help: "Annualized volatility σ (gbm, merton).")
    var volatility: Double = 0.6

    @Option(help: "GARCH mean log return per bar.")
    var mean: Double = 0
    @Option(help: "GARCH ω.")
    var omega: Double = 2e-6
    @Option(help: "GARCH α.")
    var alpha: Double = 0.08
    @Option(help: "GARCH β.")
    var beta: Double = 0.9

    @Option(help: "Merton jump intensity per year.")
    var jumpsPerYear: Double = 10
    @Option(help: "Merton mean log jump.")
    var jumpMean: Double = -0.02
    @Option(help: "Merton log-jump volatility.")
    var jumpVolatility: Double = 0.05

    @Option(help: "Bootstrap: CSV file of real bars.")
    var source: String?
    @Option(help: "Bootstrap: block length in bars.")
    var block: Int = 1

    @Option(help: "Symbol of the synthetic series.")
    var symbol: String = "SYNUSDT"

    @Option(help: "Output CSV file; - or omitted for standard output.")
    var output: String?

    @Flag(help: "Also store the path in the store (see --store).")
    var save = false

    @OptionGroup var storeOption: StoreOption

    func run() throws {
        try reportingErrors { () throws(DataError) in
            let frame = try Timeframe.parse(timeframe)
            let chosen: SyntheticModel
            switch model.lowercased() {
            case "gbm": chosen = .gbm(drift: drift, volatility: volatility)
            case "garch": chosen = .garch(mean: mean, omega: omega, alpha: alpha, beta: beta)
            case "merton": chosen = .merton(drift: drift, volatility: volatility, jumpsPerYear: jumpsPerYear,
                                            jumpMean: jumpMean, jumpVolatility: jumpVolatility)
            case "bootstrap":
                guard let source else { throw .invalidArgument("--model bootstrap needs --source FILE") }
                chosen = .bootstrap(source: try CSVBarReader.read(path: source), blockLength: block)
            default: throw .invalidArgument("unknown model \"\(model)\"; expected gbm, garch, merton or bootstrap")
            }
            guard let instrument = Instrument(symbol: symbol) else { throw .invalidArgument("cannot read the symbol \"\(symbol)\"") }
            let path = try SyntheticBars.generate(chosen, count: bars, timeframe: frame, seed: seed,
                                                  start: parseTimeOption(start, name: "start") ?? 0, initialPrice: price,
                                                  baseVolume: volume, instrument: instrument)
            if save { _ = try BarStore(path: storeOption.store).insert(path) }
            if output != nil || !save { try emitCSV(path, to: output) }
        }
    }
}
