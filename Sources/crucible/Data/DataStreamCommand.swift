import ArgumentParser
import Dispatch
import Exchanges
import Foundation
import MarketData

/// `crucible data stream`: live bars, trades, quotes and order books into the store.
struct DataStreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Stream live market data from Binance or Alpaca into the SQLite store.",
        discussion: """
        Binance: combined streams <symbol>@kline_<tf>, @trade, @bookTicker, @depth20 (no key). \
        Alpaca: the crypto stream (minute bars, trades, quotes, order books); needs \
        APCA_API_KEY_ID and APCA_API_SECRET_KEY.

        Closed bars only; trades, quotes and order books (top 20 levels) in their own tables; \
        batched transactions. Pings and a silence timeout detect dead connections; reconnects \
        back off exponentially with jitter and subscribe again; bars missed while disconnected \
        are backfilled by REST from --rest-endpoint. Duplicated and out-of-order messages are \
        stored once; malformed ones are counted, logged and skipped. SIGINT/SIGTERM commit \
        everything received and exit.

        Examples:
          crucible data stream --exchange binance --symbols BTCUSDT,ETHUSDT --channels bars,trades --duration 60
          crucible data stream --exchange alpaca --symbols BTC/USD --channels bars,quotes,orderbooks --max-messages 10000
        """
    )

    @Option(help: "binance | alpaca.")
    var exchange: ExchangeName

    @Option(help: "Comma-separated symbols, e.g. BTCUSDT,ETHUSDT (Binance) or BTC/USD (Alpaca).")
    var symbols: String

    @Option(help: "Comma-separated: bars, trades, quotes, orderbooks.")
    var channels: String

    @Option(help: "Bar interval of the bars channel.")
    var timeframe: String = "1m"

    @OptionGroup var storeOption: StoreOption

    @Option(help: "WebSocket base URL (default: the exchange's public stream).")
    var endpoint: String?

    @Option(help: "REST base URL for backfills (default: the exchange's public API).")
    var restEndpoint: String?

    @Option(help: "Stop after this many seconds.")
    var duration: Double?

    @Option(help: "Stop after this many messages.")
    var maxMessages: Int?

    func validate() throws {
        if duration != nil && maxMessages != nil { throw ValidationError("give --duration or --max-messages, not both") }
        if let duration, !(duration > 0 && duration < 1e9) { throw ValidationError("--duration must be a positive number of seconds") }
        if let maxMessages, maxMessages <= 0 { throw ValidationError("--max-messages must be positive") }
    }

    func run() async throws {
        let status = StatusLine()
        let stats = try await reportingExchangeErrors { () async throws(ExchangeError) -> StreamStats in
            let instruments = try symbols.split(separator: ",").map { (s) throws(ExchangeError) -> Instrument in
                try parseInstrument(String(s), option: "--symbols")
            }
            guard !instruments.isEmpty else { throw .invalidArgument("--symbols: name at least one symbol") }
            let frame: Timeframe
            do throws(DataError) { frame = try Timeframe.parse(timeframe) } catch { throw .invalidArgument(error.description) }
            let subscription = StreamSubscription(instruments: instruments, channels: try StreamChannel.parseList(channels), timeframe: frame)
            var options = StreamOptions()
            options.duration = duration.map { .milliseconds(Int64($0 * 1000)) }
            options.maxMessages = maxMessages
            let store: BarStore
            do throws(DataError) { store = try BarStore(path: storeOption.store) } catch { throw .store(error) }
            switch exchange {
            case .binance:
                let adapter = BinanceAdapter(restEndpoint: restEndpoint, streamEndpoint: endpoint)
                return try await stream(StreamIngestor(adapter: adapter, subscription: subscription, options: options, log: status.log),
                                        store: store, status: status)
            case .alpaca:
                let adapter = AlpacaAdapter(restEndpoint: restEndpoint, streamEndpoint: endpoint, credentials: AlpacaCredentials.fromEnvironment())
                return try await stream(StreamIngestor(adapter: adapter, subscription: subscription, options: options, log: status.log),
                                        store: store, status: status)
            }
        }
        print("\(grouped(stats.messages)) messages, \(grouped(stats.records)) records received; \(grouped(stats.stored)) stored in "
              + "\(grouped(stats.batches)) batches → \(storeOption.store)")
        print("  \(grouped(stats.duplicates)) duplicates dropped, \(grouped(stats.openBarUpdates)) open-bar updates skipped, "
              + "\(stats.malformed) malformed, \(stats.reconnects) reconnects, \(stats.gapsBackfilled) gaps backfilled "
              + "(\(grouped(stats.barsBackfilled)) bars), p99 receipt-to-commit lag \(String(format: "%.1f", stats.p99LagMs)) ms")
        if stats.barConflicts > 0 { print("  \(stats.barConflicts) closed bars differed from the stored copy (kept the stored one)") }
        if stats.backfillFailures > 0 {
            FileHandle.standardError.write(Data("error: \(stats.backfillFailures) backfill(s) failed; the store has gaps the exchange did not have\n".utf8))
            throw ExitCode.failure
        }
        if stats.records == 0 {
            FileHandle.standardError.write(Data("error: the stream delivered no records\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Runs the ingestor with SIGINT/SIGTERM wired to a clean stop and a status line.
    private func stream<A: ExchangeAdapter>(_ ingestor: StreamIngestor<A>, store: BarStore,
                                            status: StatusLine) async throws(ExchangeError) -> StreamStats {
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                status.log("signal \(number == SIGINT ? "SIGINT" : "SIGTERM"): committing what was received, then exiting")
                ingestor.stop()
            }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() }; status.finish() }
        return try await ingestor.run(into: store) { s in
            let lag = s.exchangeLagMs.map { String(format: "%.0f ms", $0) } ?? "–"
            status.show("\(grouped(Int(s.messagesPerSecond))) msg/s, \(grouped(s.stored)) stored, lag \(lag) (exchange → commit), "
                        + "\(s.reconnects) reconnects, \(s.gapsBackfilled) gaps backfilled")
        }
    }
}
