import Foundation
import TestSupport

/// A temporary folder with a small real dataset (the first 150 daily BTC bars of
/// `datasets/btcusdt_1d.csv`) and a base spec of a 6-point SMA grid on it, for running the
/// built `crucible` against hostile variations of both.
struct HostileWorkspace {
    let url: URL

    init() throws {
        url = try CLI.temporaryFolder()
        let lines = try String(contentsOf: Fixtures.root.appendingPathComponent("datasets/btcusdt_1d.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        try (lines.prefix(151).joined(separator: "\n") + "\n").write(to: path("bars.csv"), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The base spec: data `bars.csv` (relative, so resolved against the spec's folder), output
    /// under `out/` next to it.
    static var base: [String: Any] {
        [
            "name": "hostile", "seed": 1,
            "data": ["file": "bars.csv"],
            "strategy": ["name": "sma_cross",
                         "parameters": ["fast": ["min": 2, "max": 4], "slow": ["values": [10, 20]]],
                         "constraints": ["fast < slow"]] as [String: Any],
            "engine": ["kind": "vectorized", "cash": 10_000],
            "objective": ["metric": "sharpe_ratio", "direction": "maximize"],
            "optimizer": ["kind": "grid"],
            "output": ["folder": "out", "top_k": 2] as [String: Any],
        ]
    }

    /// Writes `spec` (JSON object) as `name` and returns its path.
    @discardableResult
    func write(_ spec: [String: Any], as name: String = "spec.json") throws -> String {
        let data = try JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys])
        try data.write(to: path(name))
        return path(name).path
    }

    /// Writes raw text as `name` and returns its path.
    @discardableResult
    func write(text: String, as name: String) throws -> String {
        try Data(text.utf8).write(to: path(name))
        return path(name).path
    }

    /// `spec` with the value at a dotted `keyPath` replaced (nil removes it).
    static func setting(_ spec: [String: Any], _ keyPath: String, _ value: Any?) -> [String: Any] {
        let keys = keyPath.split(separator: ".").map(String.init)
        func set(_ object: [String: Any], _ keys: ArraySlice<String>) -> [String: Any] {
            var object = object
            if keys.count == 1 {
                object[keys.first!] = value
            } else {
                object[keys.first!] = set(object[keys.first!] as? [String: Any] ?? [:], keys.dropFirst())
            }
            return object
        }
        return set(spec, keys[...])
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

extension CLI.Output {
    /// Whether the process ended by itself (not by a signal such as SIGILL from a trap or
    /// SIGSEGV from a stack overflow).
    var exitedNormally: Bool { reason == .exit }
}

/// A JSON scalar that test arguments can carry (they must be `Sendable`; `Any` is not).
enum Scalar: Sendable, CustomStringConvertible {
    case int(Int), double(Double), string(String)

    /// The value for `JSONSerialization`.
    var json: Any {
        switch self {
        case let .int(i): return i
        case let .double(d): return d
        case let .string(s): return s
        }
    }

    var description: String {
        switch self {
        case let .int(i): return String(i)
        case let .double(d): return String(d)
        case let .string(s): return "\"\(s)\""
        }
    }
}
