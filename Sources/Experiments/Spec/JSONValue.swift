import Foundation
import MarketData

/// A parsed JSON document as a value tree, so spec decoding can report every problem with its
/// path instead of stopping at the first one (as `Codable` would).
///
/// Semantics: integers without a fraction or exponent that fit in `Int64` are `.integer`; every
/// other number is `.number`, read with correct rounding. Object members keep no order of their own; callers that iterate
/// them sort the keys, so no hash order reaches a message.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses JSON text (see `JSONParser` for the exact rules).
    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        try JSONParser.parse([UInt8](data))
    }

    /// The value as a Double when it is a number of either kind.
    public var doubleValue: Double? {
        switch self {
        case let .integer(i): return Double(i)
        case let .number(d): return d
        default: return nil
        }
    }

    /// The value as an Int when it is an integer, or a number with no fractional part that fits.
    public var intValue: Int? {
        switch self {
        case let .integer(i): return Int(exactly: i)
        case let .number(d): return d.rounded() == d && abs(d) < 9.007_199_254_740_992e15 ? Int(d) : nil
        default: return nil
        }
    }

    /// How a message shows a value it did not expect: strings quoted, containers by kind.
    public var shown: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return String(b)
        case let .integer(i): return String(i)
        case let .number(d): return NumberText.shortest(d)
        case let .string(s): return "\"\(s)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
