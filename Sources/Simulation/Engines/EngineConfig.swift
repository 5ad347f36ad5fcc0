import MarketData

/// When a market order decided at the close of bar i fills.
@frozen
public enum FillTiming: String, Sendable, Hashable, CaseIterable, Codable {
    /// At open[i+1] (the default; no look-ahead).
    case nextOpen = "next_open"
    /// At close[i], vectorbt's default: an explicit opt-in that assumes the close is tradable.
    case close
}

/// Everything about a run except the strategy and the slippage model (a generic parameter).
public struct EngineConfig: Sendable, Hashable {
    /// Starting cash in the quote currency.
    public var initialCash: Double = 10_000
    public var fees: FeeModel = .flat(bps: 10)
    public var fill: FillTiming = .nextOpen
    public var intrabar: IntrabarPath = .worstCase
    /// Largest share of a bar's volume one fill may take (nil: no cap).
    public var maxParticipation: Double? = nil
    /// Quantities round down to a multiple of this (0: fractional, no rounding).
    public var lotSize: Double = 0
    /// Orders below this notional (quote currency) are rejected.
    public var minNotional: Double = 0
    /// Gross exposure may reach `leverage × equity` (initial margin = 1 / leverage).
    public var leverage: Double = 1
    /// Maintenance margin as a fraction of gross exposure; when equity at a bar's adverse
    /// extreme falls below it, every position is liquidated at that extreme (0: never).
    public var maintenanceMargin: Double = 0
    /// Annual borrow rate charged on short notional at every bar close (fraction per year).
    public var borrowRate: Double = 0
    /// Window (bars) of the rolling statistics the volatility and impact slippage models use.
    public var statsWindow: Int = 20

    public init() {}

    /// Checks the settings once, before a run.
    public func validate() throws(SimulationError) {
        guard initialCash > 0, initialCash.isFinite else { throw .invalidConfig("initial cash must be positive, got \(initialCash)") }
        guard leverage >= 1 else { throw .invalidConfig("leverage must be at least 1, got \(leverage)") }
        guard maintenanceMargin >= 0, maintenanceMargin < 1 / leverage || maintenanceMargin == 0 else {
            throw .invalidConfig("maintenance margin \(maintenanceMargin) must be below the initial margin 1/leverage = \(1 / leverage)")
        }
        if let p = maxParticipation, !(p > 0 && p <= 1) { throw .invalidConfig("max_participation must be in (0, 1], got \(p)") }
        guard leverage.isFinite else { throw .invalidConfig("leverage must be finite, got \(leverage)") }
        guard lotSize >= 0, minNotional >= 0, borrowRate >= 0 else { throw .invalidConfig("lot size, minimum notional and borrow rate must not be negative") }
        guard lotSize.isFinite, minNotional.isFinite, borrowRate.isFinite, fees.makerBps.isFinite, fees.takerBps.isFinite,
              fees.fixedPerOrder.isFinite, fees.minimumPerOrder.isFinite else {
            throw .invalidConfig("lot size, minimum notional, borrow rate and fees must be finite numbers")
        }
        // A negative maker fee is a rebate; the other fee parts must not be negative.
        guard fees.takerBps >= 0, fees.fixedPerOrder >= 0, fees.minimumPerOrder >= 0 else {
            throw .invalidConfig("taker fee, fixed fee and minimum fee must not be negative")
        }
        guard statsWindow >= 2 else { throw .invalidConfig("stats window must be at least 2 bars") }
    }

    /// Quantity rounded down to the lot size.
    @inlinable
    public func roundToLot(_ quantity: Double) -> Double { Instrument.roundToLot(quantity, lotSize: lotSize) }

    /// `instrument` with this engine's lot size and minimum notional: what sizing rounds and
    /// checks against, so a sized entry is a quantity the engine fills as it is.
    public func trading(_ instrument: Instrument) -> Instrument {
        var rules = instrument
        rules.lotSize = lotSize
        rules.minNotional = minNotional
        return rules
    }

    /// Whether gross exposure `gross` is allowed with `equity` (initial margin check, with a
    /// relative tolerance of 1e-9 so that an all-in order is not refused for rounding).
    @inlinable
    public func marginAllows(gross: Double, equity: Double) -> Bool {
        gross <= leverage * equity * (1 + 1e-9) + 1e-12
    }
}
