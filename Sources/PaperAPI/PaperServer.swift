import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MarketData
import NIOConcurrencyHelpers
import NIOCore
import Paper

/// The local HTTP API of a paper run (`crucible paper --listen HOST:PORT`): JSON read from the
/// state file as last committed (`GET /status`, `/positions`, `/orders`, `/fills`, `/equity`)
/// and `POST /stop`, which ends the run after the bar in progress.
///
/// Semantics: every answer is read from the state file through its own read-only connection,
/// so it is exactly what the file holds after the last committed bar. When `tokenSHA256` is set
/// (any bind address that is not loopback) every request must carry `Authorization: Bearer
/// TOKEN` with that token's SHA-256 (hex); anything else is answered 401 without reading the
/// file or stopping anything.
public final class PaperServer: Sendable {
    public let port: Int
    private let task: NIOLockedValueBox<Task<Void, any Error>?>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = NIOLockedValueBox(task)
    }

    /// Whether a bind to `host` must require the token: anything but a loopback address.
    public static func requiresToken(host: String) -> Bool {
        !(host == "localhost" || host == "::1" || host.hasPrefix("127."))
    }

    /// Serves `statePath` on `host:port` (port 0: a free one, see `port`); `stop` is called on
    /// `POST /stop`.
    public static func start(host: String, port: Int, statePath: String, tokenSHA256: String?,
                             stop: @escaping @Sendable () -> Void) async throws -> PaperServer {
        let router = Router()
        let auth = Authorization(tokenSHA256: tokenSHA256)
        for (path, table, key) in [("/positions", "positions", "symbol"), ("/orders", "orders", "id"), ("/fills", "fills", "seq"),
                                   ("/equity", "equity", "bar")] {
            router.get(RouterPath(path)) { request, _ in
                try auth.check(request)
                return try Self.answer { try StateFile(path: statePath, readOnly: true).json(table, orderBy: key) }
            }
        }
        router.get("/status") { request, _ in
            try auth.check(request)
            return try Self.answer { try StateFile(path: statePath, readOnly: true).statusJSON() }
        }
        router.post("/stop") { request, _ in
            try auth.check(request)
            stop()
            return Self.json(#"{"stopping":true}"#)
        }
        var logger = Logger(label: "crucible-paper-api")
        logger.logLevel = .critical
        let (bound, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0); continuation.finish() },
                              logger: logger)
        let running = Task { try await app.runService(gracefulShutdownSignals: []) }
        var actual: Int?
        for await p in bound { actual = p }
        guard let actual, actual > 0 else {
            running.cancel()
            _ = await running.result
            if case let .failure(error) = await running.result { throw PaperError.unsupported("--listen \(host):\(port): \(error)") }
            throw PaperError.unsupported("--listen \(host):\(port): the server did not start")
        }
        return PaperServer(port: actual, task: running)
    }

    /// Stops serving.
    public func shutdown() async {
        let running = task.withLockedValue { t -> Task<Void, any Error>? in defer { t = nil }; return t }
        running?.cancel()
        _ = await running?.result
    }

    private static func answer(_ body: () throws -> String) throws -> Response {
        do { return json(try body()) } catch {
            return Response(status: .serviceUnavailable, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: "{\"error\":\(Self.quoted("\(error)"))}")))
        }
    }

    private static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}

/// The bearer-token check of every request (none when there is no token).
private struct Authorization: Sendable {
    let tokenSHA256: String?

    func check(_ request: Request) throws {
        guard let tokenSHA256 else { return }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              SHA256.hex(Array(header.dropFirst("Bearer ".count).utf8)) == tokenSHA256 else { throw HTTPError(.unauthorized) }
    }
}

extension PaperServer {
    /// A new API token: 32 random bytes as hex.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
