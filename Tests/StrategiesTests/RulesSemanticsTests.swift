import Testing
import MarketData
import Simulation
@testable import Strategies

/// The documented position semantics (docs/RULES.md), on hand-made bars whose rules fire on
/// chosen bars (driven through imported columns), on both engines.
@Suite struct RulesSemanticsTests {
    @Test func bitFormulaEqualsTheDefinition() {
        for raw in UInt8(0)..<16 {
            let f = RuleSignals.flags(longEntry: raw & 1 != 0, longExit: raw & 2 != 0, shortEntry: raw & 4 != 0, shortExit: raw & 8 != 0)
            #expect(RuleSignals.combine(raw) == f.rawValue, "raw \(raw)")
        }
    }

    /// Trades (direction, entry bar, exit bar) when the four rules are true on the given bars.
    static func trades(le: [Int] = [], lx: [Int] = [], se: [Int] = [], sx: [Int] = [], bars n: Int = 12) throws -> [[(Double, Int, Int?)]] {
        let bars = StrategyTestData.bars((0..<n).map { i in StrategyTestData.flat(100 + Double(i)) })
        func column(_ name: String, _ on: [Int]) -> ImportedSeries {
            ImportedSeries(name: name, file: "test", timestamps: bars.ts, values: bars.ts.indices.map { on.contains($0) ? 1 : 0 })
        }
        let program = try RuleSet(longEntry: "le > 0", longExit: "lx > 0", shortEntry: "se > 0", shortExit: "sx > 0")
            .compile(parameters: [], columns: ["le", "lx", "se", "sx"])
        let s = try RuleStrategy(program: program, parameters: [],
                                 imported: [column("le", le), column("lx", lx), column("se", se), column("sx", sx)])
        let e = try StrategyTestData.event(s, bars)
        let v = try StrategyTestData.vectorized(s, bars, StrategyTestData.frictionless)
        return [e, v].map { r in r.trades.map { ($0.direction, $0.entryBar, $0.exitBar) } }
    }

    static func same(_ got: [[(Double, Int, Int?)]], _ want: [(Double, Int, Int?)]) -> Bool {
        got.allSatisfy { engine in engine.count == want.count && zip(engine, want).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 } }
    }

    @Test func entryWhileInThatDirectionIsIgnored() throws {
        // Signals at bar 1 and 3 fill at the next open: one long from bar 2, exit at 7.
        #expect(Self.same(try Self.trades(le: [1, 3, 4], lx: [6]), [(1, 2, 7)]))
    }

    @Test func exitWhileFlatIsIgnored() throws {
        #expect(Self.same(try Self.trades(le: [4], lx: [1, 2, 6]), [(1, 5, 7)]))
    }

    @Test func entryAgainstAPositionReversesAtTheSameFill() throws {
        // Long from bar 2; a short entry at bar 5 closes it and opens the short at bar 6's open.
        #expect(Self.same(try Self.trades(le: [1], se: [5], sx: [8]), [(1, 2, 6), (-1, 6, 9)]))
    }

    @Test func exitWinsOverAnEntryOfTheSameDirection() throws {
        // Long from 2; bar 5 has both long exit and long entry: flat from 6, no re-entry.
        #expect(Self.same(try Self.trades(le: [1, 5], lx: [5]), [(1, 2, 6)]))
        // Flat, both on one bar: nothing.
        #expect(Self.same(try Self.trades(le: [3], lx: [3]), []))
        // Long, with a short entry and a short exit on one bar: the short entry loses, the long stays.
        #expect(Self.same(try Self.trades(le: [1], se: [4], sx: [4], bars: 8), [(1, 2, nil)]))
    }

    @Test func longAndShortEntriesOnOneBarCancel() throws {
        #expect(Self.same(try Self.trades(le: [2], se: [2]), []))
        // While long, both entries cancel too: the long is kept.
        #expect(Self.same(try Self.trades(le: [1, 4], se: [4], bars: 8), [(1, 2, nil)]))
    }

    @Test func withoutExitsThePositionIsHeldToTheEnd() throws {
        #expect(Self.same(try Self.trades(le: [0], bars: 6), [(1, 1, nil)]))
    }
}
