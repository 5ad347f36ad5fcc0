import MarketData

/// Growable column storage for an incremental event run (`EventStepper`): bars are appended one
/// at a time and the columns move only when the capacity doubles, so the windows the strategy
/// reads are re-pointed at most log₂(bars) times.
@usableFromInline
final class BarBuffer {
    @usableFromInline var ts: UnsafeMutablePointer<Int64>
    @usableFromInline var open, high, low, close, volume: UnsafeMutablePointer<Double>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int

    @usableFromInline
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        ts = .allocate(capacity: self.capacity)
        open = .allocate(capacity: self.capacity)
        high = .allocate(capacity: self.capacity)
        low = .allocate(capacity: self.capacity)
        close = .allocate(capacity: self.capacity)
        volume = .allocate(capacity: self.capacity)
    }

    deinit {
        ts.deallocate(); open.deallocate(); high.deallocate(); low.deallocate(); close.deallocate(); volume.deallocate()
    }

    /// The columns as they are now (valid until the next `append` that moves them).
    @inlinable
    var columns: BarColumns {
        BarColumns(ts: ts, open: open, high: high, low: low, close: close, volume: volume, count: count)
    }

    /// Appends one bar; returns true when the columns moved (the caller re-points its views).
    @inlinable
    func append(_ bar: Bar) -> Bool {
        var moved = false
        if count == capacity {
            grow()
            moved = true
        }
        ts[count] = bar.ts
        open[count] = bar.open
        high[count] = bar.high
        low[count] = bar.low
        close[count] = bar.close
        volume[count] = bar.volume
        count += 1
        return moved
    }

    @usableFromInline
    func grow() {
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
