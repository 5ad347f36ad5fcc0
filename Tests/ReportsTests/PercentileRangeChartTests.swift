import Foundation
import Reports
import Testing

@Suite struct PercentileRangeChartTests {
    @Test func drawsOneBoxPerRowAndNamesEveryRow() {
        let svg = PercentileRangeChart(title: "Final return", rows: [
            .init(label: "block_bootstrap", percentiles: [-0.2, 0.1, 0.3, 0.6, 1.2]),
            .init(label: "gbm", percentiles: [-0.5, -0.1, 0.2, 0.5, 1.5]),
            .init(label: "broken", percentiles: [.nan, 0, 0.1, 0.2, 0.3]),
        ], reference: MarkerLine(value: 0.4, label: "Backtest"), xLabel: "Return (%)", valueSuffix: "%", displayScale: 100).render()
        let xml = XMLCheck(svg)
        #expect(xml.isWellFormed, "\(xml.error ?? "")")
        #expect(xml.has("rect", attribute: "class", value: "box"))
        #expect(zip(xml.elements, xml.attributes).filter { $0 == "rect" && $1["class"] == "box" }.count == 2)
        #expect(zip(xml.elements, xml.attributes).filter { $0 == "line" && $1["class"] == "median" }.count == 2)
        for text in ["block_bootstrap", "gbm", "broken", "n/a", "Backtest", "Return (%)"] { #expect(xml.hasText(text)) }
        #expect(xml.has("line", attribute: "class", value: "marker-line"))
    }

    @Test func theMedianSitsBetweenTheQuartiles() {
        let svg = PercentileRangeChart(title: "Drawdown", rows: [.init(label: "a", percentiles: [-0.8, -0.6, -0.5, -0.3, -0.1])]).render()
        let xml = XMLCheck(svg)
        let box = zip(xml.elements, xml.attributes).first { $0 == "rect" && $1["class"] == "box" }!.1
        let median = zip(xml.elements, xml.attributes).first { $0 == "line" && $1["class"] == "median" }!.1
        let left = Double(box["x"]!)!, right = left + Double(box["width"]!)!, x = Double(median["x1"]!)!
        // -0.5 lies a third of the way from -0.6 to -0.3 on a linear axis.
        #expect(abs((x - left) / (right - left) - 1.0 / 3.0) < 0.01)
    }

    @Test func withoutFiniteValuesItShowsThePlaceholder() {
        let xml = XMLCheck(PercentileRangeChart(title: "Empty", rows: [.init(label: "a", percentiles: [.nan, .nan, .nan, .nan, .nan])]).render())
        #expect(xml.isWellFormed)
        #expect(xml.hasText("No data to plot"))
    }
}
