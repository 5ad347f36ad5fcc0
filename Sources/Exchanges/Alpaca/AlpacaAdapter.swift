import Foundation
import MarketData

/// API keys read from `APCA_API_KEY_ID` / `APCA_API_SECRET_KEY`. Never printed: the
/// description is redacted, and keys only travel in request headers and the auth message.
public struct AlpacaCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let keyID: String
    let secret: String
    public init(keyID: String, secret: String) { self.keyID = keyID; self.secret = secret }

    /// The keys from the environment, or nil when either variable is unset or empty.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> AlpacaCredentials? {
        guard let id = environment["APCA_API_KEY_ID"], let secret = environment["APCA_API_SECRET_KEY"],
              !id.isEmpty, !secret.isEmpty else { return nil }
        return AlpacaCredentials(keyID: id, secret: secret)
    }

    public var description: String { "AlpacaCredentials(redacted)" }
    public var debugDescription: String { description }
}

/// Alpaca Markets' crypto market data (v1beta3, location `us`).
///
/// History: `GET /v1beta3/crypto/us/bars?symbols=BTC/USD&timeframe=1Hour&start=…&end=…&limit=10000`
/// answered by `{"bars": {"BTC/USD": [{"t","o","h","l","c","v","n","vw"}]}, "next_page_token": …}`;
/// pages follow `next_page_token` (null on the last page). Times are RFC 3339. Quote volume is
/// stored as vw × v (the VWAP times the volume is the traded notional). Keys, when set, go in
/// the `APCA-API-KEY-ID` / `APCA-API-SECRET-KEY` headers; crypto history works without them.
/// `X-RateLimit-Remaining: 0` pauses until `X-RateLimit-Reset` (epoch seconds).
///
/// Stream: `wss://…/v1beta3/crypto/us`. The server greets with `[{"T":"success","msg":"connected"}]`;
/// the client sends `{"action":"auth","key","secret"}`, then after `authenticated` a
/// `{"action":"subscribe","bars":[…],"trades":[…],"quotes":[…],"orderbooks":[…]}`; the server
/// confirms with a `subscription` message. Data messages are arrays of objects typed by `T`:
/// `b` minute bars (closed), `t` trades (`tks` taker side, `i` id), `q` quotes, `o` order
/// books (`r: true` for a full snapshot). Errors are `{"T":"error","code","msg"}`.
public struct AlpacaAdapter: ExchangeAdapter {
    public let name = "alpaca"
    public var restEndpoint: String
    public var streamEndpoint: String
    public let pageLimit = 10_000
    let credentials: AlpacaCredentials?

    public static let defaultRESTEndpoint = "https://data.alpaca.markets"
    public static let defaultStreamEndpoint = "wss://stream.data.alpaca.markets/v1beta3/crypto/us"

    public init(restEndpoint: String? = nil, streamEndpoint: String? = nil, credentials: AlpacaCredentials? = nil) {
        self.restEndpoint = trimmedEndpoint(restEndpoint ?? Self.defaultRESTEndpoint)
        self.streamEndpoint = trimmedEndpoint(streamEndpoint ?? Self.defaultStreamEndpoint)
        self.credentials = credentials
    }

    /// Alpaca's spelling of a timeframe (`1Min`, `4Hour`, `1Day`, `1Week`, `1Month`).
    public static func timeframeName(_ frame: Timeframe) -> String {
        switch frame {
        case .m1, .m3, .m5, .m15, .m30: return "\(frame.milliseconds / 60_000)Min"
        case .h1, .h2, .h4, .h6, .h12: return "\(frame.milliseconds / 3_600_000)Hour"
        case .d1: return "1Day"
        case .w1: return "1Week"
        case .month1: return "1Month"
        }
    }

    /// `BTC/USD` for an instrument.
    public static func pair(_ instrument: Instrument) -> String { "\(instrument.base)/\(instrument.quote)" }

    public func historyRequest(_ instrument: Instrument, timeframe: Timeframe, start: Int64, end: Int64,
                               cursor: HistoryCursor) throws(ExchangeError) -> HTTPGet {
        var url = "\(restEndpoint)/v1beta3/crypto/us/bars?symbols=\(Self.pair(instrument))&timeframe=\(Self.timeframeName(timeframe))"
            + "&start=\(formatTimestamp(start))&end=\(formatTimestamp(end - 1000))&limit=\(pageLimit)&sort=asc"
        if case let .token(token) = cursor { url += "&page_token=\(percentEncoded(token))" }
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let credentials {
            headers.append(("APCA-API-KEY-ID", credentials.keyID))
            headers.append(("APCA-API-SECRET-KEY", credentials.secret))
        }
        return HTTPGet(url: url, headers: headers)
    }

    public func decodeHistory(_ body: UnsafeBufferPointer<UInt8>, instrument: Instrument, timeframe: Timeframe,
                              end: Int64) throws(JSONReadError) -> HistoryPage {
        var reader = JSONReader(body)
        var page = HistoryPage()
        try reader.object { (r: inout JSONReader, key) throws(JSONReadError) in
            if key.is("bars") {
                if r.null() { return }
                try r.object { (r: inout JSONReader, _) throws(JSONReadError) in
                    try r.array { (r: inout JSONReader, _) throws(JSONReadError) in
                        let bar = try decodeBar(&r, symbol: instrument.symbol, timeframe: timeframe)
                        page.append(ts: bar.ts, open: bar.open, high: bar.high, low: bar.low, close: bar.close,
                                    volume: bar.volume, detail: bar.detail)
                    }
                }
            } else if key.is("next_page_token") {
                if !r.null() {
                    let token = try r.string()
                    if !token.isEmpty { page.next = .token(token) }
                }
            } else {
                try r.skip()
            }
        }
        try reader.finish()
        return page
    }

    public func pause(afterHeaders headers: [(name: String, value: String)], now: Int64) -> Duration? {
        func header(_ name: String) -> Int64? { headers.first { $0.name.lowercased() == name }.flatMap { Int64($0.value) } }
        guard header("x-ratelimit-remaining") == 0, let reset = header("x-ratelimit-reset") else { return nil }
        let wait = reset * 1000 - now
        return wait > 0 ? .milliseconds(min(wait, 60_000) + 50) : nil
    }

    public func streamURL(_ subscription: StreamSubscription) throws(ExchangeError) -> String {
        if subscription.channels.contains(.bars) && subscription.timeframe != .m1 {
            throw .invalidArgument("alpaca streams minute bars only; use --timeframe 1m (or download other timeframes)")
        }
        guard credentials != nil else {
            throw .invalidArgument("alpaca's stream needs API keys: set APCA_API_KEY_ID and APCA_API_SECRET_KEY")
        }
        return streamEndpoint
    }

    public var bookSeqIsUpdateID: Bool { false }

    /// 400 invalid syntax, 401 not authenticated, 402 auth failed, 404 auth timeout, 405 symbol
    /// limit, 406 connection limit, 409 insufficient subscription, 410 invalid subscribe
    /// action: reconnecting would repeat them. 407 (slow client) and 500 are retried.
    public func isFatal(errorCode: Int) -> Bool { [400, 401, 402, 404, 405, 406, 409, 410].contains(errorCode) }

    public func openingMessages(_ subscription: StreamSubscription) throws(ExchangeError) -> [String] { [] }

    public func replies(to control: StreamControl, _ subscription: StreamSubscription) throws(ExchangeError) -> [String] {
        switch control {
        case .connected:
            guard let credentials else { throw .invalidArgument("alpaca's stream needs API keys: set APCA_API_KEY_ID and APCA_API_SECRET_KEY") }
            return ["{\"action\":\"auth\",\"key\":\(JSONQuoting.quoted(credentials.keyID)),\"secret\":\(JSONQuoting.quoted(credentials.secret))}"]
        case .authenticated:
            let pairs = "[" + subscription.instruments.map { JSONQuoting.quoted(Self.pair($0)) }.joined(separator: ",") + "]"
            let fields = subscription.channels.map { "\"\($0.rawValue)\":\(pairs)" }
            return ["{\"action\":\"subscribe\"," + fields.joined(separator: ",") + "}"]
        case .subscribed, .error:
            return []
        }
    }

    public func decodeStream(_ message: UnsafeBufferPointer<UInt8>, receivedAt: Int64,
                             into events: inout [StreamEvent]) throws(JSONReadError) {
        var reader = JSONReader(message)
        try reader.array { (r: inout JSONReader, _) throws(JSONReadError) in try decodeStreamObject(&r, into: &events) }
        try reader.finish()
    }

    /// One object of a stream message, typed by its `T`.
    private func decodeStreamObject(_ r: inout JSONReader, into events: inout [StreamEvent]) throws(JSONReadError) {
        var type = "", symbol = "", time: (ms: Int64, subMillis: Int64)?, msg = "", code = 0
        var p = 0.0, s = 0.0, id: Int64 = 0, taker = ""
        var bp = 0.0, bs = 0.0, ap = 0.0, asz = 0.0
        var bar = BarFields()
        var bids: [BookLevel] = [], asks: [BookLevel] = [], reset = false
        var channels: [String] = []
        let start = r.i
        try r.object { (r: inout JSONReader, f) throws(JSONReadError) in
            if f.is("T") { type = try r.string() }
            else if f.is("S") { symbol = try r.string() }
            else if f.is("t") { time = try readTime(&r) }
            else if f.is("p") { p = try r.number() }
            else if f.is("s") { s = try r.number() }
            else if f.is("i") { id = try r.int64() }
            else if f.is("tks") { taker = try r.string() }
            else if f.is("bp") { bp = try r.number() }
            else if f.is("bs") { bs = try r.number() }
            else if f.is("ap") { ap = try r.number() }
            else if f.is("as") { asz = try r.number() }
            else if try bar.read(f, &r) {}
            else if f.is("b") && r.peek() == UInt8(ascii: "[") { bids = try levels(&r) }
            else if f.is("a") && r.peek() == UInt8(ascii: "[") { asks = try levels(&r) }
            else if f.is("r") { reset = try r.bool() }
            else if f.is("msg") { msg = try r.string() }
            else if f.is("code") { code = Int(try r.int64()) }
            else if r.peek() == UInt8(ascii: "[") && (f.is("trades") || f.is("quotes") || f.is("bars") || f.is("orderbooks")
                                                        || f.is("updatedBars") || f.is("dailyBars")) {
                var count = 0
                try r.array { (r: inout JSONReader, _) throws(JSONReadError) in _ = try r.string(); count += 1 }
                if count > 0 { channels.append("\(f.text) (\(count))") }
            }
            else { try r.skip() }
        }
        func need(_ what: String) -> JSONReadError { JSONReadError(offset: start, path: "", expected: what) }
        let stored = Instrument(symbol: symbol)?.symbol ?? symbol
        switch type {
        case "success":
            if msg == "connected" { events.append(.control(.connected)) }
            else if msg == "authenticated" { events.append(.control(.authenticated)) }
        case "subscription": events.append(.control(.subscribed(channels.joined(separator: ", "))))
        case "error": events.append(.control(.error(code: code, message: msg)))
        case "b":
            guard let time, !symbol.isEmpty else { throw need("a bar with \"S\" and \"t\"") }
            events.append(.bar(bar.bar(symbol: stored, timeframe: .m1, ts: time.ms), closed: true))
        case "t":
            guard let time, !symbol.isEmpty else { throw need("a trade with \"S\" and \"t\"") }
            events.append(.trade(symbol: stored, Trade(ts: time.ms, seq: id, price: p, size: s, side: taker == "S" ? .sell : .buy)))
        case "q":
            guard let time, !symbol.isEmpty else { throw need("a quote with \"S\" and \"t\"") }
            events.append(.quote(symbol: stored, Quote(ts: time.ms, bidPrice: bp, bidSize: bs, askPrice: ap, askSize: asz), updateID: nil))
        case "o":
            guard let time, !symbol.isEmpty else { throw need("an order book with \"S\" and \"t\"") }
            events.append(.book(symbol: stored, OrderBookUpdate(ts: time.ms, seq: time.subMillis, kind: reset ? .snapshot : .update,
                                                                bids: bids, asks: asks)))
        default:
            throw need("a message type \"T\" of success, subscription, error, b, t, q or o (found \"\(type)\")")
        }
    }

    private func levels(_ r: inout JSONReader) throws(JSONReadError) -> [BookLevel] {
        var out: [BookLevel] = []
        try r.array { (r: inout JSONReader, _) throws(JSONReadError) in
            var price = 0.0, size = 0.0
            try r.object { (r: inout JSONReader, f) throws(JSONReadError) in
                if f.is("p") { price = try r.number() } else if f.is("s") { size = try r.number() } else { try r.skip() }
            }
            out.append(BookLevel(price: price, size: size))
        }
        return out
    }

    private func decodeBar(_ r: inout JSONReader, symbol: String, timeframe: Timeframe) throws(JSONReadError) -> StreamBar {
        var t: Int64?, bar = BarFields()
        try r.object { (r: inout JSONReader, f) throws(JSONReadError) in
            if f.is("t") { t = try readTime(&r).ms } else if try !bar.read(f, &r) { try r.skip() }
        }
        guard let t else { throw JSONReadError(offset: r.i, path: "", expected: "a bar with a time \"t\"") }
        return bar.bar(symbol: symbol, timeframe: timeframe, ts: t)
    }
}

/// The fields of an Alpaca bar (REST and stream alike): o, h, l, c, v, n (trades), vw (VWAP).
private struct BarFields {
    var o = 0.0, h = 0.0, l = 0.0, c = 0.0, v = 0.0, n: Int64 = 0, vw = 0.0

    /// Reads the value of `key` if it is a bar field; returns whether it was.
    mutating func read(_ key: JSONReader.Key, _ r: inout JSONReader) throws(JSONReadError) -> Bool {
        if key.is("o") { o = try r.number() }
        else if key.is("h") { h = try r.number() }
        else if key.is("l") { l = try r.number() }
        else if key.is("c") { c = try r.number() }
        else if key.is("v") { v = try r.number() }
        else if key.is("n") { n = try r.int64() }
        else if key.is("vw") { vw = try r.number() }
        else { return false }
        return true
    }

    /// The bar; quote volume is VWAP × volume (the traded notional).
    func bar(symbol: String, timeframe: Timeframe, ts: Int64) -> StreamBar {
        StreamBar(symbol: symbol, timeframe: timeframe, ts: ts, open: o, high: h, low: l, close: c, volume: v,
                  detail: BarDetail(quoteVolume: vw * v, trades: n))
    }
}

/// Reads an RFC 3339 time string.
private func readTime(_ r: inout JSONReader) throws(JSONReadError) -> (ms: Int64, subMillis: Int64) {
    let text = try r.string()
    guard let parsed = alpacaTime(text) else { throw JSONReadError(offset: r.i, path: "", expected: "an RFC 3339 time, found \"\(text)\"") }
    return parsed
}

/// Epoch ms of an RFC 3339 time, and the nanoseconds past that millisecond (Alpaca stamps
/// crypto events to the nanosecond; the rest tells apart order-book messages of one ms).
func alpacaTime(_ text: String) -> (ms: Int64, subMillis: Int64)? {
    var text = text
    return text.withUTF8 { bytes -> (Int64, Int64)? in
        guard let base = bytes.baseAddress, let ms = TimestampParser.iso8601(base, 0, bytes.count) else { return nil }
        var sub: Int64 = 0
        if let dot = bytes.firstIndex(of: UInt8(ascii: ".")) {
            var k = dot + 4, digits = 0
            while k < bytes.count, bytes[k] &- 48 < 10, digits < 6 { sub = sub * 10 + Int64(bytes[k] &- 48); k += 1; digits += 1 }
            while digits < 6 && digits > 0 { sub *= 10; digits += 1 }
        }
        return (ms, sub)
    }
}

/// Percent-encodes a query value (page tokens are base64 and may hold `+`, `/`, `=`).
func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
