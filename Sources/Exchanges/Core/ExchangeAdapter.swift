import MarketData

/// A live-data channel of `crucible data stream`.
public enum StreamChannel: String, CaseIterable, Sendable {
    case bars, trades, quotes, orderbooks

    /// Parses `bars,trades,quotes,orderbooks` (any subset, comma-separated).
    public static func parseList(_ text: String) throws(ExchangeError) -> [StreamChannel] {
        var out: [StreamChannel] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
            guard let channel = StreamChannel(rawValue: part) else {
                throw .invalidArgument("unknown channel \"\(part)\"; expected any of bars, trades, quotes, orderbooks")
            }
            if !out.contains(channel) { out.append(channel) }
        }
        guard !out.isEmpty else { throw .invalidArgument("--channels: name at least one of bars, trades, quotes, orderbooks") }
        return out
    }
}

/// What a stream subscribes to: instruments, channels and the bar timeframe.
public struct StreamSubscription: Sendable {
    public var instruments: [Instrument]
    public var channels: [StreamChannel]
    public var timeframe: Timeframe
    public init(instruments: [Instrument], channels: [StreamChannel], timeframe: Timeframe) {
        self.instruments = instruments; self.channels = channels; self.timeframe = timeframe
    }
}

/// One HTTP GET: its URL and headers. `description` (method and URL) is what messages show;
/// the URL never holds a secret (keys go in headers).
public struct HTTPGet: Sendable, CustomStringConvertible {
    public var url: String
    public var headers: [(name: String, value: String)]
    public init(url: String, headers: [(name: String, value: String)] = []) { self.url = url; self.headers = headers }
    public var description: String { "GET \(url)" }
}

/// Where the next history page starts: a time (Binance) or the exchange's page token (Alpaca).
public enum HistoryCursor: Sendable, Equatable {
    case time(Int64)
    case token(String)
}

/// One decoded page of history: bars in the order received, with their details, and the
/// cursor of the next page (nil when this was the last one).
public struct HistoryPage: Sendable {
    public var ts: [Int64] = []
    public var open: [Double] = []
    public var high: [Double] = []
    public var low: [Double] = []
    public var close: [Double] = []
    public var volume: [Double] = []
    public var details: [BarDetail] = []
    public var next: HistoryCursor?
    public init() {}
    public var count: Int { ts.count }

    mutating func append(ts t: Int64, open o: Double, high h: Double, low l: Double, close c: Double, volume v: Double, detail: BarDetail) {
        ts.append(t); open.append(o); high.append(h); low.append(l); close.append(c); volume.append(v); details.append(detail)
    }
}

/// A control message of a stream: the handshake and the exchange's replies.
public enum StreamControl: Sendable, Equatable {
    /// The server greeted the connection (Alpaca's `connected`).
    case connected
    /// Keys accepted.
    case authenticated
    /// The server confirmed a subscription (its own summary).
    case subscribed(String)
    /// The server reported an error (code and message).
    case error(code: Int, message: String)
}

/// One decoded stream message's content.
public enum StreamEvent: Sendable {
    /// A bar; only `closed` ones are stored.
    case bar(StreamBar, closed: Bool)
    case trade(symbol: String, Trade)
    /// A top-of-book quote; `updateID` orders quotes where the exchange numbers them.
    case quote(symbol: String, Quote, updateID: Int64?)
    case book(symbol: String, OrderBookUpdate)
    case control(StreamControl)
}

/// An exchange: how to ask for history, how to subscribe to live data and how to read what
/// comes back. Adding an exchange is one type conforming to this (plus fixtures of its
/// documented formats); downloads, streams, retries, validation and storage are shared.
public protocol ExchangeAdapter: Sendable {
    /// Lower-case name used on the command line and in lineage rows (`binance`).
    var name: String { get }
    /// Base URL of the REST API.
    var restEndpoint: String { get }
    /// Base URL of the WebSocket API.
    var streamEndpoint: String { get }
    /// Most bars one history page returns.
    var pageLimit: Int { get }

    /// The request for the page of `instrument`'s bars at `cursor` within `[start, end)`.
    func historyRequest(_ instrument: Instrument, timeframe: Timeframe, start: Int64, end: Int64, cursor: HistoryCursor) throws(ExchangeError) -> HTTPGet
    /// Decodes a history response body; `next` is the cursor of the following page, if any.
    func decodeHistory(_ body: UnsafeBufferPointer<UInt8>, instrument: Instrument, timeframe: Timeframe,
                       end: Int64) throws(JSONReadError) -> HistoryPage
    /// How long to pause before the next request, from a response's rate-limit headers.
    func pause(afterHeaders headers: [(name: String, value: String)], now: Int64) -> Duration?

    /// The WebSocket URL for a subscription.
    func streamURL(_ subscription: StreamSubscription) throws(ExchangeError) -> String
    /// Messages to send when the connection opens, before any server message.
    func openingMessages(_ subscription: StreamSubscription) throws(ExchangeError) -> [String]
    /// Messages to send in reply to a control message (auth after the greeting, subscribe after auth).
    func replies(to control: StreamControl, _ subscription: StreamSubscription) throws(ExchangeError) -> [String]
    /// True when an order-book snapshot's `seq` is the exchange's update id (increasing), so an
    /// older or repeated snapshot can be dropped.
    var bookSeqIsUpdateID: Bool { get }
    /// True when an error reply with this code cannot be cured by reconnecting (bad keys,
    /// refused subscription): the stream stops with that error.
    func isFatal(errorCode: Int) -> Bool
    /// Decodes one stream message received at `receivedAt` (epoch ms) into `events`.
    func decodeStream(_ message: UnsafeBufferPointer<UInt8>, receivedAt: Int64, into events: inout [StreamEvent]) throws(JSONReadError)
}

extension ExchangeAdapter {
    /// The cursor of a download's first page.
    public func firstCursor(start: Int64) -> HistoryCursor { .time(start) }
}
