import MarketData

/// What a sizing rule knows when an entry is decided (at the close of the signal bar).
public struct SizingInput: Sendable, Hashable {
    /// Equity marked at the decision bar's close.
    public var equity: Double
    /// Reference price of the entry (the decision bar's close; the fill comes later).
    public var price: Double
    /// Distance from the entry to its protective stop, in quote currency per unit (nil: no stop).
    public var stopDistance: Double?

    public init(equity: Double, price: Double, stopDistance: Double? = nil) {
        self.equity = equity
        self.price = price
        self.stopDistance = stopDistance
    }
}

/// A position-sizing rule: how many units an entry buys or sells.
///
/// Semantics: the quantity is decided at the signal bar's close from the equity and the close
/// (the reference price), then rounded down to the instrument's lot size; a quantity whose
/// notional at the reference price is below the instrument's minimum notional becomes 0 (no
/// entry). Stateful rules learn from every bar close (`observe`) and every closed trade
/// (`recordTrade`), never from anything later than the decision bar.
public protocol PositionSizer: Sendable {
    /// The unrounded quantity (base-asset units, ≥ 0) for an entry.
    func rawQuantity(_ input: SizingInput) -> Double
    /// Called with every close of the traded symbol, before any decision at that bar.
    mutating func observe(close: Double)
    /// Called with the return of every closed trade (pnl ÷ entry notional, fees included).
    mutating func recordTrade(return tradeReturn: Double)
    /// Whether `Sized` replaces the strategy's entry sizes (false keeps them).
    var rewritesEntries: Bool { get }
}

extension PositionSizer {
    @inlinable public mutating func observe(close: Double) {}
    @inlinable public mutating func recordTrade(return tradeReturn: Double) {}
    @inlinable public var rewritesEntries: Bool { true }

    /// The quantity to trade: `rawQuantity` rounded down to the lot, or 0 below the minimum
    /// notional.
    @inlinable
    public func quantity(_ input: SizingInput, instrument: Instrument) -> Double {
        Sizing.tradable(rawQuantity(input), price: input.price, instrument: instrument)
    }
}

/// A sized quantity, or why there is none (the rule, the number and the limit of the
/// `RiskEvent` that records it).
@frozen
public struct SizedQuantity: Sendable, Hashable {
    public var quantity: Double
    /// nil when `quantity` is tradable.
    public var refusal: RiskRule?
    public var value: Double
    public var limit: Double

    @inlinable
    public init(quantity: Double, refusal: RiskRule? = nil, value: Double = 0, limit: Double = 0) {
        self.quantity = quantity
        self.refusal = refusal
        self.value = value
        self.limit = limit
    }
}

/// Helpers shared by the sizing rules.
public enum Sizing {
    /// `quantity` rounded down to a whole number of lots; 0 when that is not a positive finite
    /// number or its notional (`quantity × price`) is below the instrument's minimum notional.
    @inlinable
    public static func tradable(_ quantity: Double, price: Double, instrument: Instrument) -> Double {
        check(quantity, price: price, instrument: instrument).quantity
    }

    /// `tradable` with the reason for a 0: `sizing` (no positive finite quantity or price),
    /// `lotSize` (below one lot), `minNotional`.
    @inlinable
    public static func check(_ quantity: Double, price: Double, instrument: Instrument) -> SizedQuantity {
        guard quantity.isFinite, quantity > 0, price.isFinite, price > 0 else {
            return SizedQuantity(quantity: 0, refusal: .sizing, value: quantity)
        }
        let lots = instrument.roundToLot(quantity)
        guard lots > 0 else { return SizedQuantity(quantity: 0, refusal: .lotSize, value: quantity, limit: instrument.lotSize) }
        guard lots * price >= instrument.minNotional else {
            return SizedQuantity(quantity: 0, refusal: .minNotional, value: lots * price, limit: instrument.minNotional)
        }
        return SizedQuantity(quantity: lots)
    }

    /// The quantity `sizer` gives an entry decided at a close: equity and reference price from
    /// that close, the stop distance from the entry's bracket (its tightest stop) or else
    /// `stopFraction` × close. Shared by `Sized` and the vectorized engine.
    @inlinable
    public static func entry<Sizer: PositionSizer>(_ sizer: Sizer, equity: Double, close: Double, bracket: BracketExits?,
                                                   stopFraction: Double?, instrument: Instrument) -> SizedQuantity {
        let distance = bracket?.stopDistance(close: close) ?? stopFraction.map { $0 * close }
        let raw = sizer.rawQuantity(SizingInput(equity: equity, price: close, stopDistance: distance))
        return check(raw, price: close, instrument: instrument)
    }
}
