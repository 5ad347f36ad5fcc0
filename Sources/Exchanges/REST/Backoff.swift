/// Exponential backoff with jitter, bounded: try n waits `base · 2^n`, capped at `cap`, times
/// a random factor in [0.5, 1] (so clients that failed together do not retry together).
public struct Backoff: Sendable {
    /// Tries in all (the first included) before giving up.
    public var attempts: Int
    public var base: Duration
    public var cap: Duration
    /// The longest `Retry-After` honoured; a longer one fails the request at once.
    public var maxRetryAfter: Duration

    public init(attempts: Int = 6, base: Duration = .milliseconds(500), cap: Duration = .seconds(30),
                maxRetryAfter: Duration = .seconds(300)) {
        self.attempts = max(1, attempts)
        self.base = base
        self.cap = cap
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before try `attempt + 1` (attempt counts from 0).
    public func delay<G: RandomNumberGenerator>(afterAttempt attempt: Int, using generator: inout G) -> Duration {
        let exponent = min(attempt, 30)
        var wait = base * (1 << exponent)
        if wait > cap { wait = cap }
        return wait * Double.random(in: 0.5...1.0, using: &generator)
    }

    public func delay(afterAttempt attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, using: &generator)
    }
}
