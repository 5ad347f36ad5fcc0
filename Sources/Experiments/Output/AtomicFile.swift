import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old content or the complete new one, never a
/// part: the bytes go to a hidden temporary file in the same folder, are flushed to disk, and the
/// temporary file is renamed over the target (`rename(2)` is atomic within one file system). If
/// writing fails, the temporary file is removed and the target is untouched.
public enum AtomicFile {
    /// Writes `text` (UTF-8) to `url` atomically.
    public static func write(_ text: String, to url: URL) throws(OutputError) {
        try write(to: url) { sink throws(OutputError) in sink.append(text) }
    }

    /// Streams content into `url` atomically: `body` appends text to the sink, which is flushed
    /// to the temporary file in chunks, so large files never sit in memory whole.
    public static func write(to url: URL, _ body: (inout TextSink) throws(OutputError) -> Void) throws(OutputError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw .cannotWrite(path: url.path, reason: "cannot create a file in \(folder.path)")
        }
        do throws(OutputError) {
            var sink = TextSink(handle: handle, path: url.path)
            try body(&sink)
            try sink.flush()
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                throw OutputError.cannotWrite(path: url.path, reason: error.localizedDescription)
            }
            guard rename(temporary.path, url.path) == 0 else {
                throw OutputError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

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
            pendingError = pendingError ?? .cannotWrite(path: path, reason: error.localizedDescription)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    mutating func flush() throws(OutputError) {
        writeBuffer()
        if let pendingError { throw pendingError }
    }
}

/// Errors writing results.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    case cannotCreateFolder(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
        case let .cannotCreateFolder(path, reason): return "\(path): cannot create the folder: \(reason)"
        }
    }
}
