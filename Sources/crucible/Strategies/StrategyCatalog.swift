import Foundation
import Strategies

/// Renders strategy descriptors for `crucible strategies` (table and JSON).
enum StrategyCatalog {
    /// The JSON form: a list of objects in catalogue order, keys sorted, parameters in
    /// declaration order.
    static func json(_ descriptors: [StrategyDescriptor]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(descriptors.map(Entry.init))
        return String(decoding: data, as: UTF8.self)
    }

    /// The readable form: one block per strategy, its parameters indented below it, then the
    /// modifiers (sizing, exits, risk limits) any strategy can be wrapped in.
    static func table(_ descriptors: [StrategyDescriptor]) -> String {
        var out = ""
        let nameWidth = max(4, descriptors.map(\.name.count).max() ?? 0)
        out += pad("NAME", nameWidth) + "  " + pad("ENGINES", 16) + "  " + pad("SYMBOLS", 7) + "  DESCRIPTION\n"
        for d in descriptors {
            out += pad(d.name, nameWidth) + "  " + pad(d.engines.map(\.rawValue).joined(separator: ","), 16)
                + "  " + pad(d.symbols.rawValue, 7) + "  " + d.description + "\n"
            out += parameterLines(d.parameters)
        }
        out += "\nMODIFIERS (any strategy, both engines; 0 = off): sizing, protective exits, risk limits\n"
        out += "    (a strategy's own parameter of the same name is that parameter; max_open_positions binds with several symbols)\n"
        out += parameterLines(Modifiers.parameters)
        return out
    }

    static func parameterLines(_ parameters: [ParameterSpec]) -> String {
        let pw = max(4, parameters.map(\.name.count).max() ?? 0)
        var out = ""
        for p in parameters {
            out += "    " + pad(p.name, pw) + "  " + pad(p.kind.typeName, 6) + "  " + pad("= " + p.kind.defaultValue.description, 12)
                + "  " + pad(range(p.kind), 24) + "  " + p.description + "\n"
        }
        return out
    }

    static func range(_ kind: ParameterKind) -> String {
        switch kind {
        case let .int(_, lo, hi): return "[\(lo), \(hi)]"
        case let .double(_, lo, hi): return "[\(lo), \(hi)]"
        case .bool: return "true|false"
        case let .choice(_, choices): return choices.joined(separator: "|")
        }
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    struct Entry: Encodable {
        let name: String
        let description: String
        let engines: [String]
        let symbols: String
        let params: [Param]

        init(_ d: StrategyDescriptor) {
            name = d.name
            description = d.description
            engines = d.engines.map(\.rawValue)
            symbols = d.symbols.rawValue
            params = d.parameters.map(Param.init)
        }
    }

    struct Param: Encodable {
        let spec: ParameterSpec
        init(_ spec: ParameterSpec) { self.spec = spec }

        enum Key: String, CodingKey { case name, type, `default`, min, max, choices, description }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(spec.name, forKey: .name)
            try c.encode(spec.kind.typeName, forKey: .type)
            try c.encode(spec.description, forKey: .description)
            switch spec.kind {
            case let .int(d, lo, hi):
                try c.encode(d, forKey: .default); try c.encode(lo, forKey: .min); try c.encode(hi, forKey: .max)
            case let .double(d, lo, hi):
                try c.encode(d, forKey: .default); try c.encode(lo, forKey: .min); try c.encode(hi, forKey: .max)
            case let .bool(d):
                try c.encode(d, forKey: .default)
            case let .choice(d, choices):
                try c.encode(d, forKey: .default); try c.encode(choices, forKey: .choices)
            }
        }
    }
}
