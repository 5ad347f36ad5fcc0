/// A rolling metric over time (rolling Sharpe, rolling volatility) with its zero line.
///
/// Semantics: a `LineChart` of the metric with a dashed reference line at zero (and any others
/// given); the leading NaN values of the warm-up window are skipped.
public struct RollingMetricChart: Sendable {
    public var title: String
    public var metric: TimeSeries
    /// Window description for the subtitle, e.g. "90-day window".
    public var window: String?
    public var extraLines: [ReferenceLine]
    public var width: Double
    public var height: Double

    public init(title: String, metric: TimeSeries, window: String? = nil, extraLines: [ReferenceLine] = [],
                width: Double = 960, height: Double = 260) {
        self.title = title
        self.metric = metric
        self.window = window
        self.extraLines = extraLines
        self.width = width
        self.height = height
    }

    public func render() -> String {
        var named = metric
        if let window { named.name += " (" + window + ")" }
        return LineChart(title: title, series: [named], yLabel: metric.name,
                         referenceLines: [ReferenceLine(value: 0, label: "0")] + extraLines,
                         width: width, height: height).render()
    }
}
