import Foundation
import Indicators
import Testing
import TestSupport

/// One entry of `indicators/btc_1h_talib.json` (see its README).
struct FixtureEntry: Sendable {
    let name: String
    let function: String
    let numericParameters: [String: Double]
    let otherParameters: [String: String]
    let inputs: [String]
    let tolerance: (abs: Double, rel: Double)
    let outputs: [String: [Double?]]
}

/// The TA-Lib / pandas-ta golden fixture, parsed once.
enum TalibFixture {
    private struct File: Decodable {
        struct Columns: Decodable {
            let timestamp: [Int64]
            let open, high, low, close, volume: [Double]
        }
        struct Secondary: Decodable { let close: [Double] }
        struct Entry: Decodable {
            let name, function: String
            let params: [String: Parameter]
            let inputs: [String]
            let tolerance: [String: Double]
            let outputs: [String: [Double?]]
        }
        /// A JSON number, string or bool (pandas-ta's `anchor`, `mamode`, `tr`).
        enum Parameter: Decodable {
            case number(Double), text(String)
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let b = try? c.decode(Bool.self) { self = .text(b ? "true" : "false") }
                else if let d = try? c.decode(Double.self) { self = .number(d) }
                else { self = .text(try c.decode(String.self)) }
            }
        }
        let input: Columns
        let secondary: Secondary
        let indicators: [Entry]
    }

    static let loaded: (input: IndicatorInput, entries: [FixtureEntry]) = {
        let data = try! Data(contentsOf: Fixtures.url("indicators/btc_1h_talib.json"))
        let file = try! JSONDecoder().decode(File.self, from: data)
        let c = file.input
        let input = IndicatorInput(timestamp: c.timestamp, open: c.open, high: c.high, low: c.low, close: c.close,
                                   volume: c.volume, secondaryClose: file.secondary.close)
        let entries = file.indicators.map { e in
            var numeric: [String: Double] = [:], other: [String: String] = [:]
            for (key, value) in e.params {
                switch value {
                case let .number(d): numeric[key] = d
                case let .text(t): other[key] = t
                }
            }
            return FixtureEntry(name: e.name, function: e.function, numericParameters: numeric, otherParameters: other,
                                inputs: e.inputs, tolerance: (e.tolerance["abs"]!, e.tolerance["rel"]!), outputs: e.outputs)
        }
        return (input, entries)
    }()

    static var entryNames: [String] { loaded.entries.map(\.name) }

    static func entry(_ name: String) -> FixtureEntry { loaded.entries.first { $0.name == name }! }

    /// The registry definition for an entry: by its name, else by its TA-Lib function (BBANDS_5 → BBANDS).
    static func definition(for entry: FixtureEntry) -> IndicatorDefinition? {
        IndicatorRegistry.definition(named: entry.name) ?? IndicatorRegistry.definition(named: entry.function)
    }
}

/// Compares one output column with the fixture: NaN exactly where the fixture has null, and
/// |actual − expected| ≤ abs + rel·|expected| elsewhere. Returns the first mismatches.
func mismatches(_ actual: [Double], _ expected: [Double?], tolerance: (abs: Double, rel: Double), limit: Int = 3) -> [String] {
    guard actual.count == expected.count else { return ["length \(actual.count), expected \(expected.count)"] }
    var found: [String] = []
    for i in expected.indices where found.count < limit {
        switch expected[i] {
        case nil:
            if !actual[i].isNaN { found.append("bar \(i): \(actual[i]), expected no value") }
        case let e?:
            if actual[i].isNaN || !(abs(actual[i] - e) <= tolerance.abs + tolerance.rel * abs(e)) {
                found.append("bar \(i): \(actual[i]), expected \(e)")
            }
        }
    }
    return found
}

@Suite("TA-Lib golden fixture")
struct TalibFixtureTests {
    /// The parameterized test below runs once per entry, so a mis-keyed or truncated fixture
    /// would pass silently with no cases: pin the entry count (48 in the fixture) and uniqueness.
    @Test func fixtureHasEveryEntry() {
        let names = TalibFixture.entryNames
        #expect(names.count == 48)
        #expect(Set(names).count == names.count, "duplicate entry names would hide all but the first")
        #expect(TalibFixture.loaded.input.count > 0)
    }

    /// Every fixture entry, through the registry: vectorized and streaming bar by bar.
    @Test(arguments: TalibFixture.entryNames)
    func entryMatches(_ name: String) throws {
        let entry = TalibFixture.entry(name)
        let input = TalibFixture.loaded.input
        let definition = try #require(TalibFixture.definition(for: entry), "no registry entry for \(name)")
        #expect(definition.inputs.map(\.rawValue) == entry.inputs)
        #expect(Set(definition.outputs) == Set(entry.outputs.keys))
        for (key, value) in entry.otherParameters {
            #expect(definition.conventions.contains { $0.name == key && $0.value == value }, "\(name): convention \(key)=\(value)")
        }

        let vectorized = try definition.compute(input, parameters: entry.numericParameters)
        let stream = try definition.stream(parameters: entry.numericParameters)
        var streamed = definition.outputs.map { _ in [Double]() }
        for i in 0..<input.count {
            for (k, v) in stream.update(input.bar(i)).enumerated() { streamed[k].append(v) }
        }

        for (k, output) in definition.outputs.enumerated() {
            let expected = try #require(entry.outputs[output])
            #expect(expected.contains { $0 != nil }, "\(name).\(output) has no value to compare")
            let v = mismatches(vectorized[k], expected, tolerance: entry.tolerance)
            #expect(v.isEmpty, "\(name).\(output) vectorized: \(v)")
            if definition.lookAheadOutputs.contains(output) {
                #expect(streamed[k].allSatisfy { $0.isNaN }, "\(name).\(output) looks ahead; streaming must not produce it")
            } else {
                let s = mismatches(streamed[k], expected, tolerance: entry.tolerance)
                #expect(s.isEmpty, "\(name).\(output) streaming: \(s)")
            }
        }
    }
}
