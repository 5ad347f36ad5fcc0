import ExchangeMocks
import Exchanges
import Foundation
import MarketData
import Testing

@Suite("History downloads against the mock exchange")
struct DownloadTests {
    let start = ms("2023-01-01"), end = ms("2024-01-01")
    var expected: BarSeries { hourly.slice(from: start, to: end) }

    func downloader<A: ExchangeAdapter>(_ adapter: A, now: Int64 = ms("2025-06-01T12:30:00Z")) -> HistoryDownloader<A> {
        HistoryDownloader(adapter: adapter, fetcher: HTTPFetcher(backoff: quickBackoff, timeout: .seconds(60)), now: { now })
    }

    @Test func aYearOfBinanceHourlyBarsEqualsTheBundledCSV() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(hourly, symbol: "BTCUSDT")
        let outcome = try await downloader(BinanceAdapter(restEndpoint: server.restURL))
            .run(DownloadRequest(instrument: Instrument(symbol: "BTCUSDT")!, timeframe: .h1, start: start, end: end), into: temp.store)
        // 2023 has 8760 hours; the exchange (and so the CSV) lacks one of them.
        let n = expected.count
        #expect(n == 8759)
        let stored = try temp.store.bars(symbol: "BTCUSDT", timeframe: .h1)
        #expect(sameBars(stored, expected))
        #expect(outcome.inserted == n && outcome.received == n && outcome.pages == 9)
        // Quote volume and trade count kept, as served.
        let details = try temp.store.details(symbol: "BTCUSDT", timeframe: .h1)
        let offset = hourly.firstIndex(atOrAfter: start)
        #expect(details.count == n)
        #expect(details.enumerated().allSatisfy { k, row in row.detail == MockBarDetails.detail(hourly, offset + k) })
        // One lineage row naming exchange, endpoint, symbol, range, rows and anomalies.
        let lineage = try temp.store.fetches()
        #expect(lineage.count == 1)
        #expect(lineage.first?.exchange == "binance" && lineage.first?.endpoint == server.restURL + "/api/v3/klines")
        #expect(lineage.first?.symbol == "BTCUSDT" && lineage.first?.rangeStart == start && lineage.first?.rangeEnd == end)
        #expect(lineage.first?.rows == n && lineage.first?.inserted == n)
        #expect(lineage.first?.anomalies.contains("\"rows\":\(n)") == true)
        #expect(lineage.first?.anomalies.contains("\"missing_bars\":1") == true)
        // Pages follow open time: the second page starts one hour after the first page's last bar.
        #expect(server.requests.contains { $0.contains("startTime=\(expected.ts[999] + 3_600_000)&") })
    }

    @Test func alpacaFollowsNextPageTokens() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(hourly, symbol: "BTCUSD")
        let twoYears = ms("2022-01-01")
        let outcome = try await downloader(AlpacaAdapter(restEndpoint: server.restURL))
            .run(DownloadRequest(instrument: Instrument(symbol: "BTC/USD")!, timeframe: .h1, start: twoYears, end: end), into: temp.store)
        let stored = try temp.store.bars(symbol: "BTCUSD", timeframe: .h1)
        #expect(sameBars(stored, hourly.slice(from: twoYears, to: end)))
        #expect(outcome.pages == 2)
        #expect(server.requests.last?.contains("page_token=") == true && !server.requests[0].contains("page_token="))
        #expect(server.requests[0].contains("symbols=BTC/USD") && server.requests[0].contains("timeframe=1Hour"))
    }

    @Test func retriesThrough429And500AndDroppedConnections() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(hourly, symbol: "BTCUSDT")
        server.queue([.status(429, retryAfter: 1), .status(500, retryAfter: nil), .drop])
        let began = Date()
        _ = try await downloader(BinanceAdapter(restEndpoint: server.restURL))
            .run(DownloadRequest(instrument: Instrument(symbol: "BTCUSDT")!, timeframe: .h1, start: start, end: end), into: temp.store)
        // Nothing lost, nothing duplicated.
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSDT", timeframe: .h1), expected))
        #expect(server.requests.count == 9 + 3)
        // Retry-After was honoured (1 s) before the retry that followed the 429.
        #expect(Date().timeIntervalSince(began) >= 1)
    }

    @Test func aFailedDownloadResumesFromTheLastStoredBar() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(hourly, symbol: "BTCUSDT")
        let request = DownloadRequest(instrument: Instrument(symbol: "BTCUSDT")!, timeframe: .h1, start: start, end: end)
        // Page 1 and 2 succeed, then every try of page 3 fails. (Queued up front: page 3 is
        // requested while page 2 is being stored.)
        let faults: [MockExchangeServer.RESTFault] = [.answer, .answer] + Array(repeating: .status(500, retryAfter: nil), count: 4)
        server.queue(faults)
        let pages = HTTPFetcher(backoff: quickBackoff, timeout: .seconds(60))
        let client = HistoryDownloader(adapter: BinanceAdapter(restEndpoint: server.restURL), fetcher: pages, now: { ms("2025-06-01") })
        var seen = 0
        await #expect(throws: ExchangeError.self) {
            _ = try await client.run(request, into: temp.store, progress: { p in seen = p.bars })
        }
        #expect(seen == 2000)
        #expect(try temp.store.bars(symbol: "BTCUSDT", timeframe: .h1).count == 2000)
        let before = server.requests.count
        let outcome = try await client.run(request, into: temp.store)
        #expect(outcome.alreadyStored == 2000 && outcome.inserted == expected.count - 2000)
        #expect(server.requests[before].contains("startTime=\(expected.ts[1999] + 3_600_000)"))
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSDT", timeframe: .h1), expected))
    }

    @Test func theLastTryNamesTheRequest() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(hourly, symbol: "BTCUSDT")
        server.queue(Array(repeating: .status(502, retryAfter: nil), count: 4))
        do {
            _ = try await downloader(BinanceAdapter(restEndpoint: server.restURL))
                .run(DownloadRequest(instrument: Instrument(symbol: "BTCUSDT")!, timeframe: .h1, start: start, end: end), into: temp.store)
            Issue.record("expected a failure")
        } catch {
            #expect(error.description.contains("GET \(server.restURL)/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=\(start)"))
            #expect(error.description.contains("HTTP 502") && error.description.contains("after 4 tries"))
        }
        #expect(try temp.store.bars(symbol: "BTCUSDT", timeframe: .h1).isEmpty)
    }

    @Test func downloadingTwiceChangesNothing() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(hourly, symbol: "BTCUSDT")
        let request = DownloadRequest(instrument: Instrument(symbol: "BTCUSDT")!, timeframe: .h1, start: start, end: end)
        let client = downloader(BinanceAdapter(restEndpoint: server.restURL))
        _ = try await client.run(request, into: temp.store)
        let requests = server.requests.count
        let again = try await client.run(request, into: temp.store)
        #expect(again.inserted == 0 && again.alreadyStored == expected.count)
        #expect(server.requests.count == requests)
        #expect(try temp.store.fetches().count == 1)
        #expect(sameBars(try temp.store.bars(symbol: "BTCUSDT", timeframe: .h1), expected))
    }

    @Test func theBarStillOpenIsNotStored() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        server.serve(hourly, symbol: "BTCUSDT")
        // "Now" is 10:30 on the last day of the dataset: the 10:00 bar is still open.
        let last = hourly.ts[hourly.count - 1]
        let now = last + 1_800_000
        let outcome = try await downloader(BinanceAdapter(restEndpoint: server.restURL), now: now)
            .run(DownloadRequest(instrument: Instrument(symbol: "BTCUSDT")!, timeframe: .h1, start: last - 5 * 3_600_000), into: temp.store)
        #expect(outcome.openBarSkipped)
        #expect(try temp.store.bars(symbol: "BTCUSDT", timeframe: .h1).ts == Array(stride(from: last - 5 * 3_600_000, to: last, by: 3_600_000)))
    }

    @Test func everyRowGoesThroughThePolicy() async throws {
        let session = try await MockSession.start()
        defer { session.close() }
        let (server, temp) = (session.server, session.temp)
        var broken = hourly.slice(from: start, to: start + 48 * 3_600_000)
        broken.high[10] = broken.low[10] - 1   // high below low
        server.serve(broken, symbol: "BTCUSDT")
        let instrument = Instrument(symbol: "BTCUSDT")!
        let client = downloader(BinanceAdapter(restEndpoint: server.restURL))
        do {
            _ = try await client.run(DownloadRequest(instrument: instrument, timeframe: .h1, start: start, end: start + 48 * 3_600_000),
                                     into: temp.store)
            Issue.record("policy fail should refuse the broken row")
        } catch {
            #expect(error.description.contains("/api/v3/klines") && error.description.contains("high"))
        }
        #expect(try temp.store.bars(symbol: "BTCUSDT", timeframe: .h1).isEmpty)
        let outcome = try await client.run(DownloadRequest(instrument: instrument, timeframe: .h1, start: start,
                                                           end: start + 48 * 3_600_000, policy: .drop), into: temp.store)
        #expect(outcome.report.droppedInvalid == 1 && outcome.inserted == 47)
        #expect(try temp.store.fetches().last?.anomalies.contains("\"dropped\":1") == true)
    }
}
