extension Figures {
    /// Drawdown at every bar: equity over its running maximum, minus one (0 at a new high,
    /// -0.25 a quarter below the peak). NaN equity gives NaN and leaves the peak unchanged.
    public static func drawdown(equity: [Double]) -> [Double] {
        var peak = -Double.infinity
        return equity.map { value in
            guard value.isFinite else { return .nan }
            peak = max(peak, value)
            return peak > 0 ? value / peak - 1 : .nan
        }
    }
}
