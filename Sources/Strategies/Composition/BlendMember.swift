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

/// The members of a blend stored by type, so each bar updates them in place (an enum payload
/// would be copied out and back on every update).
public struct BlendMembers: Sendable {
    @usableFromInline var maCross: [MACross] = []
    @usableFromInline var rsiReversion: [RSIReversion] = []
    @usableFromInline var bollinger: [Bollinger] = []
    @usableFromInline var donchian: [DonchianBreakout] = []
    @usableFromInline var macdTrend: [MACDTrend] = []
    @usableFromInline var momentum: [TimeSeriesMomentum] = []
    @usableFromInline var spike: [SpikeDetection] = []
    @usableFromInline var regime: [RegimeSwitch] = []
    /// Per member in order: which array (0…7) and the index in it.
    @usableFromInline var slots: [(kind: Int, index: Int)] = []

    public init(_ members: [BlendMember]) {
        for m in members {
            switch m {
            case let .maCross(s): slots.append((0, maCross.count)); maCross.append(s)
            case let .rsiReversion(s): slots.append((1, rsiReversion.count)); rsiReversion.append(s)
            case let .bollinger(s): slots.append((2, bollinger.count)); bollinger.append(s)
            case let .donchian(s): slots.append((3, donchian.count)); donchian.append(s)
            case let .macdTrend(s): slots.append((4, macdTrend.count)); macdTrend.append(s)
            case let .momentum(s): slots.append((5, momentum.count)); momentum.append(s)
            case let .spike(s): slots.append((6, spike.count)); spike.append(s)
            case let .regime(s): slots.append((7, regime.count)); regime.append(s)
            }
        }
    }

    /// Number of members.
    @inlinable public var count: Int { slots.count }

    /// Member `k`'s signal at the bar that just closed.
    @inlinable
    public mutating func nextSignal(_ k: Int, _ bars: BarWindow) -> SignalFlags {
        let (kind, i) = slots[k]
        switch kind {
        case 0: return maCross[i].nextSignal(bars)
        case 1: return rsiReversion[i].nextSignal(bars)
        case 2: return bollinger[i].nextSignal(bars)
        case 3: return donchian[i].nextSignal(bars)
        case 4: return macdTrend[i].nextSignal(bars)
        case 5: return momentum[i].nextSignal(bars)
        case 6: return spike[i].nextSignal(bars)
        default: return regime[i].nextSignal(bars)
        }
    }
}
