import Foundation
import Optimization
import Testing
@testable import Experiments

/// The fast reader of stored `params` texts must give exactly what the general JSON parser gives
/// on every text the store writes, and decline (nil) anything else so the caller falls back.
@Suite struct StoredPointTextTests {
    static let names = ["fast", "slow", "stop_loss", "side"]

    static func decode(_ text: String, names: [String] = names) -> TrialPoint? {
        Array(text.utf8).withUnsafeBufferPointer { StoredPointText.decode($0, names: names) }
    }

    /// The general parser's reading of a point, written from JSONValue's cases.
    static func reference(_ text: String, names: [String] = names) -> TrialPoint? {
        guard case let .object(members)? = try? JSONValue.parse(Data(text.utf8)) else { return nil }
        let values = names.compactMap { name -> ParameterValue? in
            switch members[name] {
            case let .integer(v)?: return .int(Int(v))
            case let .number(v)?: return .double(v)
            case let .string(v)?: return .string(v)
            default: return nil
            }
        }
        return values.count == names.count ? TrialPoint(names: names, values: values) : nil
    }

    @Test(arguments: [
        [ParameterValue.int(5), .int(200), .double(0.004), .string("long")],
        [.int(-7), .int(0), .double(-0.0), .string("")],
        [.int(Int(Int32.max)), .int(Int(Int64.min)), .double(1e-7), .string("both sides")],
        [.int(1), .int(2), .double(1.5e300), .string("x_y-z")],
        [.int(3), .int(4), .double(0.1 + 0.2), .string("long")],
        [.int(3), .int(4), .double(2), .string("0")],
        [.int(3), .int(4), .double(1e16), .string("1e16")],
    ])
    func readsWhatTheStoreWritesAsTheParserDoes(values: [ParameterValue]) throws {
        let point = TrialPoint(names: Self.names, values: values)
        let text = ResultsStore.json(point).rendered()
        let fast = try #require(Self.decode(text))
        #expect(fast == Self.reference(text))
        #expect(fast == point)
    }

    @Test func numberKindsFollowTheParser() throws {
        for (text, expected) in [("1", ParameterValue.int(1)), ("-12", .int(-12)), ("1.0", .double(1)),
                                 ("1e3", .double(1000)), ("2E-2", .double(0.02)), ("-0.5e+1", .double(-5))] {
            let json = "{\"fast\": \(text)}"
            let fast = Self.decode(json, names: ["fast"])
            #expect(fast == TrialPoint(names: ["fast"], values: [expected]))
            #expect(fast == Self.reference(json, names: ["fast"]))
        }
    }

    @Test(arguments: [
        "{\"fast\":1, \"slow\": 2, \"stop_loss\": 0.1, \"side\": \"long\"}",      // other spacing
        "{\"slow\": 2, \"fast\": 1, \"stop_loss\": 0.1, \"side\": \"long\"}",      // other order
        "{\"fast\": 01, \"slow\": 2, \"stop_loss\": 0.1, \"side\": \"long\"}",     // leading zero
        "{\"fast\": 1, \"slow\": 2, \"stop_loss\": 1., \"side\": \"long\"}",       // no digit after the point
        "{\"fast\": 1, \"slow\": 2, \"stop_loss\": 0.1, \"side\": \"lo\\\"ng\"}",  // an escape
        "{\"fast\": 1, \"slow\": 2, \"stop_loss\": 0.1, \"side\": \"l\u{e9}\"}",   // non-ASCII
        "{\"fast\": 99999999999999999999, \"slow\": 2, \"stop_loss\": 0.1, \"side\": \"x\"}", // beyond Int64
        "{\"fast\": 1, \"slow\": 2, \"stop_loss\": 0.1, \"side\": \"long\"} ",     // trailing byte
        "{\"fast\": 1, \"slow\": 2, \"stop_loss\": 0.1}",                           // a member missing
        "{\"fast\": 1, \"slow\": 2, \"stop_loss\": 0.1, \"side\": \"long\", \"x\": 1}", // one too many
        "{\"fast\": 1, \"slow\": 2, \"stop_loss\": -, \"side\": \"long\"}",        // no digits
        "{\"fast\": 1, \"slow\": 2, \"stop_loss\": 0.1, \"side\": \"long",         // unterminated
        "",
    ])
    func declinesAnythingElse(text: String) {
        #expect(Self.decode(text) == nil)
    }
}
