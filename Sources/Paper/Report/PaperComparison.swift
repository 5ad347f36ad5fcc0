import Simulation

/// A paper run against the backtest of the same strategy over the same period: the equity at
/// every bar both have and the fills in order, each compared exactly (a paper replay of the
/// backtest's own bars has no difference at all; live bars that differ from the history, a gap
/// or a restart over changed data show up here).
///
/// Semantics: equity is compared at the bar open times both series hold; `onlyPaper` and
/// `onlyBacktest` count the bars one of them lacks. Fills are paired by their order in each
/// log (the k-th with the k-th); a pair differs when any of time, side, quantity, price, fee
/// or reason differs, and a fill without a partner is listed alone.
public struct PaperComparison: Sendable {
    /// One fill position where the two logs disagree.
    public struct FillDifference: Sendable, Equatable {
        /// 0-based position in the fill logs.
        public var index: Int
        public var paper: PaperFill?
        public var backtest: PaperFill?
        /// Names of the fields that differ (every field when one side is missing).
        public var fields: [String]
    }

    public var commonBars = 0, onlyPaper = 0, onlyBacktest = 0
    /// Bars (of the common ones) whose equity differs, the largest |paper − backtest| and the first bar where it does.
    public var equityDifferences = 0
    public var largestEquityDifference = 0.0
    public var firstEquityDifference: Int64?
    public var paperFinalEquity: Double
    public var backtestFinalEquity: Double?
    public var matchedFills = 0
    public var fillDifferences: [FillDifference] = []

    /// Compares `paper` with `backtest` (a run over bars of the paper period).
    public init(paper: PaperRecord, backtest: BacktestResult) {
        paperFinalEquity = paper.equity[paper.equity.count - 1]
        backtestFinalEquity = backtest.equity.last
        var b = 0
        for (k, ts) in paper.timestamps.enumerated() {
            while b < backtest.timestamps.count && backtest.timestamps[b] < ts { onlyBacktest += 1; b += 1 }
            guard b < backtest.timestamps.count, backtest.timestamps[b] == ts else { onlyPaper += 1; continue }
            commonBars += 1
            let difference = abs(paper.equity[k] - backtest.equity[b])
            if paper.equity[k] != backtest.equity[b] {
                equityDifferences += 1
                if firstEquityDifference == nil { firstEquityDifference = ts }
                largestEquityDifference = max(largestEquityDifference, difference)
            }
            b += 1
        }
        onlyBacktest += backtest.timestamps.count - b
        let simulated = backtest.fills.map { PaperFill($0) }
        for k in 0..<max(paper.fills.count, simulated.count) {
            let p = k < paper.fills.count ? paper.fills[k] : nil, s = k < simulated.count ? simulated[k] : nil
            guard let p, let s else {
                fillDifferences.append(FillDifference(index: k, paper: p, backtest: s, fields: Self.fieldNames))
                continue
            }
            let fields = Self.differingFields(p, s)
            if fields.isEmpty { matchedFills += 1 } else { fillDifferences.append(FillDifference(index: k, paper: p, backtest: s, fields: fields)) }
        }
    }

    /// Whether the two agree on every bar and fill.
    public var isExact: Bool { onlyPaper == 0 && onlyBacktest == 0 && equityDifferences == 0 && fillDifferences.isEmpty }

    static let fieldNames = ["time", "side", "quantity", "price", "fee", "reason"]

    static func differingFields(_ a: PaperFill, _ b: PaperFill) -> [String] {
        let same = [a.ts == b.ts, a.side == b.side, a.quantity == b.quantity, a.price == b.price, a.fee == b.fee, a.reason == b.reason]
        return zip(fieldNames, same).filter { !$0.1 }.map(\.0)
    }
}
