import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// GETs with retries (async-http-client underneath).
///
/// Semantics: timeouts, connection failures and 5xx answers are retried with `backoff`;
/// 429 (too many requests) and 418 (IP banned for ignoring 429s) wait for `Retry-After`
/// seconds (or the backoff when absent) before the next try; any other status ≥ 400 fails at
/// once with the exchange's message. After the last try the error names the request and the
/// last failure. A response body larger than `maxBodyBytes` is refused.
public final class HTTPFetcher: Sendable {
    public let backoff: Backoff
    public let timeout: Duration
    public let maxBodyBytes: Int
    private let client: HTTPClient

    /// A response: status, headers and body.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]
    }

    public init(backoff: Backoff = Backoff(), timeout: Duration = .seconds(30), maxBodyBytes: Int = 64 << 20,
                client: HTTPClient = .shared) {
        self.backoff = backoff
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.client = client
    }

    /// Fetches `get`, retrying as described above; `onRetry` hears of every retry before its wait.
    public func get(_ get: HTTPGet, onRetry: @Sendable (_ attempt: Int, _ reason: String, _ wait: Duration) -> Void = { _, _, _ in })
        async throws(ExchangeError) -> Response {
        var lastReason = ""
        var lastStatus: Int?
        for attempt in 0..<backoff.attempts {
            var request = HTTPClientRequest(url: get.url)
            request.method = .GET
            for header in get.headers { request.headers.add(name: header.name, value: header.value) }
            var wait: Duration
            do {
                let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout / .milliseconds(1))))
                let status = Int(response.status.code)
                let headers = response.headers.map { (name: $0.name, value: $0.value) }
                let body = try await response.body.collect(upTo: maxBodyBytes)
                let bytes = Array(body.readableBytesView)
                if status < 400 { return Response(status: status, headers: headers, body: bytes) }
                let message = exchangeMessage(bytes)
                lastStatus = status
                lastReason = message
                if status == 429 || status == 418 {
                    if let seconds = headers.first(where: { $0.name.lowercased() == "retry-after" }).flatMap({ Double($0.value) }) {
                        wait = .milliseconds(Int64(max(0, min(seconds, 86_400)) * 1000))
                        if wait > backoff.maxRetryAfter {
                            throw ExchangeError.http(request: get.description, status: status,
                                                     message: "\(message) (Retry-After \(Int(seconds)) s is longer than allowed)", attempts: attempt + 1)
                        }
                    } else {
                        wait = backoff.delay(afterAttempt: attempt)
                    }
                } else if status >= 500 {
                    wait = backoff.delay(afterAttempt: attempt)
                } else {
                    throw ExchangeError.http(request: get.description, status: status, message: message, attempts: attempt + 1)
                }
            } catch let error as ExchangeError {
                throw error
            } catch {
                lastStatus = nil
                lastReason = Self.describe(error)
                wait = backoff.delay(afterAttempt: attempt)
            }
            guard attempt + 1 < backoff.attempts else { break }
            onRetry(attempt + 1, lastStatus.map { "HTTP \($0)" } ?? lastReason, wait)
            do { try await Task.sleep(for: wait) } catch { throw .transport(request: get.description, reason: "cancelled", attempts: attempt + 1) }
        }
        if let lastStatus {
            throw .http(request: get.description, status: lastStatus, message: lastReason, attempts: backoff.attempts)
        }
        throw .transport(request: get.description, reason: lastReason, attempts: backoff.attempts)
    }

    /// A short reason for a transport failure.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout { return "timed out" }
            if error == .remoteConnectionClosed { return "the server closed the connection" }
        }
        return String(describing: error)
    }
}

/// An exchange's error text from a response body (`{"code":…,"msg":…}` or `{"message":…}`),
/// else the body's first 200 characters.
func exchangeMessage(_ body: [UInt8]) -> String {
    var found = ""
    body.withUnsafeBufferPointer { buffer in
        var reader = JSONReader(buffer)
        try? reader.object { (r: inout JSONReader, key) throws(JSONReadError) in
            if key.is("msg") || key.is("message") { found = try r.string() } else { try r.skip() }
        }
    }
    if !found.isEmpty { return found }
    return String(String(decoding: body.prefix(200), as: UTF8.self).filter { !$0.isNewline })
}
