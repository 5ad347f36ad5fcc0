/// Indicator columns keyed by an integer (e.g. a period), stored in memory the cache owns so
/// signal kernels can read them through plain pointers for as long as the cache lives.
/// Keys are kept sorted; nothing depends on hashing order.
public final class ColumnCache: @unchecked Sendable {
    public private(set) var keys: [Int] = []
    @usableFromInline var columns: [UnsafeMutableBufferPointer<Double>] = []
    /// Length of every column.
    public let count: Int

    public init(count: Int) { self.count = count }

    deinit { for c in columns { c.deallocate() } }

    /// Stores a column for `key` (computed by `fill` into uninitialized memory of `count` doubles)
    /// unless one is already there.
    public func insert(_ key: Int, fill: (UnsafeMutableBufferPointer<Double>) -> Void) {
        let at = lowerBound(key)
        if at < keys.count && keys[at] == key { return }
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
        fill(buffer)
        keys.insert(key, at: at)
        columns.insert(buffer, at: at)
    }

    /// The column for `key` (precondition: inserted).
    public func pointer(_ key: Int) -> UnsafePointer<Double> {
        let at = lowerBound(key)
        precondition(at < keys.count && keys[at] == key, "no cached column for key \(key)")
        return UnsafePointer(columns[at].baseAddress!)
    }

    func lowerBound(_ key: Int) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
