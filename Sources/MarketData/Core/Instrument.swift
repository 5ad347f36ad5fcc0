/// A tradable instrument: what a price means and how quantities and prices are quantized.
public struct Instrument: Sendable, Hashable, Codable {
    /// Base asset, e.g. `BTC`.
    public var base: String
    /// Quote asset (the cash currency), e.g. `USDT`.
    public var quote: String
    /// Smallest price increment.
    public var tickSize: Double
    /// Smallest quantity increment; order quantities round down to a multiple of it.
    public var lotSize: Double
    /// Smallest order value (price × quantity) accepted, in the quote currency.
    public var minNotional: Double

    public init(base: String, quote: String, tickSize: Double = 0.01, lotSize: Double = 0.00001, minNotional: Double = 0) {
        self.base = base
        self.quote = quote
        self.tickSize = tickSize
        self.lotSize = lotSize
        self.minNotional = minNotional
    }

    /// The symbol as exchanges print it, e.g. `BTCUSDT`.
    public var symbol: String { base + quote }

    /// `quantity` rounded down (towards zero) to a whole number of lots.
    @inlinable
    public func roundToLot(_ quantity: Double) -> Double { Self.roundToLot(quantity, lotSize: lotSize) }

    /// `quantity` rounded down (towards zero) to a whole number of `lotSize` (unchanged when
    /// `lotSize` is 0), with a relative tolerance of 1e-12 so an exact multiple stays whole: the
    /// one lot rounding, of sizing and of the engines.
    @inlinable
    public static func roundToLot(_ quantity: Double, lotSize: Double) -> Double {
        guard lotSize > 0 else { return quantity }
        return (quantity / lotSize * (1 + 1e-12)).rounded(.towardZero) * lotSize
    }

    /// `price` rounded to the nearest tick.
    @inlinable
    public func roundToTick(_ price: Double) -> Double {
        guard tickSize > 0 else { return price }
        return (price / tickSize).rounded() * tickSize
    }

    /// Parses `BTCUSDT`, `BTC/USDT` or `BTC-USDT` (a bare symbol ending in a known quote asset).
    public init?(symbol: String) {
        let text = symbol.uppercased()
        for separator in ["/", "-", "_"] where text.contains(separator) {
            let parts = text.split(separator: Character(separator))
            guard parts.count == 2 else { return nil }
            self.init(base: String(parts[0]), quote: String(parts[1]))
            return
        }
        for quote in ["USDT", "USDC", "BUSD", "USD", "EUR", "BTC", "ETH"] where text.hasSuffix(quote) && text.count > quote.count {
            self.init(base: String(text.dropLast(quote.count)), quote: quote)
            return
        }
        return nil
    }
}
