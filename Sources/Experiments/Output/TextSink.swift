import Foundation
import MarketData

/// Buffered text output of `AtomicFile` (flushes every 64 KiB).
public struct TextSink {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []

    init(handle: FileHandle, path: String) {
        self.handle = handle
        self.path = path
        buffer.reserveCapacity(1 << 16)
    }

    public mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { writeBuffer() }
    }

    /// The first write failure; reported by `flush()`.
    private var pendingError: OutputError?

    private mutating func writeBuffer() {
        do {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        } catch {
            pendingError = pendingError ?? .cannotWrite(path: path, reason: plainReason(error))
            buffer.removeAll(keepingCapacity: true)
        }
    }

    mutating func flush() throws(OutputError) {
        writeBuffer()
        if let pendingError { throw pendingError }
    }
}
