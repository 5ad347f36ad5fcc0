import Foundation
import MarketData
import Reports

// Renders the sample report and times the rendering layer.
// Usage: bench-reports [OUTPUT.html] [--data datasets/btcusdt_1h.csv]

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
var arguments = Array(CommandLine.arguments.dropFirst())
var dataPath = repository.appendingPathComponent("datasets/btcusdt_1h.csv").path
if let flag = arguments.firstIndex(of: "--data"), flag + 1 < arguments.count {
    dataPath = arguments[flag + 1]
    arguments.removeSubrange(flag...(flag + 1))
}
let output = arguments.first ?? repository.appendingPathComponent("results/sample-report.html").path

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

do {
    var bars: BarSeries! = nil
    var grid: DemoGrid! = nil
    var html = ""
    let load = try seconds { bars = try CSVBarReader.read(path: dataPath) }
    let search = try seconds { grid = try DemoGrid(bars: bars) }
    let render = seconds {
        html = SampleReport(bars: bars, grid: grid, dataName: URL(fileURLWithPath: dataPath).lastPathComponent).document().render()
    }
    try html.write(toFile: output, atomically: true, encoding: .utf8)

    // The rendering layer alone on a long series: one million 1-minute points, two series.
    let n = 1_000_000
    let ts = (0..<n).map { 1_514_764_800_000 + Int64($0) * 60_000 }
    let curve = (0..<n).map { i -> Double in
        let t = Double(i)
        return 10_000 * (1 + t / 2e6) * (1 + 0.1 * sin(t / 5_000))
    }
    var big = ""
    let large = seconds {
        big = HTMLDocument(title: "1M points", sections: [HTMLSection(title: "Curves", blocks: [
            .chart(svg: LineChart(title: "Equity", series: [TimeSeries(name: "a", ts: ts, values: curve)], scale: .log).render(), caption: nil),
            .chart(svg: DrawdownChart(ts: ts, equity: curve).render(), caption: nil),
        ])]).render()
    }

    print("| step | time (s) | size |")
    print("|---|---:|---:|")
    print("| load \(URL(fileURLWithPath: dataPath).lastPathComponent) (\(bars.count) bars) | \(String(format: "%.3f", load)) | |")
    print("| demo grid (\(grid.runs.count) runs) | \(String(format: "%.3f", search)) | |")
    print("| build sample report (demo statistics, all charts, HTML) | \(String(format: "%.3f", render)) | \(html.utf8.count / 1024) KiB |")
    print("| render 1,000,000-point equity + drawdown | \(String(format: "%.3f", large)) | \(big.utf8.count / 1024) KiB |")
    print("wrote \(output)")
} catch {
    FileHandle.standardError.write(Data("bench-reports: \(error)\n".utf8))
    exit(1)
}
