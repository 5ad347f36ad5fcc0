import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a run folder (`flock` on `<folder>/.lock`), held while a process runs
/// or resumes it, so two processes never interleave trials of one run. The kernel releases it
/// when the process ends, however it ends, so a killed run can be resumed at once.
final class RunLock {
    private let descriptor: Int32

    /// Takes the lock or throws if another process holds it.
    init(folder: URL) throws(RunError) {
        let path = folder.appendingPathComponent(".lock").path
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .output("\(path): cannot create the run lock: \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .resume("\(folder.path): another crucible process is running this run")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
