import Strategies

/// Engine settings: which simulator, starting cash, costs, fill timing, intrabar path, leverage.
///
/// Semantics (DESIGN.md): a decision at the close of bar i fills at open[i+1] with
/// `next_open` (the default); `close` fills at close[i] (vectorbt's convention, an explicit
/// opt-in). Fees are charged in the quote currency: `maker_bps` on limit fills, `taker_bps` on
/// the rest, plus `fixed` per order, and at least `minimum` per order. `intrabar` resolves
/// several orders touched within one bar (`worst_case`: the adverse one first).
public struct EngineSpec: Sendable, Equatable {
    public var kind: EngineKind
    public var cash: Double
    public var fees: FeeSpec
    public var slippage: SlippageSpec
    public var fill: FillTiming
    public var intrabar: IntrabarPath
    /// Gross exposure allowed as a multiple of equity (1 = no leverage).
    public var leverage: Double
    public var margin: MarginSpec?
    /// Largest fraction of a bar's volume one fill may take (nil: no cap).
    public var maxParticipation: Double?

    public init(kind: EngineKind, cash: Double, fees: FeeSpec = FeeSpec(), slippage: SlippageSpec = .none,
                fill: FillTiming = .nextOpen, intrabar: IntrabarPath = .worstCase, leverage: Double = 1,
                margin: MarginSpec? = nil, maxParticipation: Double? = nil) {
        self.kind = kind; self.cash = cash; self.fees = fees; self.slippage = slippage
        self.fill = fill; self.intrabar = intrabar; self.leverage = leverage
        self.margin = margin; self.maxParticipation = maxParticipation
    }
}

/// Fee schedule in the quote currency.
public struct FeeSpec: Sendable, Equatable {
    public var makerBps: Double
    public var takerBps: Double
    public var fixed: Double
    public var minimum: Double

    public init(makerBps: Double = 0, takerBps: Double = 0, fixed: Double = 0, minimum: Double = 0) {
        self.makerBps = makerBps; self.takerBps = takerBps; self.fixed = fixed; self.minimum = minimum
    }
}

/// Slippage model and its parameters.
///
/// Semantics: the fill price moves against the order by `fixed_bps` basis points; by half of
/// `spread_bps`; by `k` × the rolling standard deviation of returns over `window` bars × price;
/// or by `eta` × σ × √(quantity / average volume over `window` bars) × price (square-root impact).
public enum SlippageSpec: Sendable, Equatable {
    case none
    case fixedBps(bps: Double)
    case halfSpread(spreadBps: Double)
    case volatility(k: Double, window: Int)
    case sqrtImpact(eta: Double, window: Int)

    /// The model's name as the spec writes it.
    public var model: SlippageModel {
        switch self {
        case .none: return .none
        case .fixedBps: return .fixedBps
        case .halfSpread: return .halfSpread
        case .volatility: return .volatility
        case .sqrtImpact: return .sqrtImpact
        }
    }
}

/// Names of the slippage models.
public enum SlippageModel: String, Sendable, CaseIterable {
    case none, fixedBps = "fixed_bps", halfSpread = "half_spread", volatility, sqrtImpact = "sqrt_impact"
}

/// When a decision taken at a bar's close fills.
public enum FillTiming: String, Sendable, CaseIterable {
    case nextOpen = "next_open", close
}

/// How several orders touched within one bar are ordered.
public enum IntrabarPath: String, Sendable, CaseIterable {
    case worstCase = "worst_case", ohlc, subBars = "sub_bars"
}

/// Margin requirements as fractions of position notional (maintenance < initial).
public struct MarginSpec: Sendable, Equatable {
    public var initial: Double
    public var maintenance: Double

    public init(initial: Double, maintenance: Double) {
        self.initial = initial
        self.maintenance = maintenance
    }
}
