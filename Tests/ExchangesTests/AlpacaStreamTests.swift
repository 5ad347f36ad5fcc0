import ExchangeMocks
import Exchanges
import Foundation
import MarketData
import Testing

@Suite("Alpaca's crypto stream against the mock exchange")
struct AlpacaStreamTests {
    let bars = minutes.slice(0..<20)
    let credentials = AlpacaCredentials(keyID: "PKMOCK", secret: "mock-secret")

    func ingestor(_ server: MockExchangeServer, maxMessages: Int, channels: [StreamChannel]) -> StreamIngestor<AlpacaAdapter> {
        var options = StreamOptions()
        options.maxMessages = maxMessages
        options.duration = .seconds(120)
        options.silenceTimeout = .seconds(10)
        options.reconnect = Backoff(attempts: 5, base: .milliseconds(20), cap: .milliseconds(100))
        options.rest = quickBackoff
        let adapter = AlpacaAdapter(restEndpoint: server.restURL, streamEndpoint: server.alpacaStreamURL, credentials: credentials)
        return StreamIngestor(adapter: adapter, subscription: StreamSubscription(instruments: [Instrument(symbol: "BTC/USD")!],
                                                                                   channels: channels, timeframe: .m1), options: options)
    }

    func handshake() -> [MockExchangeServer.StreamStep] {
        [.send([AlpacaMessages.connected]), .receive, .send([AlpacaMessages.authenticated]), .receive,
         .send([AlpacaMessages.subscription(bars: ["BTC/USD"], trades: ["BTC/USD"], quotes: ["BTC/USD"], orderbooks: ["BTC/USD"])])]
    }

    @Test func authSubscribeAndEveryMessageType() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        let second = ms("2023-03-01T00:00:00Z") / 1000
        var data: [String] = []
        for i in 0..<10 {
            data.append(AlpacaMessages.batch([
                AlpacaMessages.bar(bars, i, pair: "BTC/USD"),
                AlpacaMessages.trade(pair: "BTC/USD", seconds: second + Int64(i), nanos: 123_456_789, id: Int64(900 + i),
                                     price: bars.close[i], size: 0.25, takerSide: i % 3 == 0 ? "S" : "B"),
                AlpacaMessages.quote(pair: "BTC/USD", seconds: second + Int64(i), nanos: 5_000_000, bid: bars.close[i] - 0.5, bidSize: 1,
                                     ask: bars.close[i] + 0.5, askSize: 2),
                AlpacaMessages.book(pair: "BTC/USD", seconds: second + Int64(i), nanos: 7_000_001, bids: [(bars.close[i] - 1, 3)],
                                    asks: [(bars.close[i] + 1, 4), (bars.close[i] + 2, 5)], reset: i == 0),
            ]))
        }
        server.script([handshake() + [.send(data), .silence]])
        let stats = try await ingestor(server, maxMessages: 3 + 10, channels: StreamChannel.allCases).run(into: temp.store)
        #expect(server.clientMessages.count == 2)
        #expect(server.clientMessages[0] == "{\"action\":\"auth\",\"key\":\"PKMOCK\",\"secret\":\"mock-secret\"}")
        #expect(server.clientMessages[1]
                == "{\"action\":\"subscribe\",\"bars\":[\"BTC/USD\"],\"trades\":[\"BTC/USD\"],\"quotes\":[\"BTC/USD\"],\"orderbooks\":[\"BTC/USD\"]}")
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSD", timeframe: .m1), bars.slice(0..<10)))
        let trades = try temp.store.trades(symbol: "BTCUSD")
        #expect(trades.map(\.seq) == Array(900..<910) && trades.map(\.ts) == (0..<10).map { (second + Int64($0)) * 1000 + 123 })
        #expect(trades.map(\.side) == (0..<10).map { $0 % 3 == 0 ? Trade.Side.sell : .buy })
        #expect(try temp.store.quotes(symbol: "BTCUSD").map(\.askSize) == Array(repeating: 2, count: 10))
        let books = try temp.store.books(symbol: "BTCUSD")
        #expect(books.count == 10 && books[0].kind == .snapshot && books[1].kind == .update && books[0].seq == 1)
        #expect(books[3].asks == [BookLevel(price: bars.close[3] + 1, size: 4), BookLevel(price: bars.close[3] + 2, size: 5)])
        #expect(stats.stored == 40 && stats.malformed == 0)
    }

    @Test func aReconnectAuthenticatesAndSubscribesAgainAndBackfills() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(bars, symbol: "BTCUSD")
        func barMessages(_ range: Range<Int>) -> [String] { range.map { AlpacaMessages.batch([AlpacaMessages.bar(bars, $0, pair: "BTC/USD")]) } }
        server.script([handshake() + [.send(barMessages(0..<6)), .close], handshake() + [.send(barMessages(9..<14)), .silence]])
        let stats = try await ingestor(server, maxMessages: 3 + 6 + 3 + 5, channels: [.bars]).run(into: temp.store)
        #expect(server.clientMessages.count == 4 && server.clientMessages[2].contains("\"action\":\"auth\""))
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSD", timeframe: .m1), bars.slice(0..<14)))
        #expect(stats.reconnects == 1 && stats.gapsBackfilled == 1 && stats.barsBackfilled == 3)
        #expect(server.requests.first?.contains("/v1beta3/crypto/us/bars?symbols=BTC/USD&timeframe=1Min") == true)
    }

    @Test func refusedKeysStopTheStreamWithoutShowingThem() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.script([[.send([AlpacaMessages.connected]), .receive, .send([AlpacaMessages.error(code: 402, message: "auth failed")]), .silence]])
        do {
            _ = try await ingestor(server, maxMessages: 10, channels: [.trades]).run(into: temp.store)
            Issue.record("expected the stream to stop")
        } catch {
            #expect(error.description == "alpaca refused: error 402: auth failed")
            #expect(!error.description.contains("mock-secret"))
        }
        #expect(server.connections == 1)
    }
}
