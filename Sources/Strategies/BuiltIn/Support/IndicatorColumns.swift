import MarketData

/// Identifies one cached indicator column: the indicator's name and its parameters.
public struct ColumnKey: Sendable, Hashable {
    /// The indicator's name (any tag unique within one strategy's cache).
    public var indicator: String
    /// Integer parameters (periods, flags).
    public var ints: [Int]
    /// Real parameters (deviations, thresholds).
    public var doubles: [Double]

    public init(_ indicator: String, _ ints: [Int] = [], _ doubles: [Double] = []) {
        self.indicator = indicator
        self.ints = ints
        self.doubles = doubles
    }
}

/// Indicator columns of a vectorized sweep, each computed once and shared by every parameter
/// column that needs it. The memory is owned here, so kernels read it through plain pointers for
/// as long as the cache lives. Lookups happen when kernels are made, never per bar; entries keep
/// insertion order (no hashing order reaches anything).
public final class IndicatorColumns: @unchecked Sendable {
    @usableFromInline var keys: [ColumnKey] = []
    @usableFromInline var columns: [UnsafeMutableBufferPointer<Double>] = []
    /// Length of every column.
    public let count: Int

    public init(count: Int) { self.count = count }

    deinit { for c in columns { c.deallocate() } }

    /// Stores the column `compute` returns under `key`, unless `key` is already cached.
    public func insert<E: Error>(_ key: ColumnKey, _ compute: () throws(E) -> [Double]) throws(E) {
        guard !keys.contains(key) else { return }
        let values = try compute()
        precondition(values.count == count, "column \(key.indicator) has \(values.count) values, expected \(count)")
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
        _ = buffer.initialize(from: values)
        keys.append(key)
        columns.append(buffer)
    }

    /// The column cached under `key` (precondition: inserted).
    public func pointer(_ key: ColumnKey) -> UnsafePointer<Double> {
        guard let at = keys.firstIndex(of: key) else { preconditionFailure("no cached column \(key)") }
        return UnsafePointer(columns[at].baseAddress!)
    }
}

extension ColumnKey {
    /// The raw closes.
    public static let close = ColumnKey("CLOSE")
}

extension IndicatorColumns {
    /// Whether `key` is cached.
    public func contains(_ key: ColumnKey) -> Bool { keys.contains(key) }

    /// Caches the raw closes under `.close`.
    public func insertClose(_ bars: BarSeries) { insert(.close) { bars.close } }
}
