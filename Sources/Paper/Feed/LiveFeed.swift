import Exchanges
import MarketData

/// `--feed binance:SYMBOL:INTERVAL` or `alpaca:SYMBOL:INTERVAL`: an exchange's closed bars as
/// they close (`LiveBars`: the WebSocket stream with its reconnects, and REST backfills of
/// whatever closed after the state file's last bar or while the stream was down), each bar
/// exactly once, in order, none skipped — a gap the exchange's history cannot fill stops the
/// run with an error naming the bar.
///
/// Live bars are taken as the exchange sends them: the spec's validation policy applies to
/// replay files (its calendar gives the periods per year).
public final class LiveFeed: PaperBarSource {
    public let instrument: Instrument
    public let timeframe: Timeframe
    public let periodsPerYear: Double
    /// The exchange's name (`binance`).
    public let exchange: String
    /// Ends the feed from any thread (`POST /stop`); the bar loop then ends after the bar in progress.
    public let stop: @Sendable () -> Void
    private let pull: () async throws(ExchangeError) -> LiveBar?
    private let countsNow: () -> LiveBarCounts
    private let statsNow: () -> StreamStats
    private let closeNow: () async -> Void

    /// Bars of `instrument` at `timeframe` from `adapter`, after the bar opening at `after`
    /// (the state file's last bar; nil for a new file).
    public init<Adapter: ExchangeAdapter>(adapter: Adapter, instrument: Instrument, timeframe: Timeframe, calendar: TradingCalendar,
                                          after: Int64?, options: StreamOptions = StreamOptions(),
                                          log: @escaping @Sendable (String) -> Void = { _ in }) {
        let bars = LiveBars(adapter: adapter, instrument: instrument, timeframe: timeframe, after: after, options: options, log: log)
        self.instrument = instrument
        self.timeframe = timeframe
        self.periodsPerYear = calendar.periodsPerYear(timeframe)
        self.exchange = adapter.name
        self.stop = bars.stopper
        self.pull = { () async throws(ExchangeError) -> LiveBar? in try await bars.next() }
        self.countsNow = { bars.counts }
        self.statsNow = { bars.streamStats }
        self.closeNow = { await bars.close() }
    }

    /// Stops the stream and waits for its connection to close.
    public func close() async { await closeNow() }

    /// Bars streamed and backfilled, gaps filled, repeats dropped so far.
    public var counts: LiveBarCounts { countsNow() }
    /// The stream's counters (reconnects among them).
    public var streamStats: StreamStats { statsNow() }

    public func nextBar() async throws -> FedBar? {
        do {
            guard let live = try await pull() else { return nil }
            return FedBar(bar: live.bar, receivedAt: live.source == .stream ? live.receivedAt : nil)
        } catch {
            throw PaperError.feed("\(exchange): \(error.description)")
        }
    }
}
