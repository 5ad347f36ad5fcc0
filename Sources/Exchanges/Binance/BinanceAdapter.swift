import MarketData

/// Binance's public spot market data (no key needed).
///
/// History: `GET /api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=…&endTime=…&limit=1000`,
/// answered by an array of 12-element arrays: open time, open, high, low, close, volume,
/// close time, quote asset volume, number of trades, taker buy base volume, taker buy quote
/// volume, ignore (prices and volumes as strings). Pages follow open time. Every response
/// carries `X-MBX-USED-WEIGHT-1M`, the request weight used this minute; near the limit the
/// next request waits for the next minute.
///
/// Streams: combined streams at `/stream?streams=<symbol>@kline_<tf>/<symbol>@trade/
/// <symbol>@bookTicker/<symbol>@depth20`, each message `{"stream": name, "data": payload}`.
/// Book tickers and partial depth carry no time, so they are stamped with the receipt time;
/// their update ids order them. A trade's aggressor is the seller when the buyer is the maker.
public struct BinanceAdapter: ExchangeAdapter {
    public let name = "binance"
    public var restEndpoint: String
    public var streamEndpoint: String
    public let pageLimit = 1000
    /// Request weight per minute Binance allows an IP (REQUEST_WEIGHT in exchangeInfo).
    public var weightLimit = 6000

    public static let defaultRESTEndpoint = "https://api.binance.com"
    public static let defaultStreamEndpoint = "wss://stream.binance.com:9443"

    public init(restEndpoint: String? = nil, streamEndpoint: String? = nil) {
        self.restEndpoint = trimmedEndpoint(restEndpoint ?? Self.defaultRESTEndpoint)
        self.streamEndpoint = trimmedEndpoint(streamEndpoint ?? Self.defaultStreamEndpoint)
    }

    public func historyRequest(_ instrument: Instrument, timeframe: Timeframe, start: Int64, end: Int64,
                               cursor: HistoryCursor) throws(ExchangeError) -> HTTPGet {
        guard case let .time(from) = cursor else { throw .invalidArgument("binance pages by time, not by token") }
        return HTTPGet(url: "\(restEndpoint)/api/v3/klines?symbol=\(instrument.symbol)&interval=\(timeframe.rawValue)"
                       + "&startTime=\(from)&endTime=\(end - 1)&limit=\(pageLimit)")
    }

    public func decodeHistory(_ body: UnsafeBufferPointer<UInt8>, instrument: Instrument, timeframe: Timeframe,
                              end: Int64) throws(JSONReadError) -> HistoryPage {
        var reader = JSONReader(body)
        var page = HistoryPage()
        try reader.array { (r: inout JSONReader, _) throws(JSONReadError) in
            var t: Int64 = 0, o = 0.0, h = 0.0, l = 0.0, c = 0.0, v = 0.0, q = 0.0, n: Int64 = 0
            var fields = 0
            try r.array { (f: inout JSONReader, k: Int) throws(JSONReadError) in
                switch k {
                case 0: t = try f.int64()
                case 1: o = try f.number()
                case 2: h = try f.number()
                case 3: l = try f.number()
                case 4: c = try f.number()
                case 5: v = try f.number()
                case 7: q = try f.number()
                case 8: n = try f.int64()
                default: try f.skip()
                }
                fields = k + 1
            }
            guard fields >= 9 else { throw JSONReadError(offset: r.i, path: "", expected: "a kline of 12 fields, found \(fields)") }
            page.append(ts: t, open: o, high: h, low: l, close: c, volume: v, detail: BarDetail(quoteVolume: q, trades: n))
        }
        try reader.finish()
        if page.count == pageLimit, let last = page.ts.last, timeframe.nextOpen(after: last) < end {
            page.next = .time(timeframe.nextOpen(after: last))
        }
        return page
    }

    public func pause(afterHeaders headers: [(name: String, value: String)], now: Int64) -> Duration? {
        guard let used = headers.first(where: { $0.name.lowercased() == "x-mbx-used-weight-1m" }).flatMap({ Int($0.value) }) else { return nil }
        // Keep a margin of 10 % for other clients on the same IP; wait for the next minute.
        guard used >= weightLimit * 9 / 10 else { return nil }
        return .milliseconds(60_000 - now % 60_000 + 50)
    }

    /// Stream names for a subscription, e.g. `btcusdt@kline_1m`.
    public func streamNames(_ subscription: StreamSubscription) -> [String] {
        subscription.instruments.flatMap { instrument -> [String] in
            let s = instrument.symbol.lowercased()
            return subscription.channels.map { channel in
                switch channel {
                case .bars: return "\(s)@kline_\(subscription.timeframe.rawValue)"
                case .trades: return "\(s)@trade"
                case .quotes: return "\(s)@bookTicker"
                case .orderbooks: return "\(s)@depth\(BarStore.bookLevels)"
                }
            }
        }
    }

    public func streamURL(_ subscription: StreamSubscription) throws(ExchangeError) -> String {
        "\(streamEndpoint)/stream?streams=" + streamNames(subscription).joined(separator: "/")
    }

    public var bookSeqIsUpdateID: Bool { true }
    /// Binance only answers live (un)subscribe requests with errors, which this client does not send.
    public func isFatal(errorCode: Int) -> Bool { false }

    public func openingMessages(_ subscription: StreamSubscription) throws(ExchangeError) -> [String] { [] }
    public func replies(to control: StreamControl, _ subscription: StreamSubscription) throws(ExchangeError) -> [String] { [] }

    public func decodeStream(_ message: UnsafeBufferPointer<UInt8>, receivedAt: Int64,
                             into events: inout [StreamEvent]) throws(JSONReadError) {
        var reader = JSONReader(message)
        var stream: JSONReader.Key?
        var sawData = false
        try reader.object { (r: inout JSONReader, key) throws(JSONReadError) in
            if key.is("stream") {
                // Compared in place (no String per message): the name is `<symbol>@<kind>`.
                stream = try r.rawString()
            } else if key.is("data") {
                // The name comes first in Binance's wrapper; its suffix says which payload this is.
                guard let parts = stream?.split(at: UInt8(ascii: "@")) else {
                    throw JSONReadError(offset: r.i, path: "", expected: "\"stream\" before \"data\"")
                }
                let (symbol, kind) = parts
                sawData = true
                if kind.hasPrefix("kline_") { try decodeKline(&r, into: &events) }
                else if kind.is("trade") { try decodeTrade(&r, into: &events) }
                else if kind.is("bookTicker") { try decodeBookTicker(&r, stream: symbol, receivedAt: receivedAt, into: &events) }
                else if kind.hasPrefix("depth") { try decodeDepth(&r, symbol: symbol.text.uppercased(), receivedAt: receivedAt, into: &events) }
                else { try r.skip() }
            } else if key.is("error") {
                // A reply to a live (un)subscribe request: {"error": {"code": 2, "msg": "…"}, "id": 1}.
                var code = 0, msg = ""
                try r.object { (e: inout JSONReader, k) throws(JSONReadError) in
                    if k.is("code") { code = Int(try e.int64()) } else if k.is("msg") { msg = try e.string() } else { try e.skip() }
                }
                events.append(.control(.error(code: code, message: msg)))
                sawData = true
            } else if key.is("result") || key.is("id") {
                try r.skip()
                sawData = true
            } else {
                try r.skip()
            }
        }
        try reader.finish()
        guard sawData else { throw JSONReadError(offset: 0, path: "", expected: "a combined-stream message {\"stream\", \"data\"}") }
    }

    private func decodeKline(_ r: inout JSONReader, into events: inout [StreamEvent]) throws(JSONReadError) {
        var bar: StreamBar?
        var closed = false
        try r.object { (r: inout JSONReader, key) throws(JSONReadError) in
            guard key.is("k") else { try r.skip(); return }
            var t: Int64?, s = "", i = "", o = 0.0, c = 0.0, h = 0.0, l = 0.0, v = 0.0, q = 0.0, n: Int64 = 0
            try r.object { (k: inout JSONReader, f) throws(JSONReadError) in
                if f.is("t") { t = try k.int64() }
                else if f.is("s") { s = try k.string() }
                else if f.is("i") { i = try k.string() }
                else if f.is("o") { o = try k.number() }
                else if f.is("c") { c = try k.number() }
                else if f.is("h") { h = try k.number() }
                else if f.is("l") { l = try k.number() }
                else if f.is("v") { v = try k.number() }
                else if f.is("q") { q = try k.number() }
                else if f.is("n") { n = try k.int64() }
                else if f.is("x") { closed = try k.bool() }
                else { try k.skip() }
            }
            guard let t, let frame = Timeframe(rawValue: i), !s.isEmpty else {
                throw JSONReadError(offset: r.i, path: "", expected: "a kline with \"t\", \"s\" and a known interval \"i\"")
            }
            bar = StreamBar(symbol: s, timeframe: frame, ts: t, open: o, high: h, low: l, close: c, volume: v,
                            detail: BarDetail(quoteVolume: q, trades: n))
        }
        guard let bar else { throw JSONReadError(offset: r.i, path: "", expected: "a kline event with \"k\"") }
        events.append(.bar(bar, closed: closed))
    }

    private func decodeTrade(_ r: inout JSONReader, into events: inout [StreamEvent]) throws(JSONReadError) {
        var s = "", id: Int64?, p = 0.0, q = 0.0, time: Int64?, buyerIsMaker = false
        try r.object { (r: inout JSONReader, f) throws(JSONReadError) in
            if f.is("s") { s = try r.string() }
            else if f.is("t") { id = try r.int64() }
            else if f.is("p") { p = try r.number() }
            else if f.is("q") { q = try r.number() }
            else if f.is("T") { time = try r.int64() }
            else if f.is("m") { buyerIsMaker = try r.bool() }
            else { try r.skip() }
        }
        guard let id, let time, !s.isEmpty else { throw JSONReadError(offset: r.i, path: "", expected: "a trade with \"s\", \"t\" and \"T\"") }
        events.append(.trade(symbol: s, Trade(ts: time, seq: id, price: p, size: q, side: buyerIsMaker ? .sell : .buy)))
    }

    /// `stream` is the stream name's symbol part, used when the payload names no symbol.
    private func decodeBookTicker(_ r: inout JSONReader, stream: JSONReader.Key, receivedAt: Int64,
                                  into events: inout [StreamEvent]) throws(JSONReadError) {
        var u: Int64?, b = 0.0, bq = 0.0, a = 0.0, aq = 0.0, symbol: String?
        try r.object { (r: inout JSONReader, f) throws(JSONReadError) in
            if f.is("u") { u = try r.int64() }
            else if f.is("s") { symbol = try r.string() }
            else if f.is("b") { b = try r.number() }
            else if f.is("B") { bq = try r.number() }
            else if f.is("a") { a = try r.number() }
            else if f.is("A") { aq = try r.number() }
            else { try r.skip() }
        }
        guard let u else { throw JSONReadError(offset: r.i, path: "", expected: "a book ticker with an update id \"u\"") }
        events.append(.quote(symbol: symbol ?? stream.text.uppercased(), Quote(ts: receivedAt, bidPrice: b, bidSize: bq, askPrice: a, askSize: aq), updateID: u))
    }

    private func decodeDepth(_ r: inout JSONReader, symbol: String, receivedAt: Int64,
                             into events: inout [StreamEvent]) throws(JSONReadError) {
        var id: Int64?, bids: [BookLevel] = [], asks: [BookLevel] = []
        func levels(_ r: inout JSONReader) throws(JSONReadError) -> [BookLevel] {
            var out: [BookLevel] = []
            try r.array { (r: inout JSONReader, _) throws(JSONReadError) in
                var price = 0.0, size = 0.0
                try r.array { (f: inout JSONReader, k) throws(JSONReadError) in
                    if k == 0 { price = try f.number() } else if k == 1 { size = try f.number() } else { try f.skip() }
                }
                out.append(BookLevel(price: price, size: size))
            }
            return out
        }
        try r.object { (r: inout JSONReader, f) throws(JSONReadError) in
            if f.is("lastUpdateId") { id = try r.int64() }
            else if f.is("bids") { bids = try levels(&r) }
            else if f.is("asks") { asks = try levels(&r) }
            else { try r.skip() }
        }
        guard let id else { throw JSONReadError(offset: r.i, path: "", expected: "a depth snapshot with \"lastUpdateId\"") }
        events.append(.book(symbol: symbol, OrderBookUpdate(ts: receivedAt, seq: id, kind: .snapshot, bids: bids, asks: asks)))
    }
}

/// An endpoint without its trailing slashes.
func trimmedEndpoint(_ text: String) -> String {
    var s = text
    while s.hasSuffix("/") { s.removeLast() }
    return s
}
