import Dispatch

/// Runs `background` on another thread while `foreground` runs on the caller's, and returns both
/// results once both have finished (the merge copies the shards' stores while it ranks them).
package func concurrently<Background: Sendable, Foreground>(_ background: @escaping @Sendable () -> Background,
                                                            while foreground: () -> Foreground) -> (Background, Foreground) {
    let slot = Slot<Background>()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        slot.value = background()
        done.signal()
    }
    let front = foreground()
    done.wait()
    return (slot.value!, front)
}

/// The background result: written once before the semaphore's signal, read after its wait.
private final class Slot<T>: @unchecked Sendable {
    var value: T?
}
