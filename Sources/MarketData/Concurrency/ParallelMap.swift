import Foundation

/// `body(0) ... body(count − 1)` computed on up to `threads` workers; element i of the result is
/// `body(i)` whatever the thread count or scheduling, so outputs never depend on it. Shared by
/// the optimizers and the learning pipeline.
package func parallelMap<T>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let workers = max(1, min(threads, count))
    if workers == 1 { return (0..<count).map(body) }
    let slots = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
    defer { slots.deallocate() }
    let base = SlotPointer(slots.baseAddress!)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var i = worker
        while i < count {
            (base.pointer + i).initialize(to: body(i))
            i += workers
        }
    }
    let out = Array(slots)
    _ = slots.deinitialize()
    return out
}

/// A result buffer written by exactly one worker per index.
private struct SlotPointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
