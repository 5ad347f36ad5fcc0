import MarketData

/// Growable column storage for an incremental event run (`EventStepper`): bars are appended one
/// at a time and the columns move only when the capacity doubles, so the windows the strategy
/// reads are re-pointed at most log₂(bars) times.
@usableFromInline
final class BarBuffer {
    /// Everything in one stored property, without the dynamic exclusivity check a class's stored
    /// property gets on every use (two uses per bar; the buffer's accesses never overlap: it is
    /// used only by the stepper that owns it).
    @exclusivity(unchecked) @usableFromInline var storage: Storage

    @usableFromInline
    init(capacity: Int) { storage = Storage(capacity: max(capacity, 16)) }

    deinit { storage.deallocate() }

    /// Bars held.
    @inlinable var count: Int { storage.count }
    @inlinable var capacity: Int { storage.capacity }
    /// The latest bar's open time and close, nil before the first.
    @inlinable var last: (ts: Int64, close: Double)? {
        let s = storage
        return s.count > 0 ? (s.ts[s.count - 1], s.close[s.count - 1]) : nil
    }

    /// Appends one bar; returns the columns as they are now (valid until the next `append`,
    /// which moves them when the capacity doubles).
    @inlinable
    func append(_ bar: Bar) -> BarColumns { storage.append(bar) }

    @usableFromInline
    struct Storage {
        @usableFromInline var ts: UnsafeMutablePointer<Int64>
        @usableFromInline var open, high, low, close, volume: UnsafeMutablePointer<Double>
        @usableFromInline var count = 0
        @usableFromInline var capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            ts = .allocate(capacity: capacity)
            open = .allocate(capacity: capacity)
            high = .allocate(capacity: capacity)
            low = .allocate(capacity: capacity)
            close = .allocate(capacity: capacity)
            volume = .allocate(capacity: capacity)
        }

        func deallocate() {
            ts.deallocate(); open.deallocate(); high.deallocate(); low.deallocate(); close.deallocate(); volume.deallocate()
        }

        @inlinable
        mutating func append(_ bar: Bar) -> BarColumns {
            if count == capacity { grow() }
            ts[count] = bar.ts
            open[count] = bar.open
            high[count] = bar.high
            low[count] = bar.low
            close[count] = bar.close
            volume[count] = bar.volume
            count += 1
            return BarColumns(ts: ts, open: open, high: high, low: low, close: close, volume: volume, count: count)
        }

        @usableFromInline
        mutating func grow() {
            let newCapacity = capacity * 2
            func moved<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
                let new = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
                new.initialize(from: old, count: count)
                old.deallocate()
                return new
            }
            ts = moved(ts); open = moved(open); high = moved(high); low = moved(low); close = moved(close); volume = moved(volume)
            capacity = newCapacity
        }
    }
}
