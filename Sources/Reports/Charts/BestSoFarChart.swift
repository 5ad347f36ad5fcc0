/// Optimizer progress: every trial's objective as a dot and the best value so far as a step line.
///
/// Semantics: trials are numbered from 1 in the order they were evaluated. The step line holds
/// the best finite objective up to each trial (highest, or lowest when `higherIsBetter` is false)
/// and steps at each improvement. NaN objectives (failed trials) are skipped. With many trials
/// the dots are thinned by min/max per pixel column; the step line is exact. A `baseline`
/// (another search's objectives in its order, e.g. a Sobol search of the same budget) is drawn
/// as its own dashed best-so-far line, without dots.
public struct BestSoFarChart: Sendable {
    public var title: String
    public var objectives: [Double]
    public var baseline: [Double]
    public var baselineName: String
    public var objectiveName: String
    public var higherIsBetter: Bool
    public var width: Double
    public var height: Double

    public init(title: String, objectives: [Double], objectiveName: String, higherIsBetter: Bool = true,
                baseline: [Double] = [], baselineName: String = "Baseline", width: Double = 960, height: Double = 300) {
        self.title = title
        self.objectives = objectives
        self.baseline = baseline
        self.baselineName = baselineName
        self.objectiveName = objectiveName
        self.higherIsBetter = higherIsBetter
        self.width = width
        self.height = height
    }

    static let dotColor = "#9a9a9a"
    static let bestStyle = SeriesStyle(color: "#1f4e9a", marker: .none, lineWidth: 2.2)
    static let baselineStyle = SeriesStyle(color: "#d55e00", dash: "7 4", marker: .none, lineWidth: 1.8)

    /// Best finite objective up to each trial (NaN before the first finite one).
    public static func bestSoFar(_ objectives: [Double], higherIsBetter: Bool) -> [Double] {
        var best = Double.nan
        return objectives.map { v in
            if v.isFinite, best.isNaN || (higherIsBetter ? v > best : v < best) { best = v }
            return best
        }
    }

    public func render() -> String {
        var xs = [Double](), ys = [Double]()
        for (i, v) in objectives.enumerated() where v.isFinite { xs.append(Double(i + 1)); ys.append(v) }
        let reference = baseline.enumerated().filter { $0.element.isFinite }.map { (Double($0.offset + 1), $0.element) }
        guard let lo = (ys + reference.map(\.1)).min(), let hi = (ys + reference.map(\.1)).max(), let last = xs.last else {
            return ChartCanvas.placeholder(kind: "best", width: width, height: height, title: title)
        }
        var canvas = ChartCanvas(kind: "best", width: width, height: height, title: title,
                                 subtitle: "\(objectives.count) trials" + (higherIsBetter ? ", higher is better" : ", lower is better"))
        let legend = Legend(items: [LegendItem(name: "Trial " + objectiveName, swatch: .marker(.circle, color: Self.dotColor, filled: true)),
                                    LegendItem(name: "Best so far", swatch: .line(Self.bestStyle))]
                                + (reference.isEmpty ? [] : [LegendItem(name: baselineName + ", best so far", swatch: .line(Self.baselineStyle))]),
                            width: width - 80)
        let plot = canvas.plotArea(legendHeight: legend.height, bottom: 54)
        let frame = PlotFrame(area: plot, x: .linear(min: 1, max: max(last, reference.last?.0 ?? 1, 2)), y: .linear(min: lo, max: hi))
        let area = frame.area
        frame.drawGrid(into: &canvas.svg)
        let keep = MinMaxDownsampler.indices(x: xs, y: ys, columns: Int(area.width / 2))
        canvas.svg.start("g", [("class", "trials"), ("fill", Self.dotColor)])
        for i in keep {
            canvas.svg.element("circle", [("cx", SVGNumber.format(frame.x(xs[i]))), ("cy", SVGNumber.format(frame.y(ys[i]))), ("r", "2.2")])
        }
        canvas.svg.end()
        if let end = reference.last?.0 {
            canvas.svg.path(stepPath(reference, frame: frame, end: end), Self.baselineStyle.strokeAttributes + [("class", "baseline-best-so-far")])
        }
        canvas.svg.path(stepPath(Array(zip(xs, ys)), frame: frame, end: last), Self.bestStyle.strokeAttributes + [("class", "best-so-far")])
        frame.drawAxes(into: &canvas.svg, chartWidth: width, xTitle: "Trial", yTitle: objectiveName)
        legend.draw(into: &canvas.svg, left: 70, top: ChartTheme.legendTop)
        return canvas.svg.finish()
    }

    /// The best-so-far step line through finite (trial number, objective) pairs, held to `end`.
    private func stepPath(_ points: [(Double, Double)], frame: PlotFrame, end: Double) -> SVGPath {
        var path = SVGPath()
        var best = Double.nan
        for (x, v) in points where best.isNaN || (higherIsBetter ? v > best : v < best) {
            if best.isNaN { path.move(frame.x(x), frame.y(v)) } else { path.line(frame.x(x), frame.y(best)); path.line(frame.x(x), frame.y(v)) }
            best = v
        }
        path.line(frame.x(end), frame.y(best))
        return path
    }
}
