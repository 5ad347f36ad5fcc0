#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file in memory, released with this object. Errors name the path and say why in
/// plain words (the system's `strerror`), never a framework error code.
///
/// Only regular files are read: the file is opened non-blocking and checked with `fstat`
/// before any read, so a FIFO, a socket or a device is refused at once instead of blocking
/// forever or streaming without end.
///
/// Files below `mapThreshold` are copied with one `read` loop: for a few megabytes a read-only
/// `mmap` of the page cache was measured slower (mapping and unmapping cost more kernel time
/// than the copy). Larger files are mapped (on Linux with `MAP_POPULATE`, so the pages come in
/// one call): copying 100 MB costs a third of the time of parsing it, half of that in faults on
/// the fresh buffer. As with any mapping, a file that another process truncates while it is
/// being read ends this one with SIGBUS instead of an error, and other writes may show.
package final class FileBytes {
    /// The file's bytes; valid while this object lives.
    package let bytes: UnsafeBufferPointer<UInt8>
    /// Whether `bytes` is a mapping (unmapped on release) rather than an allocation.
    private let mapped: Bool
    /// A copy of the bytes (safe to keep after this object is released).
    package var copied: [UInt8] { Array(bytes) }
    /// Size from which files are mapped rather than copied.
    static let mapThreshold = 32 << 20

    /// Reads the regular file at `path`; `maxBytes` refuses a larger file before reading it.
    package init(path: String, maxBytes: Int = .max) throws(DataError) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            throw .unreadable(path: path, reason: kind == S_IFDIR ? "it is a folder, not a file"
                              : "not a regular file (a pipe, socket or device); expected a file on disk")
        }
        let size = Int(info.st_size)
        guard size <= maxBytes else {
            throw .unreadable(path: path, reason: "the file is \(size) bytes; at most \(maxBytes) are accepted")
        }
        guard size > 0 else {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        if size >= Self.mapThreshold, let mapping = Self.map(fd, size) {
            bytes = UnsafeBufferPointer(start: mapping, count: size)
            mapped = true
            return
        }
        mapped = false
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        var done = 0
        while done < size {
            let n = read(fd, buffer + done, size - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                buffer.deallocate()
                throw .unreadable(path: path, reason: n == 0 ? "the file shrank while reading" : String(cString: strerror(errno)))
            }
            done += n
        }
        bytes = UnsafeBufferPointer(start: buffer, count: size)
    }

    /// A read-only private mapping of the whole file, or nil when the system refuses (the
    /// caller then reads the file instead).
    private static func map(_ fd: Int32, _ size: Int) -> UnsafePointer<UInt8>? {
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else { return nil }
        return UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutablePointer(mutating: base).deallocate()
        }
    }
}
