import Foundation

/// Indicator outputs over one dataset, computed once per (indicator, parameters) and shared.
///
/// A sweep asks for SMA(close, w) for every parameter set that uses window w; the first caller
/// computes it, every later caller — on any thread — gets the same array. Computation runs
/// outside the table lock, once per key (concurrent callers of one key wait for the first).
/// Keys use the parameters after defaults are applied, so `SMA` and `SMA timeperiod=30` share.
/// Nothing is evicted until `removeAll()`.
public final class IndicatorCache: @unchecked Sendable {
    /// An indicator name (as in `IndicatorRegistry`) with its resolved parameters.
    public struct Key: Hashable, Sendable {
        public let name: String
        public let parameters: [String: Double]

        public init(name: String, parameters: [String: Double]) {
            self.name = name
            self.parameters = parameters
        }
    }

    /// One key's value, filled once under its own lock.
    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var value: [[Double]]?
    }

    /// The columns every cached indicator is computed on.
    public let input: IndicatorInput
    private let lock = NSLock()
    private var slots: [Key: Slot] = [:]

    public init(input: IndicatorInput) {
        self.input = input
    }

    /// The outputs of registry indicator `name` with `parameters` (defaults for the rest).
    public func outputs(_ name: String, parameters: [String: Double] = [:]) throws(IndicatorError) -> [[Double]] {
        let definition = try IndicatorRegistry.require(name)
        let resolved = try definition.resolve(parameters)
        let input = self.input
        return try value(for: Key(name: definition.name, parameters: resolved.values)) { () throws(IndicatorError) in
            try definition.compute(input, parameters: resolved.values)
        }
    }

    /// SMA of the closes over `period` bars.
    public func sma(period: Int) throws(IndicatorError) -> [Double] {
        try outputs("SMA", parameters: ["timeperiod": Double(period)])[0]
    }

    /// EMA of the closes over `period` bars.
    public func ema(period: Int) throws(IndicatorError) -> [Double] {
        try outputs("EMA", parameters: ["timeperiod": Double(period)])[0]
    }

    /// The value cached under `key`, computed by `compute` if absent (once, whatever the number
    /// of concurrent callers). A failed computation caches nothing.
    public func value<E: Error>(for key: Key, compute: () throws(E) -> [[Double]]) throws(E) -> [[Double]] {
        lock.lock()
        let slot: Slot
        if let existing = slots[key] {
            slot = existing
        } else {
            slot = Slot()
            slots[key] = slot
        }
        lock.unlock()

        slot.lock.lock()
        defer { slot.lock.unlock() }
        if let value = slot.value { return value }
        let value = try compute()
        slot.value = value
        return value
    }

    /// Number of keys with a computed value.
    public var count: Int {
        lock.lock()
        let all = Array(slots.values)
        lock.unlock()
        return all.reduce(0) { total, slot in
            slot.lock.lock()
            defer { slot.lock.unlock() }
            return total + (slot.value == nil ? 0 : 1)
        }
    }

    /// Drops every cached value.
    public func removeAll() {
        lock.lock()
        slots.removeAll()
        lock.unlock()
    }
}
