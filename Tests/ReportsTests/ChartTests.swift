import Testing
import Foundation
@testable import Reports

@Suite struct ChartTests {
    static let allCases: [(ChartKind, ChartInput)] = ChartKind.allCases.flatMap { kind in ChartInput.allCases.map { (kind, $0) } }

    @Test(arguments: ChartTests.allCases)
    func everyChartIsWellFormedSVG(kind: ChartKind, input: ChartInput) {
        let svg = kind.render(input)
        let check = XMLCheck(svg)
        #expect(check.isWellFormed, "\(kind) \(input): \(check.error ?? "")")
        #expect(check.elements.first == "svg")
        #expect(check.has("svg", attribute: "viewBox"))
        #expect(check.count("title") == 1)
        #expect(!svg.lowercased().contains("nan"), "\(kind) \(input) printed a NaN")
        #expect(!svg.contains("<script"))
    }

    @Test(arguments: ChartKind.allCases)
    func emptyInputShowsPlaceholder(kind: ChartKind) {
        let check = XMLCheck(kind.render(.empty))
        #expect(check.isWellFormed)
        #expect(check.hasText("No data to plot"))
        #expect(check.hasText("Sample chart"))
    }

    @Test(arguments: ChartKind.allCases.flatMap { kind in [ChartInput.normal, .constant, .withNaN, .hostile].map { (kind, $0) } })
    func chartsHaveTheirAxesAndLegends(kind: ChartKind, input: ChartInput) {
        let check = XMLCheck(kind.render(input))
        #expect(!check.hasText("No data to plot"), "\(kind) \(input) fell back to the placeholder")
        for name in kind.requiredClasses {
            #expect(check.attributes.contains { $0["class"] == name }, "\(kind) \(input) lacks class \(name)")
        }
    }

    @Test(arguments: ChartKind.allCases)
    func hostileTextIsEscaped(kind: ChartKind) {
        let svg = kind.render(.hostile)
        let check = XMLCheck(svg)
        #expect(check.isWellFormed)
        #expect(check.textContains(ChartKind.hostile))
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;"))
    }

    /// A marker per finite bin of each series, the diagonal from (0, 0) to (1, 1), both axes 0 to 1.
    @Test func calibrationChartDrawsEveryBinAndTheDiagonal() {
        let points = [CalibrationChart.Point(predicted: 0.15, observed: 0.1, count: 20), CalibrationChart.Point(predicted: 0.55, observed: 0.6, count: 50),
                      CalibrationChart.Point(predicted: 0.85, observed: .nan, count: 3), CalibrationChart.Point(predicted: 0.45, observed: 0.4, count: 30)]
        let other = [CalibrationChart.Point(predicted: 0.5, observed: 0.5, count: 9)]
        let svg = CalibrationChart(title: "Calibration", series: [.init(name: "Walk-forward", points: points), .init(name: "Folds", points: other)]).render()
        let check = XMLCheck(svg)
        #expect(check.isWellFormed)
        let groups = svg.components(separatedBy: "<g class=\"series\">").dropFirst().map { $0.components(separatedBy: "</g>")[0] }
        #expect(groups.count == 2)
        #expect(groups.first.map { $0.components(separatedBy: "<circle").count - 1 } == 3, "the NaN bin is left out")
        #expect(groups.last.map { $0.components(separatedBy: "<rect").count - 1 } == 1)
        #expect(check.has("line", attribute: "class", value: "diagonal"))
        #expect(check.hasText("Perfectly calibrated") && check.hasText("Walk-forward") && check.hasText("Folds"))
        #expect(check.hasText("Mean predicted probability") && check.hasText("Share of outcomes = 1"))
        #expect(check.hasText("0") && check.hasText("1.0"), "both axes run from 0 to 1")
    }

    @Test func lineChartLabelsSeriesAndDates() {
        let check = XMLCheck(ChartKind.line.render(.normal))
        #expect(check.hasText("Strategy"))
        #expect(check.hasText("Buy & hold"))
        #expect(check.hasText("Equity"))
        // 400 days from 2021-01-01: monthly or quarterly ticks with both years as context.
        #expect(check.hasText("2021") && check.hasText("2022"))
        #expect(check.count("path") >= 3)
    }

    @Test func nanValuesBreakTheLine() {
        // Points 0-2, a NaN gap at 3-4, points 5-6, a NaN at 7 and a lone point at 8: three runs.
        let ts: [Int64] = (0..<9).map { ChartKind.start + Int64($0) * ChartKind.day }
        let values: [Double] = [1, 2, 3, .nan, .nan, 2, 1, .nan, 4]
        let svg = LineChart(title: "Gaps", series: [TimeSeries(name: "s", ts: ts, values: values)]).render()
        let check = XMLCheck(svg)
        let strokes = zip(check.elements, check.attributes).filter { $0.0 == "path" && $0.1["stroke-linecap"] == "round" }
        #expect(strokes.count == 1)
        let d = strokes.first?.1["d"] ?? ""
        #expect(d.filter { $0 == "M" }.count == 3)
        // 3 + 2 points, and the lone point doubled into a zero-length segment: 4 line-tos.
        #expect(d.filter { $0 == "L" }.count == 4)
    }

    @Test func leftMarginGrowsForWideLabels() {
        // 100,000.5…100,003 on a 248-unit-high plot: 5 intervals wanted, rough step 0.5 → 0.5, so
        // labels carry one decimal: "100,000.5" … "100,003.0", 9 glyphs × 12 × 0.6 = 64.8 wide.
        // + 7 gap + 26 for the y title = 97.8 > the default 84: the plot starts at 97.8 and the
        // labels end at 90.8.
        let ts: [Int64] = [0, 1].map { ChartKind.start + $0 * ChartKind.day }
        let svg = LineChart(title: "Wide", series: [TimeSeries(name: "s", ts: ts, values: [100_000.5, 100_003])]).render()
        let check = XMLCheck(svg)
        #expect(check.hasText("100,000.5") && check.hasText("100,003.0"))
        #expect(check.has("text", attribute: "x", value: "90.8"))
        #expect(svg.contains("d=\"M97.8 "))
        // Narrower labels keep the default margin, so stacked charts line up.
        let narrow = LineChart(title: "Narrow", series: [TimeSeries(name: "s", ts: ts, values: [100_000, 700_000])]).render()
        #expect(narrow.contains("d=\"M84 "))
    }

    @Test func logScaleSkipsNonPositiveValues() {
        let ts: [Int64] = [0, 1, 2, 3].map { ChartKind.start + $0 * ChartKind.day }
        let svg = LineChart(title: "Log", series: [TimeSeries(name: "s", ts: ts, values: [1, -5, 0, 1_000])], scale: .log).render()
        let check = XMLCheck(svg)
        #expect(check.isWellFormed)
        // log10 range 0…3 → 1, 2, 5 … 1,000 ticks.
        #expect(check.hasText("1") && check.hasText("10") && check.hasText("1,000"))
    }

    @Test func drawdownMarksTheDeepestPoint() {
        // Equity 100 → 120 → 60 → 90: deepest −50% on the third day (2021-01-03).
        let ts: [Int64] = [0, 1, 2, 3].map { ChartKind.start + $0 * ChartKind.day }
        let check = XMLCheck(DrawdownChart(ts: ts, equity: [100, 120, 60, 90]).render())
        #expect(check.textContains("Max drawdown -50.0% on 3 Jan 2021"))
        #expect(check.hasText("-50%") || check.hasText("-40%"))
        #expect(check.hasText("0%"))
    }

    @Test func monthlyHeatmapPrintsValuesAndYearTotals() {
        let returns = [MonthlyReturn(year: 2022, month: 1, value: 0.1), MonthlyReturn(year: 2022, month: 2, value: -0.5),
                       MonthlyReturn(year: 2021, month: 12, value: 0.02), MonthlyReturn(year: 2022, month: 3, value: -0.0004)]
        let check = XMLCheck(MonthlyReturnsHeatmap(returns: returns).render())
        #expect(check.isWellFormed)
        #expect(check.hasText("+10.0") && check.hasText("-50.0") && check.hasText("+2.0"))
        // 2022 compounds to 1.1 × 0.5 × 0.9996 − 1 = −45.02%; March's −0.04% prints as an unsigned 0.0.
        #expect(check.hasText("-45.0") && check.hasText("0.0"))
        #expect(check.hasText("2021") && check.hasText("2022") && check.hasText("Year") && check.hasText("Dec"))
        // Losing cells (Feb 2022 and the 2022 total, not the 0.0 March) carry the hatch overlay.
        #expect(check.attributes.filter { ($0["fill"] ?? "").hasPrefix("url(#monthly-") }.count == 2)
    }

    @Test func parameterHeatmapOutlinesTheBestCell() {
        let svg = ParameterHeatmap(title: "Grid", xName: "fast", yName: "slow", xValues: [5, 10], yValues: [20, 40],
                                   values: [[1, 2], [3, .nan]], objectiveName: "Sharpe").render()
        let check = XMLCheck(svg)
        #expect(check.isWellFormed)
        #expect(check.hasText("fast") && check.hasText("slow") && check.hasText("5") && check.hasText("40"))
        #expect(check.hasText("3.00") && check.hasText("1.00"))
        #expect(check.attributes.filter { $0["class"] == "best" }.count == 1)
        // Best value 3 is row 1 (y = 40), drawn at the top: its outline starts at the plot's top edge + 1.
        #expect(check.has("rect", attribute: "y", value: "41"))
    }

    @Test func histogramBinsFreedmanDiaconis() {
        // 1…8: quartiles 2.75 and 6.25 (linear interpolation), IQR 3.5, width 2·3.5·8^(−1/3) = 3.5 → 2 bins.
        let values: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let fd = HistogramBins(values: values)
        #expect(fd.edges == [1, 4.5, 8] && fd.counts == [4, 4])
        // Four bins of width 1.75: edges 1, 2.75, 4.5, 6.25, 8; 8 falls in the last (closed) bin.
        let four = HistogramBins(values: values + [.nan], rule: .count(4))
        #expect(four.edges == [1, 2.75, 4.5, 6.25, 8] && four.counts == [2, 2, 2, 2])
        // IQR 0 → Sturges: ⌈log2 8⌉ + 1 = 4 bins.
        #expect(HistogramBins(values: [1, 1, 1, 1, 1, 1, 1, 2]).counts.count == 4)
        #expect(HistogramBins(values: [3, 3, 3]) == HistogramBins(values: [3, 3, 3], rule: .count(5)))
        #expect(HistogramBins(values: [3, 3, 3]).edges == [2.5, 3.5])
        // A range wider than Double's (hi − lo overflows) still bins every value.
        #expect(HistogramBins(values: [-1e308, 0, 1, 2, 1e308]).counts.reduce(0, +) == 5)
        // Log ticks across more decades than a Double ratio holds (5e-324 to 1e4).
        #expect(!LogTicks.values(min: .leastNonzeroMagnitude, max: 1e4).isEmpty)
    }

    @Test func histogramShowsMarkerAndSkippedCount() {
        let check = XMLCheck(HistogramChart(title: "Returns", values: [0.1, 0.2, .nan, 0.3], markers: [MarkerLine(value: 0.25, label: "Actual")]).render())
        #expect(check.hasText("Actual") && check.hasText("Count"))
        #expect(check.textContains("n = 3, 1 not finite (skipped)"))
        #expect(check.attributes.contains { $0["class"] == "marker-line" })
    }

    @Test func histogramDrawsPrebinnedCounts() {
        // Stored bins [−0.2, 0), [0, 0.2), [0.2, 0.4] with counts 3, 0, 5: two bars (empty bins are
        // not drawn), n = 8, nothing skipped, shown in percent.
        let bins = HistogramBins(edges: [-0.2, 0, 0.2, 0.4], counts: [3, 0, 5])
        let check = XMLCheck(HistogramChart(title: "Final return", bins: bins, markers: [MarkerLine(value: 0, label: "0 %")],
                                            valueSuffix: "%", displayScale: 100).render())
        #expect(check.hasText("n = 8"))
        #expect(check.count("rect") - XMLCheck(HistogramChart(title: "Final return", bins: HistogramBins(edges: [-0.2, 0.4], counts: [0]),
                                                                 valueSuffix: "%", displayScale: 100).render()).count("rect") == 2)
        #expect(check.attributes.contains { $0["class"] == "marker-line" })
    }

    @Test func percentileBandsByInterpolation() {
        // Five paths with values 1…5 at one step: p5 = 1 + 0.05·4 = 1.2, p25 = 2, p50 = 3, p75 = 4, p95 = 4.8.
        let bands = PercentileBands(ts: [0], paths: [[1], [2], [3], [4], [5]])
        #expect(abs(bands.p5[0] - 1.2) < 1e-12 && bands.p25[0] == 2 && bands.p50[0] == 3 && bands.p75[0] == 4)
        #expect(abs(bands.p95[0] - 4.8) < 1e-12)
        let check = XMLCheck(ChartKind.fan.render(.normal))
        #expect(check.hasText("Median") && check.hasText("5-95% of paths") && check.hasText("25-75% of paths"))
        #expect(check.attributes.filter { $0["class"] == "band" }.count == 2)
    }

    @Test func priceChartDrawsEntryAndExitMarkers() {
        let ts: [Int64] = (0..<10).map { ChartKind.start + Int64($0) * ChartKind.day }
        let trades = [TradeMark(ts: ts[2], price: 10, side: .buy, isEntry: true), TradeMark(ts: ts[5], price: 12, side: .sell, isEntry: false),
                      TradeMark(ts: ts[9] + ChartKind.day, price: 11, side: .buy, isEntry: true)]
        let check = XMLCheck(PriceTradeChart(title: "Price", price: TimeSeries(name: "close", ts: ts, values: (0..<10).map { 10 + Double($0) * 0.3 }),
                                             trades: trades).render())
        #expect(check.hasText("Buy (entry)") && check.hasText("Sell (exit)") && !check.hasText("Sell (entry)"))
        // The third fill lies after the last bar and is skipped: 2 fills, each one path in the trades group.
        #expect(check.textContains("2 fills"))
        #expect(check.hasText("Price"))
    }

    @Test func bestSoFarSteps() {
        #expect(BestSoFarChart.bestSoFar([1, .nan, 0.5, 2, 1.5, 3], higherIsBetter: true) == [1, 1, 1, 2, 2, 3])
        #expect(BestSoFarChart.bestSoFar([3, 4, 1, 2], higherIsBetter: false) == [3, 3, 1, 1])
        let check = XMLCheck(BestSoFarChart(title: "Progress", objectives: [1, .nan, 0.5, 2], objectiveName: "Sharpe").render())
        #expect(check.hasText("Best so far") && check.hasText("Trial") && check.textContains("4 trials"))
        #expect(check.count("circle") >= 3)
        // A baseline: its own dashed step line and legend entry, no dots.
        let both = XMLCheck(BestSoFarChart(title: "Progress", objectives: [1, .nan, 0.5, 2], objectiveName: "Sharpe",
                                           baseline: [0.2, .nan, 1.5, 0.1], baselineName: "Sobol").render())
        #expect(both.hasText("Sobol, best so far"))
        #expect(both.attributes.filter { $0["class"] == "baseline-best-so-far" }.count == 1)
        #expect(both.count("circle") == check.count("circle"))
    }

    @Test func parallelCoordinatesNamesEveryAxis() {
        let check = XMLCheck(ChartKind.parallel.render(.normal))
        for name in ["fast", "slow", "stop", "Sharpe"] { #expect(check.hasText(name)) }
        #expect(check.attributes.filter { $0["class"] == "top" }.count == 5)
    }

    @Test func walkForwardTimelineRows() {
        let check = XMLCheck(ChartKind.walkForward.render(.normal))
        // 400 days, folds every 60 days while the start is < 280: 0, 60, …, 240 → 5 folds.
        #expect(check.hasText("Fold 1") && check.hasText("Fold 5") && !check.hasText("Fold 6"))
        #expect(check.attributes.filter { $0["class"] == "train" }.count == 5)
        #expect(check.attributes.filter { $0["class"] == "test" }.count == 5)
        #expect(check.hasText("Train (in-sample)") && check.hasText("Test (out-of-sample)"))
    }

    @Test func rollingChartHasZeroLine() {
        let check = XMLCheck(ChartKind.rolling.render(.normal))
        #expect(check.attributes.contains { $0["class"] == "reference" })
        #expect(check.hasText("Rolling Sharpe (30 days)"))
    }
}
