import ExchangeMocks
import Exchanges
import Foundation
import MarketData
import Testing
import TestSupport

/// Runs a Binance stream against the mock until `maxMessages` (or the stream gives up).
func runBinanceStream(_ server: MockExchangeServer, _ temp: TemporaryStore, channels: [StreamChannel] = [.bars],
                      maxMessages: Int?, duration: Duration? = nil, silence: Duration = .seconds(10)) async throws -> StreamStats {
    var options = StreamOptions()
    options.maxMessages = maxMessages
    options.duration = duration ?? .seconds(120)
    options.silenceTimeout = silence
    options.reconnect = Backoff(attempts: 5, base: .milliseconds(20), cap: .milliseconds(100))
    options.rest = quickBackoff
    let adapter = BinanceAdapter(restEndpoint: server.restURL, streamEndpoint: server.binanceStreamURL)
    let ingestor = StreamIngestor(adapter: adapter, subscription: StreamSubscription(instruments: [Instrument(symbol: "BTCUSDT")!],
                                                                                       channels: channels, timeframe: .m1),
                                  options: options)
    return try await ingestor.run(into: temp.store)
}

@Suite("Binance streams against the mock exchange: nothing lost, nothing duplicated")
struct BinanceStreamTests {
    let bars = minutes.slice(0..<40)

    func klines(_ range: Range<Int>, closed: Bool = true) -> [String] {
        range.map { BinanceMessages.kline(bars, $0, symbol: "BTCUSDT", closed: closed) }
    }

    @Test func storesClosedBarsTradesQuotesAndBooks() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        var messages: [String] = []
        for i in 0..<10 {
            messages.append(BinanceMessages.kline(bars, i, symbol: "BTCUSDT", closed: false))
            messages.append(BinanceMessages.kline(bars, i, symbol: "BTCUSDT", closed: true))
            messages.append(BinanceMessages.trade(symbol: "BTCUSDT", id: Int64(100 + i), time: bars.ts[i] + 500, price: bars.close[i],
                                                  quantity: 0.5, buyerIsMaker: i % 2 == 0))
            messages.append(BinanceMessages.bookTicker(symbol: "BTCUSDT", updateID: Int64(1000 + i), bid: bars.close[i] - 1, bidQty: 2,
                                                       ask: bars.close[i] + 1, askQty: 3))
            messages.append(BinanceMessages.depth(symbol: "BTCUSDT", levels: 20, lastUpdateID: Int64(5000 + i),
                                                  bids: [(bars.close[i] - 1, 1), (bars.close[i] - 2, 2)], asks: [(bars.close[i] + 1, 4)]))
        }
        server.script([[.send(messages), .silence]])
        let stats = try await runBinanceStream(server, temp, channels: StreamChannel.allCases, maxMessages: messages.count)
        #expect(server.streamURLs.first == "/stream?streams=btcusdt@kline_1m/btcusdt@trade/btcusdt@bookTicker/btcusdt@depth20")
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSDT", timeframe: .m1), bars.slice(0..<10)))
        #expect(try temp.store.details(symbol: "BTCUSDT", timeframe: .m1).map(\.detail) == (0..<10).map { MockBarDetails.detail(bars, $0) })
        let trades = try temp.store.trades(symbol: "BTCUSDT")
        #expect(trades.map(\.seq) == Array(100..<110))
        #expect(trades.map(\.side) == (0..<10).map { $0 % 2 == 0 ? Trade.Side.sell : .buy })   // buyer is maker → the seller took
        let quotes = try temp.store.quotes(symbol: "BTCUSDT")
        #expect(quotes.count == 10 && quotes.map(\.bidPrice) == (0..<10).map { bars.close[$0] - 1 })
        let books = try temp.store.books(symbol: "BTCUSDT")
        #expect(books.map(\.seq) == Array(5000..<5010))
        #expect(books.first?.bids == [BookLevel(price: bars.close[0] - 1, size: 1), BookLevel(price: bars.close[0] - 2, size: 2)])
        #expect(stats.openBarUpdates == 10 && stats.stored == 40 && stats.malformed == 0)
    }

    @Test func aDroppedConnectionIsReconnectedAndTheGapBackfilled() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(bars, symbol: "BTCUSDT")
        // Bars 10–14 close while the client is away; the second connection starts at bar 15.
        server.script([[.send(klines(0..<10)), .close], [.send(klines(15..<25)), .silence]])
        let stats = try await runBinanceStream(server, temp, maxMessages: 20)
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSDT", timeframe: .m1), bars.slice(0..<25)))
        #expect(stats.reconnects == 1 && stats.gapsBackfilled == 1 && stats.barsBackfilled == 5)
        // The one backfill request asks for exactly the missed bars 10–14. (The range is built
        // outside the expectation: interpolating inside the macro's closure misbehaved here.)
        let requests = server.requests
        let missed = "startTime=" + String(bars.ts[10]) + "&endTime=" + String(bars.ts[15] - 1)
        #expect(requests == ["/api/v3/klines?symbol=BTCUSDT&interval=1m&" + missed + "&limit=1000"])
        // The backfill left a lineage row.
        #expect(try temp.store.fetches().map(\.rows) == [5])
    }

    @Test func aDisconnectDuringTheBackfillIsRetried() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(bars, symbol: "BTCUSDT")
        server.queue([.drop, .status(500, retryAfter: nil)])
        server.script([[.send(klines(0..<10)), .close], [.send(klines(15..<25)), .silence]])
        let stats = try await runBinanceStream(server, temp, maxMessages: 20)
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSDT", timeframe: .m1), bars.slice(0..<25)))
        #expect(stats.gapsBackfilled == 1 && stats.backfillFailures == 0 && server.requests.count == 3)
    }

    @Test func aSilentServerCountsAsDead() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(bars, symbol: "BTCUSDT")
        // The first connection stays open but says nothing after bar 4 (pings are still answered);
        // every later one sends bars 5–11 and falls silent too, so a slow machine that drops one
        // early still gets the bars from the next.
        server.script([[.send(klines(0..<5)), .silence]] + Array(repeating: [.send(klines(5..<12)), .silence], count: 8))
        let stats = try await runBinanceStream(server, temp, maxMessages: 12, silence: .seconds(1))
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSDT", timeframe: .m1), bars.slice(0..<12)))
        #expect(stats.reconnects >= 1 && server.connections >= 2 && stats.gapsBackfilled == 0)
    }

    @Test func malformedMessagesAreCountedAndSkipped() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        let bad = ["{not json", "{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"k\":{\"t\":\"soon\"}}}", "[]",
                   "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"NaN\",\"T\":5}}",
                   String(repeating: "[", count: 5000)]
        server.script([[.send(klines(0..<3) + bad + klines(3..<6)), .silence]])
        let stats = try await runBinanceStream(server, temp, channels: [.bars, .trades], maxMessages: 6 + bad.count)
        #expect(stats.malformed == bad.count)
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSDT", timeframe: .m1), bars.slice(0..<6)))
        #expect(try temp.store.trades(symbol: "BTCUSDT").isEmpty)
    }

    @Test func duplicatedAndReorderedMessagesAreStoredOnce() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        var generator = SplitMix64(seed: 7)
        let trades = (1...200).map { id in
            BinanceMessages.trade(symbol: "BTCUSDT", id: Int64(id), time: bars.ts[0] + Int64(id) * 10, price: 100 + Double(id),
                                  quantity: 1, buyerIsMaker: false)
        }
        // Every trade twice, shuffled; bars 0–9 closed, each twice, out of order.
        let messages = (trades + trades + klines(0..<10) + klines(0..<10)).shuffled(using: &generator)
        // Quotes: update ids 1…20 with repeats and one stale (older) update after newer ones.
        let quoteIDs: [Int64] = [1, 2, 2, 3, 5, 4, 6, 6, 7, 8, 9, 10, 3, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 20]
        let quotes = quoteIDs.map { BinanceMessages.bookTicker(symbol: "BTCUSDT", updateID: $0, bid: Double($0), bidQty: 1,
                                                               ask: Double($0) + 1, askQty: 1) }
        server.script([[.send(messages + quotes), .silence]])
        let stats = try await runBinanceStream(server, temp, channels: [.bars, .trades, .quotes], maxMessages: messages.count + quotes.count)
        #expect(try temp.store.trades(symbol: "BTCUSDT").map(\.seq) == Array(1...200))
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSDT", timeframe: .m1), bars.slice(0..<10)))
        let storedQuotes = try temp.store.quotes(symbol: "BTCUSDT")
        #expect(storedQuotes.map(\.bidPrice) == [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
        #expect(Set(storedQuotes.map(\.ts)).count == storedQuotes.count)
        #expect(stats.duplicates == 200 + 10 + 5)
    }
}
