/// The trading options most built-ins share: position fraction, optional bracket exits and
/// whether shorts are allowed. One place declares their parameters and reads them back.
public struct TradeSettings: Sendable, Hashable {
    public var rules: VectorizedRules
    public var allowShort: Bool

    public init(fraction: Double = 1, stopLoss: Double? = nil, takeProfit: Double? = nil, allowShort: Bool = false) {
        rules = VectorizedRules(fraction: fraction, stopLoss: stopLoss, takeProfit: takeProfit)
        self.allowShort = allowShort
    }

    /// Reads `fraction`, `stop_loss`, `take_profit` (0 = none) and `allow_short`.
    public init(parameters p: ParameterSet) {
        let sl = p.double("stop_loss"), tp = p.double("take_profit")
        self.init(fraction: p.double("fraction"), stopLoss: sl > 0 ? sl : nil, takeProfit: tp > 0 ? tp : nil,
                  allowShort: p.bool("allow_short"))
    }

    /// The parameter declarations read by `init(parameters:)`.
    public static func parameters(allowShort: Bool = false) -> [ParameterSpec] {
        [
            ParameterSpec("fraction", .double(default: 1, min: 0.000001, max: 1), "fraction of equity spent per entry"),
            ParameterSpec("stop_loss", .double(default: 0, min: 0, max: 0.99), "stop-loss distance as a fraction of the entry price (0 = none)"),
            ParameterSpec("take_profit", .double(default: 0, min: 0, max: 100), "take-profit distance as a fraction of the entry price (0 = none)"),
            ParameterSpec("allow_short", .bool(default: allowShort), "also open short positions on the mirror-image signal"),
        ]
    }

    /// The bracket attached to each entry (nil without stop-loss and take-profit).
    @inlinable
    public var bracket: BracketExits? {
        guard rules.stopLoss != nil || rules.takeProfit != nil else { return nil }
        return BracketExits(takeProfit: rules.takeProfit.map { .fraction($0) }, stopLoss: rules.stopLoss.map { .fraction($0) })
    }

    /// Drops the short-side flags unless shorts are allowed.
    @inlinable
    public func filter(_ signal: SignalFlags) -> SignalFlags {
        allowShort ? signal : signal.subtracting([.entryShort, .exitShort])
    }

    /// Queues the orders of `signal` for the current symbol (see `SignalOrders`).
    @inlinable
    public func submit(_ signal: SignalFlags, _ context: inout StrategyContext) {
        let s = filter(signal)
        guard !s.isEmpty else { return }
        SignalOrders.submit(s, fraction: rules.fraction, bracket: bracket, symbol: context.symbol, &context)
    }
}
