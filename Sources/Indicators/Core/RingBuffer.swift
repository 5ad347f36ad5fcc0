/// A fixed-capacity FIFO of doubles for streaming indicators: `push` overwrites the oldest
/// value once full. No allocation after `init`.
public struct RingBuffer: Sendable, Hashable {
    @usableFromInline var storage: [Double]
    @usableFromInline var head = 0
    @usableFromInline var filled = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "RingBuffer capacity must be positive")
        storage = Array(repeating: .nan, count: capacity)
    }

    @inlinable public var capacity: Int { storage.count }
    @inlinable public var count: Int { filled }
    @inlinable public var isFull: Bool { filled == storage.count }

    /// The oldest value held (the one the next `push` replaces once full).
    @inlinable public var oldest: Double { storage[isFull ? head : 0] }

    /// Value `k` steps back from the newest (0 = newest). Requires `k < count`.
    @inlinable
    public func back(_ k: Int) -> Double {
        var index = head - 1 - k
        if index < 0 { index += storage.count }
        return storage[index]
    }

    @inlinable
    public mutating func push(_ value: Double) {
        storage[head] = value
        head += 1
        if head == storage.count { head = 0 }
        if filled < storage.count { filled += 1 }
    }
}
