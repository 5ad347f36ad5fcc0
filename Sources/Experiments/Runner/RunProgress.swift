/// Where a run stands, for progress lines.
public struct RunProgress: Sendable {
    public var done: Int
    public var total: Int
    public var best: Double?
    public var bestTrial: Int?
    public var elapsedSeconds: Double

    /// Seconds left at the pace so far (nil before the first trial).
    public var etaSeconds: Double? {
        guard done > 0, total > done else { return done >= total ? 0 : nil }
        return elapsedSeconds / Double(done) * Double(total - done)
    }
}
