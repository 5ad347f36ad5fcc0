import Exchanges
import Foundation
import MarketData
import Testing
import TestSupport

/// The adapters read the exchanges' documented examples (Tests/Fixtures/exchanges/README.md)
/// into the documented values.
@Suite struct ExchangeFixtureTests {
    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: Fixtures.url("exchanges/\(name)"))) }

    func stream<A: ExchangeAdapter>(_ adapter: A, _ name: String, at time: Int64 = 42) throws -> [StreamEvent] {
        var events: [StreamEvent] = []
        try bytes(name).withUnsafeBufferPointer { (b) throws(JSONReadError) in try adapter.decodeStream(b, receivedAt: time, into: &events) }
        return events
    }

    @Test func binanceKlinesKeepAllTwelveFieldsThatMatter() throws {
        let page = try bytes("binance_klines.json").withUnsafeBufferPointer { (b) throws(JSONReadError) in
            try BinanceAdapter().decodeHistory(b, instrument: Instrument(symbol: "BNBBTC")!, timeframe: .d1, end: .max)
        }
        #expect(page.ts == [1_499_040_000_000] && page.open == [0.01634790] && page.high == [0.80000000])
        #expect(page.low == [0.01575800] && page.close == [0.01577100] && page.volume == [148976.11427815])
        #expect(page.details == [BarDetail(quoteVolume: 2434.19055334, trades: 308)])
        #expect(page.next == nil)
    }

    @Test func binanceStreamPayloads() throws {
        let adapter = BinanceAdapter()
        guard case let .bar(bar, closed) = try stream(adapter, "binance_stream_kline.json").first else { Issue.record("no bar"); return }
        #expect(!closed && bar.symbol == "BNBBTC" && bar.timeframe == .m1 && bar.ts == 1_672_515_780_000)
        #expect(bar.open == 0.0010 && bar.close == 0.0020 && bar.high == 0.0025 && bar.low == 0.0015 && bar.volume == 1000)
        #expect(bar.detail == BarDetail(quoteVolume: 1.0, trades: 100))
        guard case let .trade(symbol, trade) = try stream(adapter, "binance_stream_trade.json").first else { Issue.record("no trade"); return }
        #expect(symbol == "BNBBTC" && trade == Trade(ts: 1_672_515_782_136, seq: 12345, price: 0.001, size: 100, side: .sell))
        guard case let .quote(qs, quote, id) = try stream(adapter, "binance_stream_bookTicker.json", at: 7).first else { Issue.record("no quote"); return }
        #expect(qs == "BNBUSDT" && id == 400_900_217)
        #expect(quote == Quote(ts: 7, bidPrice: 25.3519, bidSize: 31.21, askPrice: 25.3652, askSize: 40.66))
        guard case let .book(bs, book) = try stream(adapter, "binance_stream_depth.json", at: 9).first else { Issue.record("no book"); return }
        #expect(bs == "BNBBTC" && book == OrderBookUpdate(ts: 9, seq: 160, kind: .snapshot, bids: [BookLevel(price: 0.0024, size: 10)],
                                                            asks: [BookLevel(price: 0.0026, size: 100)]))
    }

    @Test func alpacaBarsAndPageToken() throws {
        let page = try bytes("alpaca_bars.json").withUnsafeBufferPointer { (b) throws(JSONReadError) in
            try AlpacaAdapter().decodeHistory(b, instrument: Instrument(symbol: "BTC/USD")!, timeframe: .h1, end: .max)
        }
        #expect(page.ts == [TimeUnit.parseTime("2024-03-12T10:00:00Z")!] && page.open == [67013.48] && page.close == [66993.9])
        #expect(page.details.first?.trades == 2)
        #expect(abs(page.details.first!.quoteVolume! - 0.014904 * 67003.8955) < 1e-9)
        #expect(page.next == .token("QlRDL1VTRHwxNzEwMjM3NjAwMDAwMDAwMDAw"))
    }

    @Test func alpacaStreamMessages() throws {
        let adapter = AlpacaAdapter()
        let controls = try stream(adapter, "alpaca_stream_control.json").compactMap { e -> StreamControl? in
            if case let .control(c) = e { return c } else { return nil }
        }
        #expect(controls == [.connected, .authenticated, .subscribed("trades (1), quotes (2), orderbooks (1), bars (1)"),
                             .error(code: 402, message: "auth failed")])
        let events = try stream(adapter, "alpaca_stream_data.json")
        #expect(events.count == 4)
        guard case let .trade(ts, trade) = events[0], case let .quote(qs, quote, nil) = events[1],
              case let .bar(bar, true) = events[2], case let .book(os, book) = events[3] else { Issue.record("\(events)"); return }
        let t = TimeUnit.parseTime("2024-03-12T10:27:48.858Z")!
        #expect(ts == "AVAXUSD" && trade == Trade(ts: t, seq: 3_447_222_699_101_865_076, price: 47.299, size: 29.205707815, side: .sell))
        #expect(qs == "BATUSD" && quote == Quote(ts: TimeUnit.parseTime("2024-03-12T10:29:43.111Z")!, bidPrice: 0.35718, bidSize: 13445.46,
                                                 askPrice: 0.3581, askSize: 13561.902))
        #expect(bar.symbol == "BTCUSD" && bar.ts == TimeUnit.parseTime("2024-03-12T10:37:00Z")! && bar.open == 71856.1435 && bar.volume == 0)
        // Nanoseconds past the millisecond tell order-book messages of one millisecond apart: .79613221 s → 796 ms + 132210 ns.
        #expect(os == "BTCUSD" && book.kind == .snapshot && book.ts == TimeUnit.parseTime("2024-03-12T10:38:50.796Z")! && book.seq == 132_210)
        #expect(book.bids == [BookLevel(price: 71859.53, size: 0.27994), BookLevel(price: 71849.4, size: 0.553986)])
        #expect(book.asks.count == 2)
    }

    @Test func alpacaHandshakeSendsAuthThenSubscribe() throws {
        let adapter = AlpacaAdapter(credentials: AlpacaCredentials(keyID: "KEY", secret: "SEC\"RET"))
        let subscription = StreamSubscription(instruments: [Instrument(symbol: "BTC/USD")!, Instrument(symbol: "ETH/USD")!],
                                              channels: [.trades, .orderbooks], timeframe: .m1)
        #expect(try adapter.replies(to: .connected, subscription) == ["{\"action\":\"auth\",\"key\":\"KEY\",\"secret\":\"SEC\\\"RET\"}"])
        #expect(try adapter.replies(to: .authenticated, subscription)
                == ["{\"action\":\"subscribe\",\"trades\":[\"BTC/USD\",\"ETH/USD\"],\"orderbooks\":[\"BTC/USD\",\"ETH/USD\"]}"])
        #expect("\(AlpacaCredentials(keyID: "KEY", secret: "SECRET"))" == "AlpacaCredentials(redacted)")
        #expect(throws: ExchangeError.self) {
            _ = try AlpacaAdapter(credentials: nil).streamURL(subscription)
        }
    }
}

/// Rate-limit headers pause the next request: Binance near its request weight per minute,
/// Alpaca when no request is left until the reset time.
@Suite struct RateLimitTests {
    @Test func binanceWaitsForTheNextMinuteNearTheWeightLimit() {
        let adapter = BinanceAdapter()
        let now: Int64 = 1_700_000_040_000 + 12_000   // 12 s into a minute (1_700_000_040_000 is a multiple of 60,000)
        #expect(adapter.pause(afterHeaders: [("X-MBX-USED-WEIGHT-1M", "120")], now: now) == nil)
        #expect(adapter.pause(afterHeaders: [("x-mbx-used-weight-1m", "5500")], now: now) == .milliseconds(48_000 + 50))
        #expect(adapter.pause(afterHeaders: [], now: now) == nil)
    }

    @Test func alpacaWaitsForTheResetWhenNoRequestIsLeft() {
        let adapter = AlpacaAdapter()
        let now: Int64 = 1_700_000_000_000
        #expect(adapter.pause(afterHeaders: [("X-RateLimit-Remaining", "3"), ("X-RateLimit-Reset", "1700000002")], now: now) == nil)
        #expect(adapter.pause(afterHeaders: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1700000002")], now: now)
                == .milliseconds(2_050))
    }
}
