import MarketData

/// The extra columns the mock serves with each bar, defined here (not by the client) so tests
/// can check that the client keeps them: quote volume = volume × typical price, trades =
/// 1 + the bar's index, VWAP = typical price (H + L + C) / 3.
public enum MockBarDetails {
    public static func vwap(_ bars: BarSeries, _ i: Int) -> Double { (bars.high[i] + bars.low[i] + bars.close[i]) / 3 }
    public static func detail(_ bars: BarSeries, _ i: Int) -> BarDetail {
        BarDetail(quoteVolume: bars.volume[i] * vwap(bars, i), trades: Int64(i + 1))
    }
    /// Alpaca's timeframe spelling, written out independently of the client's.
    public static func alpacaTimeframe(_ frame: Timeframe) -> String {
        ["1m": "1Min", "3m": "3Min", "5m": "5Min", "15m": "15Min", "30m": "30Min", "1h": "1Hour", "2h": "2Hour", "4h": "4Hour",
         "6h": "6Hour", "12h": "12Hour", "1d": "1Day", "1w": "1Week"][frame.rawValue]!
    }
}

/// Binance combined-stream messages in the documented shapes (web-socket-streams.md).
public enum BinanceMessages {
    static func wrap(_ stream: String, _ data: String) -> String { "{\"stream\":\"\(stream)\",\"data\":\(data)}" }

    /// `<symbol>@kline_<tf>` for bar `i` of `bars`.
    public static func kline(_ bars: BarSeries, _ i: Int, symbol: String, closed: Bool, eventTime: Int64? = nil) -> String {
        let step = bars.timeframe.milliseconds, t = bars.ts[i], d = MockBarDetails.detail(bars, i)
        let data = "{\"e\":\"kline\",\"E\":\(eventTime ?? t + step),\"s\":\"\(symbol)\",\"k\":{\"t\":\(t),\"T\":\(t + step - 1),"
            + "\"s\":\"\(symbol)\",\"i\":\"\(bars.timeframe.rawValue)\",\"f\":100,\"L\":200,\"o\":\"\(bars.open[i])\",\"c\":\"\(bars.close[i])\","
            + "\"h\":\"\(bars.high[i])\",\"l\":\"\(bars.low[i])\",\"v\":\"\(bars.volume[i])\",\"n\":\(d.trades!),\"x\":\(closed),"
            + "\"q\":\"\(d.quoteVolume!)\",\"V\":\"0\",\"Q\":\"0\",\"B\":\"0\"}}"
        return wrap("\(symbol.lowercased())@kline_\(bars.timeframe.rawValue)", data)
    }

    /// `<symbol>@trade`.
    public static func trade(symbol: String, id: Int64, time: Int64, price: Double, quantity: Double, buyerIsMaker: Bool) -> String {
        wrap("\(symbol.lowercased())@trade", "{\"e\":\"trade\",\"E\":\(time + 1),\"s\":\"\(symbol)\",\"t\":\(id),\"p\":\"\(price)\","
             + "\"q\":\"\(quantity)\",\"T\":\(time),\"m\":\(buyerIsMaker),\"M\":true}")
    }

    /// `<symbol>@bookTicker`.
    public static func bookTicker(symbol: String, updateID: Int64, bid: Double, bidQty: Double, ask: Double, askQty: Double) -> String {
        wrap("\(symbol.lowercased())@bookTicker", "{\"u\":\(updateID),\"s\":\"\(symbol)\",\"b\":\"\(bid)\",\"B\":\"\(bidQty)\","
             + "\"a\":\"\(ask)\",\"A\":\"\(askQty)\"}")
    }

    /// `<symbol>@depth<levels>`.
    public static func depth(symbol: String, levels: Int, lastUpdateID: Int64, bids: [(Double, Double)], asks: [(Double, Double)]) -> String {
        func side(_ l: [(Double, Double)]) -> String { "[" + l.map { "[\"\($0.0)\",\"\($0.1)\"]" }.joined(separator: ",") + "]" }
        return wrap("\(symbol.lowercased())@depth\(levels)", "{\"lastUpdateId\":\(lastUpdateID),\"bids\":\(side(bids)),\"asks\":\(side(asks))}")
    }
}

/// Alpaca crypto-stream messages in the documented shapes (real-time crypto pricing data).
public enum AlpacaMessages {
    public static let connected = "[{\"T\":\"success\",\"msg\":\"connected\"}]"
    public static let authenticated = "[{\"T\":\"success\",\"msg\":\"authenticated\"}]"
    public static func subscription(bars: [String], trades: [String], quotes: [String], orderbooks: [String]) -> String {
        func list(_ l: [String]) -> String { "[" + l.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        return "[{\"T\":\"subscription\",\"trades\":\(list(trades)),\"quotes\":\(list(quotes)),\"orderbooks\":\(list(orderbooks)),"
            + "\"bars\":\(list(bars)),\"updatedBars\":[],\"dailyBars\":[]}]"
    }
    public static func error(code: Int, message: String) -> String { "[{\"T\":\"error\",\"code\":\(code),\"msg\":\"\(message)\"}]" }

    /// A `b` object for minute bar `i` (wrap objects with `batch`).
    public static func bar(_ bars: BarSeries, _ i: Int, pair: String) -> String {
        let d = MockBarDetails.detail(bars, i)
        return "{\"T\":\"b\",\"S\":\"\(pair)\",\"o\":\(bars.open[i]),\"h\":\(bars.high[i]),\"l\":\(bars.low[i]),\"c\":\(bars.close[i]),"
            + "\"v\":\(bars.volume[i]),\"t\":\"\(formatTimestamp(bars.ts[i]))\",\"n\":\(d.trades!),\"vw\":\(MockBarDetails.vwap(bars, i))}"
    }
    /// A `t` object; `nanos` is the time's fraction of a second in nanoseconds.
    public static func trade(pair: String, seconds: Int64, nanos: Int64, id: Int64, price: Double, size: Double, takerSide: String) -> String {
        "{\"T\":\"t\",\"S\":\"\(pair)\",\"p\":\(price),\"s\":\(size),\"t\":\"\(time(seconds, nanos))\",\"i\":\(id),\"tks\":\"\(takerSide)\"}"
    }
    /// A `q` object.
    public static func quote(pair: String, seconds: Int64, nanos: Int64, bid: Double, bidSize: Double, ask: Double, askSize: Double) -> String {
        "{\"T\":\"q\",\"S\":\"\(pair)\",\"bp\":\(bid),\"bs\":\(bidSize),\"ap\":\(ask),\"as\":\(askSize),\"t\":\"\(time(seconds, nanos))\"}"
    }
    /// An `o` object (`reset` true for a full snapshot).
    public static func book(pair: String, seconds: Int64, nanos: Int64, bids: [(Double, Double)], asks: [(Double, Double)], reset: Bool) -> String {
        func side(_ l: [(Double, Double)]) -> String { "[" + l.map { "{\"p\":\($0.0),\"s\":\($0.1)}" }.joined(separator: ",") + "]" }
        return "{\"T\":\"o\",\"S\":\"\(pair)\",\"t\":\"\(time(seconds, nanos))\",\"b\":\(side(bids)),\"a\":\(side(asks)),\"r\":\(reset)}"
    }
    /// Objects in one message, as the server batches them.
    public static func batch(_ objects: [String]) -> String { "[" + objects.joined(separator: ",") + "]" }

    /// RFC 3339 with a nine-digit fraction.
    static func time(_ seconds: Int64, _ nanos: Int64) -> String {
        let base = formatTimestamp(seconds * 1000)
        var fraction = String(nanos)
        while fraction.count < 9 { fraction = "0" + fraction }
        return String(base.dropLast()) + "." + fraction + "Z"
    }
}
