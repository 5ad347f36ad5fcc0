import Foundation

/// The Python optimizers' figures from `Tests/Fixtures/bo/anchors.json` (written by
/// `benchmarks/peers/bo_peers.py summarize`).
struct Anchors {
    struct Row {
        let optimizer: String
        let seeds: Int
        /// checkpoint → (median, q25, q75)
        let regret: [Int: (Double, Double, Double)]
        let cpuSeconds: Double?
    }

    struct FormatError: Error, CustomStringConvertible {
        let description: String
    }

    let rows: [String: [Row]]          // problem → rows in the fixture's optimizer order
    /// When and with which library versions the anchors were measured.
    let generated: String
    let libraries: String

    static let order = ["random", "optuna_tpe", "optuna_gp", "skopt_gp", "bayes_opt"]

    /// Throws `FormatError` naming the first entry that is missing or of the wrong type.
    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        func fail(_ what: String) -> FormatError { FormatError(description: "\(path): \(what)") }
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let summary = root["summary"] as? [String: Any] else { throw fail("no \"summary\" object") }
        let meta = root["meta"] as? [String: Any]
        generated = meta?["generated"] as? String ?? "?"
        libraries = ((meta?["libraries"] as? [String: Any]) ?? [:]).sorted { $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        var rows: [String: [Row]] = [:]
        for problem in summary.keys.sorted() {
            guard let byOptimizer = summary[problem] as? [String: Any] else { throw fail("summary.\(problem) is not an object") }
            rows[problem] = try Self.order.compactMap { name -> Row? in
                guard let value = byOptimizer[name] else { return nil }
                let at = "summary.\(problem).\(name)"
                guard let entry = value as? [String: Any], let regret = entry["regret"] as? [String: Any],
                      let seeds = entry["n_seeds"] as? Int else { throw fail("\(at) lacks regret or n_seeds") }
                var table: [Int: (Double, Double, Double)] = [:]
                for (k, v) in regret {
                    guard let checkpoint = Int(k), let cell = v as? [String: Any], let median = cell["median"] as? Double,
                          let q25 = cell["q25"] as? Double, let q75 = cell["q75"] as? Double else {
                        throw fail("\(at).regret.\(k) is not {median, q25, q75} at an integer checkpoint")
                    }
                    table[checkpoint] = (median, q25, q75)
                }
                let cpu = (entry["cpu_s"] as? [String: Any])?["median"] as? Double
                return Row(optimizer: name, seeds: seeds, regret: table, cpuSeconds: cpu)
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
