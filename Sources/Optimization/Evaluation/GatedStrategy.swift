import MarketData
import Strategies

/// A vectorized strategy whose signals are ignored before a given bar and optionally acted on
/// a fixed number of bars late. Indicators still see every bar (warm-up); only trading waits.
///
/// Semantics: the kernel's signal at bar i is the wrapped kernel's signal at bar
/// `i − delay` when `i ≥ firstSignalBar`, and no signal otherwise; so are its exit levels. The wrapped kernel only
/// reads indices ≤ i − delay ≤ i, so no look-ahead is added.
public struct GatedStrategy<Base: VectorizedStrategy>: VectorizedStrategy {
    public let base: Base
    public let firstSignalBar: Int
    public let delay: Int

    public init(_ base: Base, firstSignalBar: Int, delay: Int = 0) {
        precondition(firstSignalBar >= 0 && delay >= 0, "gate and delay must not be negative")
        self.base = base
        self.firstSignalBar = firstSignalBar
        self.delay = delay
    }

    public static func makeCache(_ bars: BarSeries, for columns: [GatedStrategy<Base>]) throws(StrategyError) -> Base.Cache {
        try Base.makeCache(bars, for: columns.map(\.base))
    }

    public func kernel(_ cache: Base.Cache) -> Kernel {
        Kernel(base: base.kernel(cache), firstSignalBar: firstSignalBar, delay: delay)
    }

    public var rules: VectorizedRules { base.rules }

    /// The wrapped kernel behind the gate and the delay.
    public struct Kernel: SignalKernel {
        @usableFromInline let base: Base.Kernel
        @usableFromInline let firstSignalBar: Int
        @usableFromInline let delay: Int

        @inlinable init(base: Base.Kernel, firstSignalBar: Int, delay: Int) {
            self.base = base
            self.firstSignalBar = firstSignalBar
            self.delay = delay
        }

        @inlinable
        public func signal(at i: Int) -> SignalFlags {
            guard i >= firstSignalBar, i >= delay else { return [] }
            return base.signal(at: i - delay)
        }

        /// The levels of the entry decided at bar `i − delay` (the one whose signal is acted on).
        @inlinable
        public func exitLevels(at i: Int) -> EntryExitLevels {
            guard i >= firstSignalBar, i >= delay else { return EntryExitLevels() }
            return base.exitLevels(at: i - delay)
        }
    }
}
