import MarketData
import Simulation

/// The bars one evaluation sees: warm-up bars followed by the counted window.
///
/// Semantics: the strategy is fed every bar of `bars` so its indicators warm up on the bars
/// before `start`, but it may not trade before the window: no fill happens at a bar before
/// `start` and equity stays at the initial cash until then. With next-open fills a decision
/// taken at the close of bar `start − 1` (on data before the window only) fills at
/// `open[start]`; with close fills the first decision is at the close of `start`. Only bars
/// `start..<bars.count` count (equity, returns, trades). The warm-up bars always precede the
/// window, so nothing after the window is ever read. `subBars`, when present, is the finer
/// series of the same symbol that the `sub_bars` intrabar path replays; the engines match its
/// bars to `bars` by open time, so a window may carry the whole finer series (only the fine
/// bars inside each coarse bar are ever read). Synthetic paths have none.
public struct EvaluationWindow: Sendable {
    /// Warm-up bars followed by the counted bars.
    public var bars: BarSeries
    /// Index in `bars` of the first counted bar (the number of warm-up bars).
    public var start: Int
    /// The finer bars of the same symbol, matched to `bars` by time (nil: none).
    public var subBars: BarSeries?

    public init(bars: BarSeries, start: Int = 0, subBars: BarSeries? = nil) {
        precondition(start >= 0 && start < bars.count, "the counted window must hold at least one bar")
        self.bars = bars
        self.start = start
        self.subBars = subBars
    }

    /// Bars `range` of `series` counted, with up to `warmup` bars before them fed for warm-up.
    public init(series: BarSeries, counted range: Range<Int>, warmup: Int, subBars: BarSeries? = nil) {
        let from = max(0, range.lowerBound - max(0, warmup))
        self.init(bars: series.slice(from..<range.upperBound), start: range.lowerBound - from, subBars: subBars)
    }

    /// Number of counted bars.
    public var countedBars: Int { bars.count - start }

    /// The first bar whose close may send an order: `start − 1` with next-open fills (it fills
    /// at `open[start]`), `start` with close fills. Both evaluators gate trading here.
    public func firstDecisionBar(_ fill: FillTiming) -> Int {
        fill == .nextOpen ? max(0, start - 1) : start
    }
}

/// Changes applied to an evaluation for stress tests; the baseline changes nothing.
///
/// Semantics: `costMultiplier` multiplies every fee component (a negative maker fee, a
/// rebate, is left as it is, so stress never improves costs) and the slippage of every
/// taker fill (the distance between the execution price and the reference price).
/// `signalDelay` acts on each signal `signalDelay` bars after the bar whose close produced
/// it (latency: with next-open fills a delay of 1 fills at the open of bar i + 2 instead of
/// i + 1), with the position of the bar it is acted on; protective stop-loss / take-profit
/// exits still trigger inside the bar. The vectorized engine shifts the signal column
/// (`GatedStrategy`); the event engine shows the strategy bars `signalDelay` bars old
/// (`SignalDelayed`), sizing and risk limits staying on the current bars. A signal is delayed,
/// not an order: a strategy that skips an entry while in that direction sees the position its
/// earlier signals left and sends no order twice.
public struct Scenario: Sendable, Hashable {
    public var costMultiplier: Double
    public var signalDelay: Int

    public init(costMultiplier: Double = 1, signalDelay: Int = 0) {
        self.costMultiplier = costMultiplier
        self.signalDelay = signalDelay
    }

    /// No change.
    public static let baseline = Scenario()
}

/// Runs one parameter point over a window: the one thing walk-forward and Monte Carlo need
/// from the strategy and engine. The runner supplies it (`VectorizedWindowEvaluator` covers
/// every vectorized strategy, `EventWindowEvaluator` every event-path strategy); tests supply
/// closures.
///
/// Contract: honour `EvaluationWindow` (no fill before `window.start`, warm-up only reads the
/// bars before it) and `Scenario`. Walk-forward checks the first part and refuses a result
/// that fills early. Must be safe to call from several threads at once.
public protocol WindowEvaluator: Sendable {
    /// The backtest of `point` over `window.bars` under `scenario` (bar indices of `window.bars`).
    func evaluate(_ point: TrialPoint, on window: EvaluationWindow, scenario: Scenario) throws -> BacktestResult
}

/// A `WindowEvaluator` made of a closure.
public struct ClosureEvaluator: WindowEvaluator {
    public let body: @Sendable (TrialPoint, EvaluationWindow, Scenario) throws -> BacktestResult

    public init(_ body: @escaping @Sendable (TrialPoint, EvaluationWindow, Scenario) throws -> BacktestResult) {
        self.body = body
    }

    public func evaluate(_ point: TrialPoint, on window: EvaluationWindow, scenario: Scenario) throws -> BacktestResult {
        try body(point, window, scenario)
    }
}
