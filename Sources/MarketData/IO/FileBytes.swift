#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file read into memory with one `read` loop, freed when released. (A read-only
/// `mmap` of the page cache was measured slower here: mapping and unmapping every page cost
/// more kernel time than copying a few megabytes.) Errors name the path.
final class FileBytes {
    /// The file's bytes; valid while this object lives.
    let bytes: UnsafeBufferPointer<UInt8>

    init(path: String) throws(DataError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
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

    deinit {
        bytes.baseAddress.map { UnsafeMutablePointer(mutating: $0).deallocate() }
    }
}
