import Foundation
import MarketData
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
                throw OutputError.cannotWrite(path: url.path, reason: plainReason(error))
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
