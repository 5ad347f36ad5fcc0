import MarketData

/// A built-in strategy taking part in a `Blend`, with its default parameters (and shorts as the
/// blend says). A closed set dispatched with `switch`, so the blend stays free of existentials.
public enum BlendMember: Sendable {
    case maCross(MACross)
    case rsiReversion(RSIReversion)
    case bollinger(Bollinger)
    case donchian(DonchianBreakout)
    case macdTrend(MACDTrend)
    case momentum(TimeSeriesMomentum)
    case spike(SpikeDetection)
    case regime(RegimeSwitch)
    /// Held only during an update, so the payload stays uniquely referenced (no copy per bar).
    case moving

    /// The names members are chosen by (the built-ins' own names).
    public static let names = ["ma_cross", "rsi_reversion", "bollinger", "donchian_breakout", "macd_trend", "ts_momentum", "spike", "regime_switch"]

    /// The built-in called `name` with its defaults, shorts allowed or not.
    public init(_ name: String, shorts: Bool) throws(StrategyError) {
        let member = try StrategyRegistry.make(name, parameters: [("allow_short", String(shorts))])
        switch member {
        case let s as MACross: self = .maCross(s)
        case let s as RSIReversion: self = .rsiReversion(s)
        case let s as Bollinger: self = .bollinger(s)
        case let s as DonchianBreakout: self = .donchian(s)
        case let s as MACDTrend: self = .macdTrend(s)
        case let s as TimeSeriesMomentum: self = .momentum(s)
        case let s as SpikeDetection: self = .spike(s)
        case let s as RegimeSwitch: self = .regime(s)
        default: throw .constraint(strategy: "blend", message: "\(name) cannot be a blend member; choose one of \(Self.names.joined(separator: ", "))")
        }
    }

    /// The member's signal at the bar that just closed.
    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags {
        switch self {
        case var .maCross(s): self = .moving; defer { self = .maCross(s) }; return s.nextSignal(bars)
        case var .rsiReversion(s): self = .moving; defer { self = .rsiReversion(s) }; return s.nextSignal(bars)
        case var .bollinger(s): self = .moving; defer { self = .bollinger(s) }; return s.nextSignal(bars)
        case var .donchian(s): self = .moving; defer { self = .donchian(s) }; return s.nextSignal(bars)
        case var .macdTrend(s): self = .moving; defer { self = .macdTrend(s) }; return s.nextSignal(bars)
        case var .momentum(s): self = .moving; defer { self = .momentum(s) }; return s.nextSignal(bars)
        case var .spike(s): self = .moving; defer { self = .spike(s) }; return s.nextSignal(bars)
        case var .regime(s): self = .moving; defer { self = .regime(s) }; return s.nextSignal(bars)
        case .moving: preconditionFailure("blend member re-entered during its own update")
        }
    }

    /// The member's signal at every bar from its vectorized path (its own cache and kernel).
    public func signals(_ bars: BarSeries) throws(StrategyError) -> [SignalFlags] {
        switch self {
        case let .maCross(s): return try Self.signals(s, bars)
        case let .rsiReversion(s): return try Self.signals(s, bars)
        case let .bollinger(s): return try Self.signals(s, bars)
        case let .donchian(s): return try Self.signals(s, bars)
        case let .macdTrend(s): return try Self.signals(s, bars)
        case let .momentum(s): return try Self.signals(s, bars)
        case let .spike(s): return try Self.signals(s, bars)
        case let .regime(s): return try Self.signals(s, bars)
        case .moving: preconditionFailure("blend member read during its own update")
        }
    }

    static func signals<S: VectorizedStrategy>(_ s: S, _ bars: BarSeries) throws(StrategyError) -> [SignalFlags] {
        let cache = try S.makeCache(bars, for: [s])
        return withExtendedLifetime(cache) {
            let kernel = s.kernel(cache)
            return (0..<bars.count).map { kernel.signal(at: $0) }
        }
    }
}
