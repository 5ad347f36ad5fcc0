import ArgumentParser
import Exchanges
import Foundation
import MarketData

/// `crucible data download`: history from an exchange into the store.
struct DataDownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download bars from Binance or Alpaca into the SQLite store.",
        discussion: """
        Binance: public klines (GET /api/v3/klines), no key needed. Alpaca: crypto bars \
        (GET /v1beta3/crypto/us/bars); the keys APCA_API_KEY_ID and APCA_API_SECRET_KEY are \
        used when set (never printed or stored).

        Pages are validated as they arrive and stored about 10,000 bars per transaction, together with the run's lineage row \
        (exchange, endpoint, symbol, range, rows, anomalies). Timeouts, 5xx and 429/418 are \
        retried with exponential backoff (429/418 wait for Retry-After). A killed or failed \
        download resumes from the last stored bar; running it again changes nothing. The bar \
        still open at the end of the range is not stored. Every page goes through --policy.

        Examples:
          crucible data download --exchange binance --symbol BTCUSDT --timeframe 1h --start 2024-01-01
          crucible data download --exchange alpaca --symbol BTC/USD --timeframe 1d --start 2022-01-01 --end 2024-01-01
        """
    )

    @Option(help: "binance | alpaca.")
    var exchange: ExchangeName

    @Option(help: "Symbol, e.g. BTCUSDT (Binance) or BTC/USD (Alpaca).")
    var symbol: String

    @Option(help: "Bar interval: 1m 3m 5m 15m 30m 1h 2h 4h 6h 12h 1d 1w 1M (case matters: 1m is a minute, 1M a calendar month).")
    var timeframe: String

    @Option(help: "First bar's open time: ISO-8601 date/time or epoch ms.")
    var start: String

    @Option(help: "End of the range (exclusive): ISO-8601 date/time or epoch ms; default now.")
    var end: String?

    @OptionGroup var storeOption: StoreOption

    @Option(help: "REST base URL (default: the exchange's public API).")
    var endpoint: String?

    @Option(help: "fail | warn | drop | fill-forward.")
    var policy: String = "fail"

    func run() async throws {
        let status = StatusLine()
        let plan = try reportingErrors { () throws(DataError) -> (ValidationPolicy, Timeframe, Int64, Int64?) in
            let policy = try ValidationPolicy.parse(policy)
            let frame = try Timeframe.parse(timeframe)
            guard let from = try parseTimeOption(start, name: "start") else { throw .invalidArgument("--start is required") }
            let to = try parseTimeOption(end, name: "end")
            if let to, to <= from { throw .invalidArgument("--end (\(formatTimestamp(to))) must be after --start (\(formatTimestamp(from)))") }
            return (policy, frame, from, to)
        }
        // A store this command created stays only if something went into it (a failed
        // download keeps the pages it stored, so that the next run resumes).
        let path = storeOption.store
        let existed = FileManager.default.fileExists(atPath: path)
        defer {
            if !existed, (try? BarStore(path: path, readOnly: true).summary().isEmpty) ?? true { try? FileManager.default.removeItem(atPath: path) }
        }
        let outcome = try await reportingExchangeErrors { () async throws(ExchangeError) -> DownloadOutcome in
            let instrument = try parseInstrument(symbol, option: "--symbol")
            let request = DownloadRequest(instrument: instrument, timeframe: plan.1, start: plan.2, end: plan.3, policy: plan.0)
            let store: BarStore
            do throws(DataError) { store = try BarStore(path: storeOption.store) } catch { throw .store(error) }
            let progress: (DownloadProgress) -> Void = { p in
                let eta = p.etaSeconds.map { "ETA \(Int($0.rounded()))s" } ?? "ETA ?"
                status.show("\(instrument.symbol) \(plan.1): \(grouped(p.bars))/\(grouped(p.expectedBars)) bars, \(eta)")
            }
            let onRetry: @Sendable (Int, String, Duration) -> Void = { attempt, reason, wait in
                status.log("\(reason); try \(attempt + 1) in \(String(format: "%.1f", wait / .seconds(1))) s")
            }
            defer { status.finish() }
            switch exchange {
            case .binance:
                return try await HistoryDownloader(adapter: BinanceAdapter(restEndpoint: endpoint))
                    .run(request, into: store, progress: progress, onRetry: onRetry)
            case .alpaca:
                let adapter = AlpacaAdapter(restEndpoint: endpoint, credentials: AlpacaCredentials.fromEnvironment())
                return try await HistoryDownloader(adapter: adapter).run(request, into: store, progress: progress, onRetry: onRetry)
            }
        }
        let name = Instrument(symbol: symbol)?.symbol ?? symbol
        let range = "\(formatTimestamp(outcome.start)) to \(formatTimestamp(outcome.end))"
        if outcome.openBarSkipped { print("the bar opening at \(formatTimestamp(outcome.end)) is still open: not stored") }
        if outcome.received == 0 {
            if outcome.alreadyStored > 0 {
                print("\(name) \(timeframe) \(range): already stored (\(grouped(outcome.alreadyStored)) bars); nothing changed")
                return
            }
            FileHandle.standardError.write(Data("error: \(exchange.rawValue) returned no \(name) \(timeframe) bars for \(range)\n".utf8))
            throw ExitCode.failure
        }
        let r = outcome.report
        print("\(name) \(timeframe) \(range) from \(exchange.rawValue): \(grouped(outcome.received)) bars in \(outcome.pages) pages → "
              + "\(storeOption.store) (\(grouped(outcome.inserted)) new, \(grouped(outcome.unchanged + outcome.alreadyStored)) already stored)")
        print("  anomalies: \(r.gaps) gaps (\(r.missingBars) missing bars), \(r.zeroVolume) zero-volume, \(r.spikes) spikes, "
              + "\(r.brokenRows) broken rows; policy \(r.policy.rawValue): dropped \(r.dropped), filled \(r.filled)")
    }
}
