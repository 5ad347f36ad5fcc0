/// Scales, ticks, grid and axes of a chart with an x and a y axis.
///
/// Semantics: tick counts follow the plot size (about one x label per 110 units, one y label per
/// 45); if x labels would still overlap, fewer ticks are asked for until they fit. The left margin
/// grows when the widest y label and the y-axis title would not fit in it. Labels at the chart
/// edges are anchored inward so they are never clipped.
struct PlotFrame {
    let area: PlotArea
    let x: ValueScale
    let y: ValueScale
    let xTicks: [Tick]
    let yTicks: [Tick]

    init(area proposed: PlotArea, x xSpec: AxisSpec, y ySpec: AxisSpec) {
        let resolvedY = ySpec.resolve(target: max(2, Int(proposed.height / 45)))
        let widestY = resolvedY.ticks.map { ChartTheme.textWidth($0.label) }.max() ?? 0
        let neededLeft = widestY + 7 + 26
        let area = neededLeft > proposed.left
            ? PlotArea(left: neededLeft, top: proposed.top, width: proposed.width - (neededLeft - proposed.left), height: proposed.height)
            : proposed
        self.area = area
        var target = max(2, Int(area.width / 110))
        var resolvedX = xSpec.resolve(target: target)
        var scaleX = ValueScale(kind: xSpec.kind, domain: resolvedX.domain, range: (area.left, area.right))
        while target > 2, Self.overlaps(resolvedX.ticks, scaleX) {
            target -= 1
            resolvedX = xSpec.resolve(target: target)
            scaleX = ValueScale(kind: xSpec.kind, domain: resolvedX.domain, range: (area.left, area.right))
        }
        x = scaleX
        xTicks = resolvedX.ticks
        y = ValueScale(kind: ySpec.kind, domain: resolvedY.domain, range: (area.bottom, area.top))
        yTicks = resolvedY.ticks
    }

    static func overlaps(_ ticks: [Tick], _ scale: ValueScale) -> Bool {
        guard ticks.count > 1 else { return false }
        for i in 1..<ticks.count {
            let gap = scale(ticks[i].value) - scale(ticks[i - 1].value)
            let needed = (labelWidth(ticks[i]) + labelWidth(ticks[i - 1])) / 2 + 10
            if gap < needed { return true }
        }
        return false
    }

    static func labelWidth(_ tick: Tick) -> Double {
        max(ChartTheme.textWidth(tick.label), ChartTheme.textWidth(tick.context ?? ""))
    }

    /// Grid lines behind the data.
    func drawGrid(into svg: inout SVGWriter) {
        var path = SVGPath()
        for tick in yTicks {
            let py = y(tick.value)
            guard py.isFinite, py >= area.top - 0.5, py <= area.bottom + 0.5 else { continue }
            path.move(area.left, py); path.line(area.right, py)
        }
        for tick in xTicks {
            let px = x(tick.value)
            guard px.isFinite, px >= area.left - 0.5, px <= area.right + 0.5 else { continue }
            path.move(px, area.top); path.line(px, area.bottom)
        }
        svg.path(path, [("class", "grid"), ("stroke", ChartTheme.grid), ("stroke-width", "1"), ("fill", "none")])
    }

    /// Axis lines, tick marks, tick labels and axis titles, drawn over the data.
    func drawAxes(into svg: inout SVGWriter, chartWidth: Double, xTitle: String? = nil, yTitle: String? = nil) {
        svg.start("g", [("class", "axes"), ("fill", ChartTheme.text)])
        var lines = SVGPath()
        lines.move(area.left, area.top); lines.line(area.left, area.bottom); lines.line(area.right, area.bottom)
        for tick in xTicks {
            let px = x(tick.value)
            guard px.isFinite else { continue }
            lines.move(px, area.bottom); lines.line(px, area.bottom + 5)
        }
        svg.path(lines, [("stroke", ChartTheme.axis), ("stroke-width", "1"), ("fill", "none")])
        svg.start("g", [("class", "x-axis")])
        for tick in xTicks {
            let px = x(tick.value)
            guard px.isFinite else { continue }
            let anchor = Self.anchor(center: px, width: Self.labelWidth(tick), chartWidth: chartWidth)
            svg.text(tick.label, x: px, y: area.bottom + 18, [("text-anchor", anchor)])
            if let context = tick.context {
                svg.text(context, x: px, y: area.bottom + 32, [("text-anchor", anchor), ("fill", ChartTheme.mutedText)])
            }
        }
        svg.end()
        svg.start("g", [("class", "y-axis"), ("text-anchor", "end")])
        for tick in yTicks {
            let py = y(tick.value)
            guard py.isFinite else { continue }
            svg.text(tick.label, x: area.left - 7, y: py + 4)
        }
        svg.end()
        if let xTitle {
            svg.text(xTitle, x: area.left + area.width / 2, y: area.bottom + 40, [("class", "axis-title"), ("text-anchor", "middle")])
        }
        if let yTitle {
            let cy = area.top + area.height / 2
            svg.text(yTitle, x: 14, y: cy, [("class", "axis-title"), ("text-anchor", "middle"),
                                            ("transform", "rotate(-90 14 \(SVGNumber.format(cy)))")])
        }
        svg.end()
    }

    /// Text anchor keeping a centred label of `width` inside the chart.
    static func anchor(center: Double, width: Double, chartWidth: Double) -> String {
        if center - width / 2 < 2 { return "start" }
        if center + width / 2 > chartWidth - 2 { return "end" }
        return "middle"
    }
}
