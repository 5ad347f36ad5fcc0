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

    /// Appends UTF-8 bytes (text already encoded, such as `ranked.csv`'s rows).
    mutating func append(bytes: [UInt8]) {
        if buffer.isEmpty && bytes.count >= 1 << 16 { return write(bytes) }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { writeBuffer() }
    }

    /// The first write failure; reported by `flush()`.
    private var pendingError: OutputError?

    private mutating func writeBuffer() {
        write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func write(_ bytes: [UInt8]) {
        do { try handle.write(contentsOf: bytes) } catch {
            pendingError = pendingError ?? .cannotWrite(path: path, reason: plainReason(error))
        }
    }

    mutating func flush() throws(OutputError) {
        writeBuffer()
        if let pendingError { throw pendingError }
    }
}
