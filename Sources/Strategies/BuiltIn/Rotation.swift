import Indicators

/// Cross-sectional momentum rotation over several symbols sharing one portfolio.
///
/// Each symbol's momentum is its `lookback`-bar return (ROC, streaming). A decision is taken at
/// a timestamp once every symbol whose data has started has closed its bar of that timestamp
/// (or at the last symbol's bar); every `rebalance` decisions the symbols with a defined
/// momentum at that timestamp are ranked (highest first, ties by data order) and the `top` best
/// — only those with a positive return when `absolute` — are the holdings: held symbols that
/// dropped out are closed, new ones bought with `fraction` ÷ `top` of equity each (market orders,
/// filled at the next open; sells are queued before buys). Kept holdings are not resized.
/// Event engine only (several symbols).
public struct Rotation: RegisteredStrategy {
    public static let descriptor = StrategyDescriptor(
        name: "rotation",
        description: "Cross-sectional momentum rotation: every N bars hold the top-k symbols by lookback return (several --data files).",
        parameters: [
            ParameterSpec("lookback", .int(default: 30, min: 1, max: 10_000), "momentum lookback (bars)"),
            ParameterSpec("rebalance", .int(default: 7, min: 1, max: 10_000), "bars between rebalances"),
            ParameterSpec("top", .int(default: 2, min: 1, max: 100), "number of symbols held"),
            ParameterSpec("absolute", .bool(default: true), "hold only symbols whose own return is positive"),
            ParameterSpec("fraction", .double(default: 0.95, min: 0.000001, max: 1), "fraction of equity spread over the holdings"),
        ],
        engines: [.event], symbols: .multi)

    /// The parameters, as declared in `descriptor`.
    public let lookback, rebalance, top: Int
    public let absolute: Bool
    public let fraction: Double
    @usableFromInline var momentum: [Momentum] = []
    @usableFromInline var latest: [Double] = []
    @usableFromInline var latestTs: [Int64] = []
    @usableFromInline var decisions = 0
    @usableFromInline var decidedTs = Int64.min
    @usableFromInline var ranking: [Int] = []

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(lookback: Int, rebalance: Int, top: Int, absolute: Bool = true, fraction: Double = 0.95) throws(StrategyError) {
        _ = try withIndicators("rotation") { () throws(IndicatorError) in try Momentum(period: lookback, kind: .percent) }
        self.lookback = lookback
        self.rebalance = rebalance
        self.top = top
        self.absolute = absolute
        self.fraction = fraction
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        try self.init(lookback: p.int("lookback"), rebalance: p.int("rebalance"), top: p.int("top"), absolute: p.bool("absolute"),
                      fraction: p.double("fraction"))
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        let n = context.windows.count
        if momentum.count != n { setUp(n) }
        let s = context.symbol
        let ts = context.bars.lastTs
        latest[s] = momentum[s].update(context.bars.lastClose)
        latestTs[s] = ts
        guard ts != decidedTs else { return }
        var complete = true
        for k in 0..<n where context.windows[k].count > 0 && context.windows[k].lastTs != ts { complete = false }
        guard complete || s == n - 1 else { return }
        decidedTs = ts
        decisions += 1
        guard (decisions - 1) % rebalance == 0 else { return }
        rebalance(at: ts, &context)
    }

    @usableFromInline
    mutating func setUp(_ n: Int) {
        let one = try! Momentum(period: lookback, kind: .percent)
        momentum = Array(repeating: one, count: n)
        latest = Array(repeating: .nan, count: n)
        latestTs = Array(repeating: .min, count: n)
        ranking.reserveCapacity(n)
    }

    /// Whether symbol `k` is among the holdings chosen at `ts` (ranking must be current).
    @usableFromInline
    func chosen(_ k: Int) -> Bool {
        for r in 0..<min(top, ranking.count) where ranking[r] == k { return true }
        return false
    }

    @usableFromInline
    mutating func rebalance(at ts: Int64, _ context: inout StrategyContext) {
        ranking.removeAll(keepingCapacity: true)
        for k in 0..<latest.count where latestTs[k] == ts && latest[k].isFinite && (!absolute || latest[k] > 0) {
            ranking.append(k)
        }
        ranking.sort { latest[$0] != latest[$1] ? latest[$0] > latest[$1] : $0 < $1 }
        for k in 0..<latest.count where context.positions[k] != 0 && !chosen(k) {
            context.submit(OrderRequest(symbol: k, side: context.positions[k] > 0 ? .sell : .buy, size: .closePosition))
        }
        for r in 0..<min(top, ranking.count) where context.positions[ranking[r]] == 0 {
            context.submit(OrderRequest(symbol: ranking[r], side: .buy, size: .equityFraction(fraction / Double(top))))
        }
    }
}
