import Strategies

/// Collects problems while a spec is read; shared by every `SpecField` of one decode.
final class ProblemLog {
    private(set) var problems: [SpecProblem] = []

    func add(_ path: JSONPath, _ message: String) {
        problems.append(SpecProblem(path: path.description, message: message))
    }

    /// Adds a problem whose path is already rendered (e.g. one reported by a spec type).
    func add(_ problem: SpecProblem) {
        problems.append(problem)
    }
}

/// A JSON value at a path, with readers that either return a typed value or log what was
/// expected and return nil. Nothing here throws: decoding goes on to find every problem.
struct SpecField {
    let value: JSONValue
    let path: JSONPath
    let log: ProblemLog

    /// Logs `expected <what>, got <value>` and returns nil.
    func expected<T>(_ what: String) -> T? {
        log.add(path, "expected \(what), got \(value.shown)")
        return nil
    }

    /// Logs `message` at this path.
    func problem(_ message: String) {
        log.add(path, message)
    }

    func string() -> String? {
        guard case let .string(s) = value else { return expected("a string") }
        return s
    }

    func bool() -> Bool? {
        guard case let .bool(b) = value else { return expected("true or false") }
        return b
    }

    /// An integer ≥ `minimum`, described as `what` in the message.
    func int(atLeast minimum: Int, _ what: String) -> Int? {
        guard let i = value.intValue, i >= minimum else { return expected(what) }
        return i
    }

    func positiveInt() -> Int? { int(atLeast: 1, "a positive integer") }

    func nonNegativeInt() -> Int? { int(atLeast: 0, "a non-negative integer") }

    /// A finite number satisfying `accept`, described as `what`.
    func number(_ what: String, _ accept: (Double) -> Bool = { _ in true }) -> Double? {
        guard let d = value.doubleValue, d.isFinite, accept(d) else { return expected(what) }
        return d
    }

    func nonNegativeNumber() -> Double? { number("a number ≥ 0") { $0 >= 0 } }

    func positiveNumber() -> Double? { number("a number > 0") { $0 > 0 } }

    /// A fraction in (0, 1].
    func fraction() -> Double? { number("a number in (0, 1]") { $0 > 0 && $0 <= 1 } }

    /// One of the raw values of `E`.
    func word<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> E? where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        guard case let .string(s) = value else {
            return expected("one of \(names.joined(separator: ", "))")
        }
        if let e = E(rawValue: s) { return e }
        problem("unknown value \"\(s)\"" + Suggestion.hint(for: s, in: names))
        return nil
    }

    func array() -> [SpecField]? {
        guard case let .array(items) = value else { return expected("an array") }
        return items.enumerated().map { SpecField(value: $1, path: path.index($0), log: log) }
    }

    /// A non-empty array of distinct words of `E`.
    func words<E: RawRepresentable & CaseIterable & Equatable>(_ type: E.Type) -> [E]? where E.RawValue == String {
        guard let items = array() else { return nil }
        guard !items.isEmpty else { return expected("a non-empty array") }
        var result: [E] = []
        for item in items {
            guard let e = item.word(E.self) else { continue }
            if result.contains(e) { item.problem("\"\(e.rawValue)\" is listed twice") } else { result.append(e) }
        }
        return result.count == items.count ? result : nil
    }

    /// The members of an object of `shape`: unknown keys (sorted, with a suggestion when one is
    /// close) and missing required keys are logged.
    func object(_ shape: ObjectShape, context: String? = nil) -> SpecObject? {
        guard case let .object(members) = value else { return expected("an object") }
        for key in members.keys.sorted() where !shape.keys.contains(key) {
            let scope = context.map { " for \($0)" } ?? ""
            if let owner = shape.belongsIn[key] {
                log.add(path.key(key), "unknown key\(scope); it belongs in \(path.key(owner)).\(key)")
            } else {
                log.add(path.key(key), "unknown key\(scope)" + Suggestion.hint(for: key, in: shape.keys))
            }
        }
        for key in shape.required where members[key] == nil {
            let scope = context.map { " (required for \($0))" } ?? ""
            log.add(path.key(key), "missing required key\(scope)")
        }
        return SpecObject(members: members, path: path, log: log)
    }
}

/// The members of a JSON object being read.
struct SpecObject {
    let members: [String: JSONValue]
    let path: JSONPath
    let log: ProblemLog

    /// The member `key`, or nil when absent (a missing required key is logged by `object`).
    subscript(_ key: String) -> SpecField? {
        members[key].map { SpecField(value: $0, path: path.key(key), log: log) }
    }

    /// Whether `key` is present.
    func has(_ key: String) -> Bool { members[key] != nil }
}
