import ExchangeMocks
import Exchanges
import Foundation
import MarketData
import Testing

/// `LiveBars`: an exchange's closed bars in order, each once, none skipped — the start's
/// catch-up by REST in bounded chunks, then the stream with its repeats dropped.
@Suite struct LiveBarsTests {
    let bars = minutes.slice(0..<120)

    func options() -> StreamOptions {
        var options = StreamOptions()
        options.silenceTimeout = .seconds(10)
        options.reconnect = Backoff(attempts: 5, base: .milliseconds(20), cap: .milliseconds(100))
        options.rest = quickBackoff
        return options
    }

    @Test func aCatchUpComesInChunksThenTheStreamContinues() async throws {
        let server = try await MockExchangeServer.start()
        defer { Task { await server.stop() } }
        server.serve(bars.slice(0..<100), symbol: "BTCUSDT")
        // The stream repeats 95–99 (closed and open updates) and goes on to 119.
        let messages = (95..<120).flatMap { i in
            [BinanceMessages.kline(bars, i, symbol: "BTCUSDT", closed: false), BinanceMessages.kline(bars, i, symbol: "BTCUSDT", closed: true)]
        }
        server.script([[.send(messages), .silence]])
        let live = LiveBars(adapter: BinanceAdapter(restEndpoint: server.restURL, streamEndpoint: server.binanceStreamURL),
                            instrument: Instrument(symbol: "BTCUSDT")!, timeframe: .m1, after: bars.ts[9], options: options(),
                            backfillChunk: 7)
        var got: [LiveBar] = []
        while got.count < 110, let bar = try await live.next() { got.append(bar) }
        await live.close()
        #expect(got.map(\.bar) == (10..<120).map { bars.bar($0) })
        #expect(got.map(\.source) == Array(repeating: .backfill, count: 90) + Array(repeating: .stream, count: 20))
        let c = live.counts
        #expect(c.streamed == 20 && c.backfilled == 90 && c.gapsFilled == 1 && c.duplicates == 5, "\(c)")
        // 90 bars in chunks of 7: 13 requests, each starting where the one before ended.
        let requests = server.requests
        let starts = stride(from: 10, to: 100, by: 7).map { "startTime=" + String(bars.ts[$0]) + "&" }
        #expect(requests.count == 13 && zip(requests, starts).allSatisfy { $0.0.contains($0.1) }, "\(requests)")
    }
}
