import Foundation
import MarketData
import Synchronization

/// Checkpoints a state file's write-ahead log from a thread and connection of its own, every
/// `interval`: the copy of committed pages into the database file and its fsync happen off the
/// bar path, so a commit never waits for them (PASSIVE checkpoints take no lock a writer
/// needs). The writer's own autocheckpoint stays as a backstop for a log this cannot keep small.
final class WALCheckpointer: Sendable {
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    private let failure = Mutex<String?>(nil)

    /// Starts checkpointing the database at `path` every `interval` seconds.
    init(path: String, interval: Double) {
        let thread = Thread { [self] in
            defer { finished.signal() }
            do {
                let connection = try SQLiteConnection<PaperError>(path: path, readOnly: false)
                while !stopping.load(ordering: .acquiring) {
                    _ = wake.wait(timeout: .now() + interval)
                    try connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
        }
        thread.name = "crucible-wal-checkpoint"
        thread.start()
    }

    /// Why checkpointing stopped, if it failed (the log then grows until the writer's
    /// autocheckpoint copies it).
    var error: String? { failure.withLock { $0 } }

    /// Runs a last checkpoint and waits for the thread to end.
    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
        finished.wait()
    }
}
