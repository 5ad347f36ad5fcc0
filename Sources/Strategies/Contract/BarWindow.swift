/// A read-only view of one symbol's bars `0...i`, where `i` is the bar being decided on.
///
/// Look-ahead is impossible by construction: the view knows only `count = i + 1` bars and
/// traps on any index beyond. It borrows the engine's column storage, so it is valid only
/// during the callback that receives it; never store it. No copying, no allocation.
@frozen
public struct BarWindow {
    @usableFromInline let tsBase: UnsafePointer<Int64>
    @usableFromInline let openBase, highBase, lowBase, closeBase, volumeBase: UnsafePointer<Double>
    /// Number of visible bars (the current bar is `count - 1`).
    public let count: Int

    @inlinable
    public init(ts: UnsafePointer<Int64>, open: UnsafePointer<Double>, high: UnsafePointer<Double>,
                low: UnsafePointer<Double>, close: UnsafePointer<Double>, volume: UnsafePointer<Double>, count: Int) {
        tsBase = ts; openBase = open; highBase = high; lowBase = low; closeBase = close; volumeBase = volume
        self.count = count
    }

    /// The same columns with `count` visible bars (engines advance the window with this).
    @inlinable
    public func withCount(_ count: Int) -> BarWindow {
        BarWindow(ts: tsBase, open: openBase, high: highBase, low: lowBase, close: closeBase, volume: volumeBase, count: count)
    }

    /// Index of the current (last visible) bar.
    @inlinable public var current: Int { count - 1 }

    @inlinable func checked(_ i: Int) -> Int {
        precondition(i >= 0 && i < count, "bar \(i) is outside the visible window 0..<\(count) (no look-ahead)")
        return i
    }

    @inlinable public func ts(_ i: Int) -> Int64 { tsBase[checked(i)] }
    @inlinable public func open(_ i: Int) -> Double { openBase[checked(i)] }
    @inlinable public func high(_ i: Int) -> Double { highBase[checked(i)] }
    @inlinable public func low(_ i: Int) -> Double { lowBase[checked(i)] }
    @inlinable public func close(_ i: Int) -> Double { closeBase[checked(i)] }
    @inlinable public func volume(_ i: Int) -> Double { volumeBase[checked(i)] }

    /// The current bar's fields.
    @inlinable public var lastTs: Int64 { ts(current) }
    @inlinable public var lastOpen: Double { open(current) }
    @inlinable public var lastHigh: Double { high(current) }
    @inlinable public var lastLow: Double { low(current) }
    @inlinable public var lastClose: Double { close(current) }
    @inlinable public var lastVolume: Double { volume(current) }
}
