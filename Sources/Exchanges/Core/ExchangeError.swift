import MarketData

/// Everything that can go wrong talking to an exchange, rendered to one message in one place.
/// No case ever carries an API key or secret: requests are named by method and URL, and keys
/// travel only in headers and in the stream's auth message.
public enum ExchangeError: Error, Sendable, CustomStringConvertible {
    /// A bad option or combination (unknown exchange, unsupported timeframe, missing keys).
    case invalidArgument(String)
    /// The exchange answered with an error status after the last try (or one not worth retrying).
    case http(request: String, status: Int, message: String, attempts: Int)
    /// The connection failed or timed out on every try.
    case transport(request: String, reason: String, attempts: Int)
    /// A response body did not have the documented shape.
    case decode(request: String, error: JSONReadError)
    /// The store refused the data.
    case store(DataError)
    /// The stream could not be kept up (e.g. the exchange refused the subscription).
    case stream(String)

    public var description: String {
        switch self {
        case let .invalidArgument(message): return message
        case let .http(request, status, message, attempts):
            return "\(request): HTTP \(status)\(message.isEmpty ? "" : ": \(message)") (after \(attempts) \(attempts == 1 ? "try" : "tries"))"
        case let .transport(request, reason, attempts):
            return "\(request): \(reason) (after \(attempts) \(attempts == 1 ? "try" : "tries"))"
        case let .decode(request, error): return "\(request): unexpected response: \(error)"
        case let .store(error): return error.description
        case let .stream(message): return message
        }
    }
}
