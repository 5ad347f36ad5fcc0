import Foundation

/// The reason a Foundation file operation failed, in the system's plain words (`No such file
/// or directory`, `Permission denied`) rather than `NSCocoaErrorDomain error 4`: the POSIX
/// code is taken from the error or the error it wraps; without one, a sentence of our own.
package func plainReason(_ error: any Error) -> String {
    let ns = error as NSError
    let posix = ns.domain == NSPOSIXErrorDomain ? ns : (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap {
        $0.domain == NSPOSIXErrorDomain ? $0 : nil
    }
    if let posix { return String(cString: strerror(Int32(posix.code))) }
    switch ns.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
    case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
    case NSFileWriteOutOfSpaceError: return "no space left on the device"
    case NSFileWriteVolumeReadOnlyError: return "the volume is read-only"
    default: return "the file system refused the operation"
    }
}
