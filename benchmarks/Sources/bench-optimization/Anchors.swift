import Foundation

/// The Python optimizers' figures from `Tests/Fixtures/bo/anchors.json`.
struct Anchors {
    struct Row {
        let optimizer: String
        let seeds: Int
        /// checkpoint → (median, q25, q75)
        let regret: [Int: (Double, Double, Double)]
        let cpuSeconds: Double?
    }

    let rows: [String: [Row]]          // problem → rows in the fixture's optimizer order

    static let order = ["random", "optuna_tpe", "optuna_gp", "skopt_gp", "bayes_opt"]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let summary = root["summary"] as! [String: Any]
        var rows: [String: [Row]] = [:]
        for problem in summary.keys.sorted() {
            let byOptimizer = summary[problem] as! [String: Any]
            rows[problem] = Self.order.compactMap { name in
                guard let entry = byOptimizer[name] as? [String: Any] else { return nil }
                let regret = entry["regret"] as! [String: Any]
                var table: [Int: (Double, Double, Double)] = [:]
                for (k, v) in regret {
                    let cell = v as! [String: Any]
                    table[Int(k)!] = (cell["median"] as! Double, cell["q25"] as! Double, cell["q75"] as! Double)
                }
                let cpu = (entry["cpu_s"] as? [String: Any])?["median"] as? Double
                return Row(optimizer: name, seeds: entry["n_seeds"] as! Int, regret: table, cpuSeconds: cpu)
            }
        }
        self.rows = rows
    }

    /// Default location: the fixture in this repository.
    static var defaultPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures/bo/anchors.json").path
    }
}
