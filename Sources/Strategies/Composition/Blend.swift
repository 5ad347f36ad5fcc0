import MarketData

/// Signal composition of whole strategies: two or three built-ins vote with their stances.
///
/// Each member (a built-in with its default parameters; shorts only with `member_shorts`) runs
/// its own rule on every bar; its vote is its `Stance` (+1 long, −1 short, 0 flat — the position
/// it would hold alone, before stops and sizing). A `SignalCombiner` (`mode`, weights `w_1` …
/// `w_3`, `entry_threshold`, `exit_threshold`) turns the votes into the blend's signals, traded
/// like any built-in's (`fraction`, `stop_loss`, `take_profit`, `allow_short`). Member 3 may be
/// `none`. In the vectorized engine the members' signals come from their own vectorized paths,
/// so both engines agree wherever the members do.
public struct Blend: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let descriptor = StrategyDescriptor(
        name: "blend",
        description: "Signal composition of strategies: two or three built-ins vote with their positions, combined by weighted average, majority or unanimity with entry/exit thresholds.",
        parameters: [
            ParameterSpec("member_1", .choice(default: "ma_cross", choices: BlendMember.names), "first member (its default parameters)"),
            ParameterSpec("member_2", .choice(default: "rsi_reversion", choices: BlendMember.names), "second member"),
            ParameterSpec("member_3", .choice(default: "macd_trend", choices: ["none"] + BlendMember.names), "third member (none = two members)"),
            ParameterSpec("w_1", .double(default: 1, min: 0, max: 10), "weight of member 1"),
            ParameterSpec("w_2", .double(default: 1, min: 0, max: 10), "weight of member 2"),
            ParameterSpec("w_3", .double(default: 1, min: 0, max: 10), "weight of member 3"),
            ParameterSpec("mode", .choice(default: "majority", choices: CombineMode.allCases.map(\.rawValue)), "how the votes combine"),
            ParameterSpec("entry_threshold", .double(default: 0.5, min: 0.01, max: 1), "score at or above which to enter long (short: at or below minus it)"),
            ParameterSpec("exit_threshold", .double(default: 0, min: -1, max: 0.99), "score at or below which to exit long (short: at or above minus it)"),
            ParameterSpec("member_shorts", .bool(default: false), "let the members vote short"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    public let combiner: SignalCombiner
    /// The members' names, in order.
    public let memberNames: [String]
    public let memberShorts: Bool
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    /// The members as built (their vectorized paths serve the sweep cache).
    public let members: [BlendMember]
    @usableFromInline var state: BlendMembers
    @usableFromInline var stances: [Stance]

    /// Builds a blend of the named built-ins (two or three) with `combiner`'s weights in the same order.
    public init(members names: [String], combiner: SignalCombiner, memberShorts: Bool = false,
                settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        guard names.count == 2 || names.count == 3 else {
            throw .constraint(strategy: "blend", message: "need two or three members, got \(names.count)")
        }
        var built: [BlendMember] = []
        for name in names { built.append(try BlendMember(name, shorts: memberShorts)) }
        members = built
        state = BlendMembers(built)
        stances = Array(repeating: Stance(), count: names.count)
        memberNames = names
        self.memberShorts = memberShorts
        self.combiner = combiner
        self.settings = settings
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        var names = [p.choice("member_1"), p.choice("member_2")]
        var weights = [p.double("w_1"), p.double("w_2")]
        if p.choice("member_3") != "none" {
            names.append(p.choice("member_3"))
            weights.append(p.double("w_3"))
        }
        let combiner = try SignalCombiner(mode: CombineMode(rawValue: p.choice("mode"))!, weights: weights,
                                          entry: p.double("entry_threshold"), exit: p.double("exit_threshold"))
        try self.init(members: names, combiner: combiner, memberShorts: p.bool("member_shorts"), settings: TradeSettings(parameters: p))
    }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags {
        var votes = SIMD8<Double>(repeating: 0)
        for k in 0..<state.count { votes[k] = stances[k].apply(state.nextSignal(k, bars)) }
        return settings.filter(combiner.signal(combiner.score(votes)))
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        settings.submit(nextSignal(context.bars), &context)
    }

    static func key(_ b: Blend) -> ColumnKey {
        let modes = CombineMode.allCases
        var ints = b.memberNames.map { BlendMember.names.firstIndex(of: $0)! }
        ints += [modes.firstIndex(of: b.combiner.mode)!, b.memberShorts ? 1 : 0]
        let w = b.combiner.weights
        return ColumnKey("BLEND", ints, [w[0], w[1], w[2], b.combiner.entry, b.combiner.exit])
    }

    /// Caches the combined signal of each distinct blend (as raw flag values), from the members'
    /// vectorized signals, each member computed once per sweep.
    public static func makeCache(_ bars: BarSeries, for columns: [Blend]) throws(StrategyError) -> IndicatorColumns {
        let cache = IndicatorColumns(count: bars.count)
        var memberSignals: [String: [SignalFlags]] = [:]
        for column in columns where !cache.contains(key(column)) {
            var flags: [[SignalFlags]] = []
            for (name, member) in zip(column.memberNames, column.members) {
                let id = name + (column.memberShorts ? "+short" : "")
                if memberSignals[id] == nil { memberSignals[id] = try member.signals(bars) }
                flags.append(memberSignals[id]!)
            }
            var stances = Array(repeating: Stance(), count: flags.count)
            var combined = [Double](repeating: 0, count: bars.count)
            for i in 0..<bars.count {
                var votes = SIMD8<Double>(repeating: 0)
                for k in 0..<flags.count { votes[k] = stances[k].apply(flags[k][i]) }
                combined[i] = Double(column.combiner.signal(column.combiner.score(votes)).rawValue)
            }
            cache.insert(key(column)) { combined }
        }
        return cache
    }

    public func kernel(_ cache: IndicatorColumns) -> Kernel { Kernel(flags: cache.pointer(Self.key(self)), settings: settings) }

    /// Reads the precomputed combined flags.
    public struct Kernel: SignalKernel {
        @usableFromInline let flags: UnsafePointer<Double>
        @usableFromInline let settings: TradeSettings
        @inlinable init(flags: UnsafePointer<Double>, settings: TradeSettings) { self.flags = flags; self.settings = settings }
        @inlinable public func signal(at i: Int) -> SignalFlags { settings.filter(SignalFlags(rawValue: UInt8(flags[i]))) }
    }
}
