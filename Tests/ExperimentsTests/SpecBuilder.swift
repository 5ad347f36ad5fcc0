import Foundation
import Experiments
import TestSupport

/// A valid spec as a mutable JSON tree, so each test states only what it breaks.
struct SpecBuilder {
    var root: [String: Any]

    init() {
        root = [
            "name": "t",
            "seed": 1,
            "data": ["file": Fixtures.dataset("btcusdt_1h.csv").path],
            "strategy": [
                "name": "sma_cross",
                "parameters": ["fast": ["min": 5, "max": 20, "step": 5], "slow": ["values": [30, 50]]],
                "constraints": ["fast < slow"],
            ] as [String: Any],
            "engine": ["kind": "vectorized", "cash": 10_000],
            "objective": ["metric": "sharpe_ratio", "direction": "maximize"],
            "optimizer": ["kind": "grid"],
        ]
    }

    /// Sets (or with nil removes) the member at a dotted path of object keys.
    func with(_ path: String, _ value: Any?) -> SpecBuilder {
        var copy = self
        copy.root = Self.set(copy.root, path.split(separator: ".").map(String.init), value)
        return copy
    }

    private static func set(_ object: [String: Any], _ keys: [String], _ value: Any?) -> [String: Any] {
        var object = object
        if keys.count == 1 {
            object[keys[0]] = value
        } else {
            let child = object[keys[0]] as? [String: Any] ?? [:]
            object[keys[0]] = set(child, Array(keys.dropFirst()), value)
        }
        return object
    }

    var data: Data { try! JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]) }

    func decode() throws(SpecError) -> ExperimentSpec {
        try SpecDecoder.decode(data, baseDirectory: Fixtures.root)
    }

    /// The problems as `path: message` lines (empty when the spec is valid).
    func problems() -> [String] {
        do {
            _ = try decode()
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }
}
