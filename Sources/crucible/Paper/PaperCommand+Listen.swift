import ArgumentParser
import Foundation
import MarketData
import Paper
import PaperAPI

extension PaperCommand {
    /// Starts the local API of `--listen HOST:PORT` on the state file; off loopback with the
    /// token, generated and printed on the file's first such start.
    func serve(_ address: String, state: StateFile, stop: StopRequest) async throws -> PaperServer {
        let (host, port) = try Self.hostAndPort(address)
        var tokenHash: String?
        if PaperServer.requiresToken(host: host) {
            if let stored = try state.meta()[StateFile.tokenHashKey] {
                tokenHash = stored
            } else {
                let token = PaperServer.newToken()
                tokenHash = SHA256.hex(Array(token.utf8))
                try state.setMeta([(StateFile.tokenHashKey, tokenHash!)])
                print("API token (printed once; send it as Authorization: Bearer TOKEN): \(token)")
            }
        }
        let server = try await PaperServer.start(host: host, port: port, statePath: state.path, tokenSHA256: tokenHash) { stop.request() }
        if !quiet { FileHandle.standardError.write(Data("listening on http://\(address.hasPrefix("[") ? "[\(host)]" : host):\(server.port)\n".utf8)) }
        return server
    }

    /// `HOST:PORT` or `[IPv6]:PORT`, the port in 0...65535 (0: any free one).
    static func hostAndPort(_ address: String) throws -> (String, Int) {
        let host: Substring, portText: Substring
        if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
            host = address[address.index(after: address.startIndex)..<close]
            guard address[close...].hasPrefix("]:") else { throw ValidationError("--listen \(address): expected [HOST]:PORT") }
            portText = address[address.index(close, offsetBy: 2)...]
        } else {
            guard let colon = address.lastIndex(of: ":") else { throw ValidationError("--listen \(address): expected HOST:PORT") }
            host = address[..<colon]
            portText = address[address.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port) else {
            throw ValidationError("--listen \(address): expected HOST:PORT with a port in 0...65535")
        }
        return (String(host), port)
    }
}

/// `POST /stop`, seen by the bar loop between bars; `also` (a live feed's stop) ends a wait
/// for the next bar.
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private let also: (@Sendable () -> Void)?

    init(also: (@Sendable () -> Void)? = nil) { self.also = also }

    func request() {
        lock.lock(); requested = true; lock.unlock()
        also?()
    }

    var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
