import MarketData

/// A bar as a feed hands it to the paper loop: the bar and, for one that arrived live from a
/// stream, its receipt time (uptime ns, `DispatchTime`), from which decision latency counts.
public struct FedBar: Sendable, Equatable {
    public var bar: Bar
    public var receivedAt: UInt64?
    public init(bar: Bar, receivedAt: UInt64?) { self.bar = bar; self.receivedAt = receivedAt }
}

/// What `PaperLoop` steps a session through: a replay file or a live exchange feed.
public protocol PaperBarSource: AnyObject {
    /// The next closed bar, waiting for it if needed; nil when the feed has ended.
    func nextBar() async throws -> FedBar?
    /// Whether `nextBar` would return at once (the loop then may delay its commit).
    var hasBarReady: Bool { get }
}

extension PaperBarSource {
    /// A live source waits for each bar.
    public var hasBarReady: Bool { false }
}

/// `ReplayFeed` (a value with its own cursor) as a loop's source.
public final class ReplaySource: PaperBarSource {
    /// Read and advanced once per bar, by one loop: not checked for exclusivity at run time.
    @exclusivity(unchecked) public var feed: ReplayFeed
    public init(_ feed: ReplayFeed) { self.feed = feed }
    public func nextBar() async throws -> FedBar? {
        try feed.next().map { FedBar(bar: $0, receivedAt: nil) }
    }
    public var hasBarReady: Bool { feed.hasBarReady }
}
