import Foundation
@testable import Experiments

/// A JSON Schema (draft 2020-12) validator for the keywords `experiments/schema.json` uses, so
/// tests can check specs against the shipped schema. It also reports which `$anchor`ed object
/// schemas each instance object matched, to compare the schema with the decoder key by key.
struct SchemaValidator {
    enum Step: Hashable { case key(String), index(Int) }

    /// An instance object at `path` that matched the object schema marked `anchor`.
    struct Visit: Hashable {
        var anchor: String
        var path: [Step]
        var keys: [String]
    }

    let root: JSONValue

    /// Every keyword the validator understands; the test refuses a schema using any other.
    static let keywords: Set<String> = [
        "$schema", "$id", "$anchor", "$defs", "$ref", "title", "description", "type", "enum", "const",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "pattern", "not",
        "properties", "required", "additionalProperties", "dependentRequired", "items", "minItems",
        "uniqueItems", "oneOf",
    ]

    /// Whether `instance` is valid, with the anchored objects it matched.
    func validate(_ instance: JSONValue) -> (valid: Bool, visits: [Visit]) {
        var visits: [Visit] = []
        let valid = validate(instance, root, [], &visits)
        return (valid, valid ? visits : [])
    }

    private func member(_ schema: [String: JSONValue], _ key: String) -> JSONValue? { schema[key] }

    private func resolve(_ ref: String) -> JSONValue {
        precondition(ref.hasPrefix("#/$defs/"), "only local $defs references")
        guard case let .object(top) = root, case let .object(defs)? = top["$defs"],
              let target = defs[String(ref.dropFirst("#/$defs/".count))] else { preconditionFailure("no \(ref)") }
        return target
    }

    private func validate(_ instance: JSONValue, _ schemaValue: JSONValue, _ path: [Step], _ visits: inout [Visit]) -> Bool {
        guard case let .object(schema) = schemaValue else { preconditionFailure("a schema is an object") }
        var local: [Visit] = []
        var ok = true
        if case let .string(ref)? = schema["$ref"] { ok = validate(instance, resolve(ref), path, &local) && ok }
        if let type = schema["type"] {
            let names: [String]
            switch type {
            case let .string(s): names = [s]
            case let .array(a): names = a.compactMap { if case let .string(s) = $0 { return s } else { return nil } }
            default: names = []
            }
            ok = names.contains { Self.hasType(instance, $0) } && ok
        }
        if case let .array(options)? = schema["enum"] { ok = options.contains { Self.equal($0, instance) } && ok }
        if let c = schema["const"] { ok = Self.equal(c, instance) && ok }
        if let x = instance.doubleValue {
            if let m = schema["minimum"]?.doubleValue { ok = x >= m && ok }
            if let m = schema["maximum"]?.doubleValue { ok = x <= m && ok }
            if let m = schema["exclusiveMinimum"]?.doubleValue { ok = x > m && ok }
            if let m = schema["exclusiveMaximum"]?.doubleValue { ok = x < m && ok }
        }
        if case let .string(s) = instance {
            if let n = schema["minLength"]?.intValue { ok = s.count >= n && ok }
            if case let .string(pattern)? = schema["pattern"] {
                ok = s.range(of: pattern, options: .regularExpression) != nil && ok
            }
        }
        if let not = schema["not"] {
            var ignored: [Visit] = []
            ok = !validate(instance, not, path, &ignored) && ok
        }
        if case let .object(members) = instance {
            var properties: [String: JSONValue] = [:]
            if case let .object(p)? = schema["properties"] { properties = p }
            for key in members.keys.sorted() {
                if let sub = properties[key] {
                    ok = validate(members[key]!, sub, path + [.key(key)], &local) && ok
                } else if let extra = schema["additionalProperties"] {
                    if case .bool(false) = extra { ok = false } else { ok = validate(members[key]!, extra, path + [.key(key)], &local) && ok }
                }
            }
            if case let .array(required)? = schema["required"] {
                for case let .string(key) in required { ok = members[key] != nil && ok }
            }
            if case let .object(dependent)? = schema["dependentRequired"] {
                for (key, needs) in dependent where members[key] != nil {
                    if case let .array(list) = needs { for case let .string(n) in list { ok = members[n] != nil && ok } }
                }
            }
            if case let .string(anchor)? = schema["$anchor"] {
                local.append(Visit(anchor: anchor, path: path, keys: members.keys.sorted()))
            }
        }
        if case let .array(items) = instance {
            if let n = schema["minItems"]?.intValue { ok = items.count >= n && ok }
            if case .bool(true)? = schema["uniqueItems"] {
                for i in items.indices { for j in items.indices where j > i { ok = !Self.equal(items[i], items[j]) && ok } }
            }
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() { ok = validate(item, itemSchema, path + [.index(i)], &local) && ok }
            }
        }
        if case let .array(branches)? = schema["oneOf"] {
            var matched: [[Visit]] = []
            for branch in branches {
                var branchVisits: [Visit] = []
                if validate(instance, branch, path, &branchVisits) { matched.append(branchVisits) }
            }
            ok = matched.count == 1 && ok
            if matched.count == 1 { local += matched[0] }
        }
        if ok { visits += local }
        return ok
    }

    static func hasType(_ v: JSONValue, _ type: String) -> Bool {
        switch (type, v) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("number", .integer), ("number", .number), ("integer", .integer): return true
        case let ("integer", .number(d)): return d.rounded() == d
        default: return false
        }
    }

    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        switch (a, b) {
        case let (.array(p), .array(q)): return p.count == q.count && zip(p, q).allSatisfy(equal)
        case let (.object(p), .object(q)):
            return p.keys.sorted() == q.keys.sorted() && p.keys.allSatisfy { equal(p[$0]!, q[$0]!) }
        default: return a == b
        }
    }

    /// Every keyword used anywhere in a schema document (keys of schema objects, not of
    /// `properties`, `$defs` or `dependentRequired` maps).
    static func keywordsUsed(_ schema: JSONValue) -> Set<String> {
        guard case let .object(members) = schema else { return [] }
        var used = Set(members.keys)
        for (key, value) in members {
            switch key {
            case "properties", "$defs":
                if case let .object(map) = value { for sub in map.values { used.formUnion(keywordsUsed(sub)) } }
            case "items", "not", "additionalProperties", "$ref":
                used.formUnion(keywordsUsed(value))
            case "oneOf":
                if case let .array(list) = value { for sub in list { used.formUnion(keywordsUsed(sub)) } }
            default: break
            }
        }
        return used
    }
}
