/// How a live stream is kept up and written.
public struct StreamOptions: Sendable {
    /// A connection that delivers nothing for this long counts as dead and is replaced.
    public var silenceTimeout: Duration = .seconds(30)
    /// WebSocket ping period; a ping unanswered for one period closes the connection.
    public var pingInterval: Duration = .seconds(15)
    /// Waits between reconnection attempts; `attempts` consecutive failures end the stream.
    public var reconnect = Backoff(attempts: 12, base: .milliseconds(250), cap: .seconds(30))
    /// Whether bars missed while disconnected are fetched by REST into the store after a
    /// reconnect (off for a consumer that backfills in order itself, `LiveBars`).
    public var backfillGaps = true
    /// Retries of backfill requests.
    public var rest = Backoff()
    /// When the stream stops, backfills under way get this long to finish before they are cancelled.
    public var backfillGrace: Duration = .seconds(10)
    /// A batch is committed when it holds this many records or is `flushInterval` old.
    public var batchSize = 8192
    public var flushInterval: Duration = .milliseconds(10)
    /// Stop after this long (nil: until stopped).
    public var duration: Duration?
    /// Stop after this many messages (nil: no limit).
    public var maxMessages: Int?
    /// Largest message accepted; a larger one ends the connection (and is reconnected).
    public var maxMessageBytes = 4 << 20
    public init() {}
}

/// Counters of a live stream, as shown on the status line and in the final summary.
public struct StreamStats: Sendable, Equatable {
    /// WebSocket messages received (control messages included).
    public var messages = 0
    /// Records (bars, trades, quotes, book messages) decoded.
    public var records = 0
    /// Records newly written to the store.
    public var stored = 0
    /// Records dropped as duplicates or stale (already stored, or an older update).
    public var duplicates = 0
    /// Bar updates of a bar still open (not stored; the closed bar is).
    public var openBarUpdates = 0
    /// Closed bars whose stored copy has other values (the stored copy is kept).
    public var barConflicts = 0
    /// Messages that could not be decoded (logged and skipped).
    public var malformed = 0
    public var reconnects = 0
    /// Gaps found after a reconnect and filled by REST, and the bars they brought.
    public var gapsBackfilled = 0
    public var barsBackfilled = 0
    /// Backfills that failed after their retries (the gap stays; reported at the end).
    public var backfillFailures = 0
    /// Batches committed.
    public var batches = 0
    /// Receipt-to-commit lag: the latest batch's worst, and the 99th percentile so far (ms).
    public var lastLagMs = 0.0
    public var p99LagMs = 0.0
    /// Exchange-time-to-commit lag of the latest batch's newest record with an exchange time (ms).
    public var exchangeLagMs: Double?
    public var elapsedSeconds = 0.0
    public var messagesPerSecond: Double { elapsedSeconds > 0 ? Double(messages) / elapsedSeconds : 0 }
}
