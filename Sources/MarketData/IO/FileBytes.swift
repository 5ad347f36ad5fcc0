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
/// than the copy). Larger files are mapped and read through a `Window`: readers that go front
/// to back (the CSV parser, the SHA-256) ask for the next `Window.size` bytes ahead and drop
/// the pages behind them, so memory stays bounded by a few windows however large the file (a
/// dropped page of a private read-only mapping is read again from the file if touched). As
/// with any mapping, a file that another process truncates while it is being read ends this
/// one with SIGBUS instead of an error, and other writes may show.
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
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        return UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
    }

    /// A reader's position in the bytes, front to back: for a mapped file, `advance(to:)` asks
    /// the system for the window ahead and drops the pages more than one window behind; for a
    /// copied file it does nothing. Call it whenever the position passes `next` (a comparison
    /// per row, so the loop it sits in stays cheap).
    package struct Window {
        /// Bytes requested ahead and kept behind (16 MiB).
        package static let size = 16 << 20
        let base: UnsafeRawPointer?
        let count: Int
        let mapped: Bool
        /// The position from which `advance` has work to do.
        package private(set) var next = 0
        var released = 0

        /// A window that never does anything (bytes not from a mapped file).
        package static var none: Window { Window(base: nil, count: 0, mapped: false) }

        /// The same bytes from the start again (a second pass).
        package func restarted() -> Window {
            var w = Window(base: base, count: count, mapped: mapped)
            w.advance(to: 0)
            return w
        }

        /// Moves the window to `offset`.
        package mutating func advance(to offset: Int) {
            guard mapped, let base, offset >= next else {
                if !mapped { next = .max }
                return
            }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let keepFrom = max(0, offset - Self.size) / page * page
            if keepFrom > released {
                _ = madvise(UnsafeMutableRawPointer(mutating: base + released), keepFrom - released, MADV_DONTNEED)
                released = keepFrom
            }
            let ahead = min(count, offset + 2 * Self.size) - offset
            if ahead > 0 { _ = madvise(UnsafeMutableRawPointer(mutating: base + offset / page * page), ahead, MADV_WILLNEED) }
            next = min(count, offset + Self.size)
            if next == count { next = .max }
        }
    }

    /// A window at the start of the bytes.
    package var window: Window {
        var w = Window(base: bytes.baseAddress.map(UnsafeRawPointer.init), count: bytes.count, mapped: mapped)
        w.advance(to: 0)
        return w
    }

    /// SHA-256 of the bytes, read through a window.
    package func sha256() -> String {
        var hash = SHA256()
        var window = self.window
        var offset = 0
        while offset < bytes.count {
            window.advance(to: offset)
            let n = min(Window.size, bytes.count - offset)
            hash.update(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[offset..<(offset + n)]))
            offset += n
        }
        return hash.finalizeHex()
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
