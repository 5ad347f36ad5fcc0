import ArgumentParser
import Exchanges
import Experiments
import Foundation
import MarketData
import Paper
import PaperAPI

/// `crucible paper [trade] SPEC` (the default of `PaperGroupCommand`): a spec's strategy at one point stepped bar by bar by the event engine
/// on a feed, its state committed to an SQLite file after every bar (`PaperSession`).
struct PaperCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trade",
        abstract: "Paper-trade a spec's strategy on a bar feed, with its state in an SQLite file that survives restarts.",
        discussion: """
        The strategy, its exits, sizing and risk limits, the costs, fill and intrabar rules come \
        from the spec (built-in or rules); its point from --param as for `crucible backtest \
        --spec`, or from a finished run with --from-run (its last walk-forward fold's point, else \
        its best trial's). Each closed bar of the feed is one step of the event engine, the same code a \
        backtest runs, so a replay gives exactly the trades, fills and equity of `crucible \
        backtest --spec` on the event engine over the same bars. The spec's calendar applies \
        to the feed, and its validation policy to a replay file; its data section does not.

        After every bar the state (bars, equity, fills, trades, orders, position, risk events, \
        progress) is committed to --state in one transaction. Started again with the same \
        --state, the run continues after the last bar it committed: none twice, none skipped \
        (docs/paper.md). On a terminal a status line shows the progress.

        Feeds:
          replay:FILE   a bars CSV fed as if live, at full speed or --speed N
                        times real time
          binance:SYMBOL:INTERVAL, alpaca:SYMBOL:INTERVAL
                        the exchange's closed bars as they close (symbol and
                        interval as for `crucible data stream`; Alpaca: 1m
                        only, keys in APCA_API_KEY_ID/APCA_API_SECRET_KEY)

        A live feed first fetches by REST every bar that closed after the state \
        file's last one, then follows the WebSocket stream; after a disconnect it \
        reconnects with backoff and fetches the bars it missed before going on. A \
        gap the exchange's history cannot fill stops the run with an error. \
        --endpoint and --rest-endpoint point it elsewhere (a local mock). The \
        summary line then gives the decision latency (bar receipt to orders \
        decided, p50/p99).

        --listen 127.0.0.1:PORT serves the state file as JSON while the run goes on: GET /status, \
        /positions, /orders, /fills, /equity; POST /stop ends the run after the bar in progress. \
        On an address other than loopback a token is generated on the first start, printed once \
        and required as `Authorization: Bearer TOKEN` (the file keeps only its SHA-256).

        Examples:
          crucible paper experiments/grid_sma_cross.json \\
            --param fast=10 --param slow=50 \\
            --feed replay:datasets/btcusdt_1h.csv --state results/paper.sqlite
          crucible paper experiments/grid_sma_cross.json \\
            --from-run results/grid_sma_cross/<run-id> \\
            --feed replay:datasets/btcusdt_1h.csv --speed 3600 \\
            --state results/paper.sqlite
          crucible paper experiments/grid_sma_cross.json \\
            --param fast=10 --param slow=50 \\
            --feed binance:BTCUSDT:1h --state results/paper.sqlite
        """)

    @Argument(help: "Experiment spec (JSON): the strategy, its modifiers and the engine settings.")
    var spec: String

    @Option(name: .customLong("param"), help: "A parameter of the spec's space as key=value (repeatable); every searched one needs a value.")
    var params: [String] = []

    @Option(name: .customLong("from-run"), help: "A `crucible run` result folder: trade the point it chose (its last walk-forward fold's, else its best trial's) instead of --param.")
    var fromRun: String?

    @Option(help: "Where bars come from: replay:FILE (a bars CSV), binance:SYMBOL:INTERVAL or alpaca:SYMBOL:INTERVAL (live).")
    var feed: String

    @Option(help: "A live feed's WebSocket base URL (default: the exchange's public stream).")
    var endpoint: String?

    @Option(help: "A live feed's REST base URL for backfills (default: the exchange's public API).")
    var restEndpoint: String?

    @Option(help: "Replay at N times real time (default: as fast as possible).")
    var speed: Double?

    @Option(help: "SQLite state file, created if missing; the same file continues a run.")
    var state: String

    @Option(help: "Serve the local HTTP API on HOST:PORT (GET /status /positions /orders /fills /equity, POST /stop); off loopback every request needs the bearer token printed on first start.")
    var listen: String?

    @Option(name: .customLong("max-bars"), help: "Stop after processing N new bars (the state file continues later).")
    var maxBars: Int?

    @Flag(help: "No summary line.")
    var quiet = false

    func run() async throws {
        if let maxBars, maxBars < 0 { throw ValidationError("--max-bars must not be negative, got \(maxBars)") }
        let loaded: (spec: ExperimentSpec, text: String)
        do { loaded = try SpecDecoder.load(contentsOf: URL(fileURLWithPath: spec)) } catch { failWith(error.lines()) }
        var pairs = try BacktestCommand.pairs(params).map { (name: $0.0, value: $0.1) }
        if let fromRun {
            guard params.isEmpty else { throw ValidationError("--param and --from-run: give one of them (the run's point is complete)") }
            pairs = chosenPoint(fromRun, spec: loaded)
        }
        do {
            let values = try SpecBacktest.point(loaded.spec, pairs)
            try await trade(PaperStrategy(spec: loaded.spec, values: values), specText: loaded.text)
        } catch let error as SpecError {
            failWith(error.lines())
        } catch {
            failWith(["error: \(error)"])
        }
    }

    /// The status line: bars, the latest bar, equity, position, fills.
    static func statusText(_ run: IncrementalRun, total: Int) -> String {
        let equity = run.equity.last.map { String(format: "%.2f", $0) } ?? "-"
        return "bar \(total), \(run.lastTs.map(formatTimestamp) ?? "-"): equity \(equity), position \(run.position), \(run.fills.count) fills"
    }

    /// The point the run in `folder` chose, as assignments of the spec's parameters.
    private func chosenPoint(_ folder: String, spec: (spec: ExperimentSpec, text: String)) -> [(name: String, value: String)] {
        let chosen: ChosenPoint
        do { chosen = try ChosenPoint.of(resultFolder: folder) } catch { failWith(["error: --from-run: \(error)"]) }
        let names = spec.spec.strategy.space.names
        guard chosen.point.names == names else {
            failWith(["error: --from-run \(folder): its run has parameters \(chosen.point.names.joined(separator: ", ")), the spec "
                      + "\(names.isEmpty ? "none" : names.joined(separator: ", "))"])
        }
        if !quiet {
            let differs = chosen.specText != spec.text ? " (the run's spec text differs from \(self.spec); only its point is taken)" : ""
            FileHandle.standardError.write(Data("point from \(folder): \(chosen.source): \(chosen.point)\(differs)\n".utf8))
        }
        return chosen.assignments
    }

    private func trade(_ strategy: PaperStrategy, specText: String) async throws {
        let option = try PaperFeedOption.parse(feed)
        if strategy.spec.engine.kind != .event && !quiet {
            FileHandle.standardError.write(Data("note: paper trading runs the event engine (the spec names \(strategy.spec.engine.kind.rawValue))\n".utf8))
        }
        let session: PaperSession, source: any PaperBarSource
        var live: LiveFeed?
        switch option {
        case let .replay(path):
            guard endpoint == nil && restEndpoint == nil else {
                throw ValidationError("--endpoint and --rest-endpoint are for a live feed, not replay:FILE")
            }
            var replay = try ReplayFeed(path: path, policy: strategy.spec.data.validation, calendar: strategy.spec.data.calendar, speed: speed)
            session = try PaperSession(strategy: strategy, specText: specText, statePath: state, instrument: replay.instrument,
                                       timeframe: replay.timeframe, periodsPerYear: replay.periodsPerYear, expectedBars: replay.expectedBars)
            if let last = session.run.lastTs { replay.seek(to: last) }
            source = ReplaySource(replay)
        case let .exchange(name, instrument, timeframe):
            guard speed == nil else { throw ValidationError("--speed paces a replay; a live feed comes at the exchange's pace") }
            let columns = strategy.importedColumns
            guard columns.isEmpty else {
                throw PaperError.unsupported("the strategy reads the imported data columns \(columns.joined(separator: ", ")), which come from "
                                             + "files a live feed cannot extend bar by bar; trade it on --feed replay:FILE")
            }
            session = try PaperSession(strategy: strategy, specText: specText, statePath: state, instrument: instrument, timeframe: timeframe,
                                       periodsPerYear: strategy.spec.data.calendar.periodsPerYear(timeframe), expectedBars: 0)
            let feed = try liveFeed(name, instrument, timeframe, calendar: strategy.spec.data.calendar, after: session.run.lastTs)
            live = feed
            source = feed
        }
        let before = session.barsProcessed
        let stop = StopRequest(also: live?.stop)
        var server: PaperServer?
        if let listen { server = try await serve(listen, state: session.state, stop: stop) }
        // On a terminal, a status line redrawn at most ten times a second (`StatusLine`).
        let status = StatusLine(), clock = ContinuousClock()
        var shown = clock.now - .seconds(1)
        var latency = DecisionLatency()
        let processed: Int
        do {
            processed = try await PaperLoop.run(session, source: source, maxBars: maxBars, latency: &latency,
                                                shouldStop: { stop.isRequested }) { count in
                if !quiet && clock.now - shown >= .milliseconds(100) {
                    shown = clock.now
                    status.show(Self.statusText(session.run, total: before + count))
                }
            }
        } catch {
            status.finish()
            await live?.close()
            await server?.shutdown()
            throw error
        }
        status.finish()
        await live?.close()
        await server?.shutdown()
        guard !quiet else { return }
        let run = session.run
        let equity = run.equity.last.map { String(format: "%.2f", $0) } ?? "-"
        print("\(processed) new bar(s), \(before + processed) in total, last \(run.lastTs.map(formatTimestamp) ?? "-"): equity \(equity), "
              + "position \(run.position), \(run.fills.count) fills, \(run.closedTrades.count) closed trades → \(state)")
        if let live {
            let c = live.counts
            print("  \(live.exchange): \(c.streamed) bar(s) streamed, \(c.backfilled) backfilled by REST in \(c.gapsFilled) gap(s), "
                  + "\(c.duplicates) repeat(s) dropped, \(live.streamStats.reconnects) reconnect(s)")
            if let line = latency.summary { print("  " + line) }
        }
    }

    /// The live feed of `--feed EXCHANGE:SYMBOL:INTERVAL`, its endpoints from `--endpoint` and
    /// `--rest-endpoint`; reconnects and backfills are logged on stderr.
    private func liveFeed(_ name: ExchangeName, _ instrument: Instrument, _ timeframe: Timeframe, calendar: TradingCalendar,
                          after: Int64?) throws -> LiveFeed {
        let log: @Sendable (String) -> Void = { [quiet] message in
            if !quiet { FileHandle.standardError.write(Data("\(message)\n".utf8)) }
        }
        switch name {
        case .binance:
            let adapter = BinanceAdapter(restEndpoint: restEndpoint, streamEndpoint: endpoint)
            return LiveFeed(adapter: adapter, instrument: instrument, timeframe: timeframe, calendar: calendar, after: after, log: log)
        case .alpaca:
            let adapter = AlpacaAdapter(restEndpoint: restEndpoint, streamEndpoint: endpoint, credentials: AlpacaCredentials.fromEnvironment())
            do throws(ExchangeError) {
                _ = try adapter.streamURL(StreamSubscription(instruments: [instrument], channels: [.bars], timeframe: timeframe))
            } catch {
                throw ValidationError("--feed \(feed): \(error.description)")
            }
            return LiveFeed(adapter: adapter, instrument: instrument, timeframe: timeframe, calendar: calendar, after: after, log: log)
        }
    }
}
