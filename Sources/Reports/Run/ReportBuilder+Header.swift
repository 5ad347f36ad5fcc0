import Experiments
import Foundation
import MarketData

extension ReportBuilder {
    /// The run at a glance: what ran, on which data, under which costs, and how to reproduce it.
    func header() -> HTMLSection {
        let bars = results.bars
        let spec = results.spec
        var rows: [(key: String, value: String)] = [
            ("Experiment", results.run.name),
            ("Strategy", spec.strategy.name),
            ("Parameters searched", free.map { spec.strategy.space.names[$0] }.joined(separator: ", ")),
            ("Optimizer", optimizerText()),
            ("Data", results.dataPath),
            ("Symbol, timeframe", "\(bars.instrument.symbol), \(bars.timeframe)"),
            ("Calendar", "\(bars.calendar): \(NumberText.shortest(bars.periodsPerYear)) bars a year annualize every figure"),
        ]
        if bars.count > 0 {
            rows.append(("Range (UTC)", "\(ReportText.stamp(bars.ts[0])) to \(ReportText.stamp(bars.ts[bars.count - 1])), "
                + "\(NumberText.fixed(Double(bars.count), decimals: 0)) bars"))
        }
        rows.append(("Data SHA-256", results.run.dataSHA256))
        if case let .object(engine)? = results.specJSON["engine"] {
            for key in ["kind", "cash", "fees", "slippage", "fill", "intrabar", "leverage"] {
                if let value = engine[key] { rows.append(("Engine " + key, Self.compact(value))) }
            }
        }
        rows.append(("Seed", String(results.run.seed)))
        rows.append(("Engine version", results.run.engineVersion))
        if let wall = results.manifest["wall_time_seconds"]?.doubleValue {
            let threads = results.manifestText("threads").map { " on \($0) threads" } ?? ""
            rows.append(("Wall time", NumberText.fixed(wall, decimals: 1) + " s" + threads))
        }
        if let started = results.manifestText("started") { rows.append(("Started", started)) }
        return HTMLSection(title: "Run", blocks: [.keyValues(rows)])
    }

    private func optimizerText() -> String {
        let optimizer = results.spec.optimizer
        var parts = [optimizer.kind.rawValue]
        if let budget = optimizer.budget { parts.append("budget \(budget)") }
        if let wf = results.spec.walkForward { parts.append("walk-forward \(wf.mode.rawValue)") }
        return parts.joined(separator: ", ")
    }

    /// A spec value on one line: objects as `key value` pairs in key order.
    static func compact(_ value: JSONValue) -> String {
        switch value {
        case let .string(s): return s
        case let .object(members):
            return members.keys.sorted().map { "\($0) \(compact(members[$0]!))" }.joined(separator: ", ")
        case let .array(items): return items.map(compact).joined(separator: ", ")
        default: return value.shown
        }
    }
}
