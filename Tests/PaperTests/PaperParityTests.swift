import Experiments
import Foundation
import Paper
import Simulation
import Strategies
import Testing
import TestSupport

/// A replay through `crucible paper`'s path gives exactly the batch backtest of the same point:
/// every equity value, fill and trade, compared as the state file holds them against the batch
/// result rendered the same way (full-precision numbers, so "equal" is bit for bit).
@Suite struct PaperParityTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        /// A spec `strategy` object, or an example spec's file name in experiments/.
        let strategy: [String: String]?
        let example: String?
        let point: [(String, String)]
        let data: String
        var testDescription: String { label }
    }

    static let builtIns: [Case] = [
        "sma_cross", "ma_cross", "rsi_reversion", "bollinger", "donchian_breakout", "macd_trend", "ts_momentum", "spike",
        "regime_switch", "composite", "blend", "buy_and_hold",
    ].map { Case(label: $0, strategy: ["name": $0], example: nil, point: [], data: "btcusdt_1d.csv") }

    static let examples: [Case] = [
        Case(label: "rules_mean_reversion", strategy: nil, example: "rules_mean_reversion.json",
             point: [("window", "48"), ("entry_z", "2")], data: "btcusdt_1d.csv"),
        Case(label: "walk_forward_event_donchian", strategy: nil, example: "walk_forward_event_donchian.json",
             point: [], data: "ethusdt_1d.csv"),
        Case(label: "rules_session_breakout", strategy: nil, example: "rules_session_breakout.json", point: [], data: "btcusdt_1h.csv"),
        Case(label: "rules_trend_oscillator", strategy: nil, example: "rules_trend_oscillator.json", point: [], data: "btcusdt_1h.csv"),
        Case(label: "rules_volatility_momentum", strategy: nil, example: "rules_volatility_momentum.json", point: [], data: "btcusdt_1d.csv"),
        Case(label: "rules_predictions (imported column)", strategy: nil, example: "rules_predictions.json",
             point: [], data: "btcusdt_1h.csv"),
    ]

    @Test(arguments: builtIns + examples)
    func replayEqualsBatch(_ c: Case) throws {
        let data = Fixtures.dataset(c.data)
        let (spec, text) = try c.example.map { try PaperHarness.example($0, data: data) }
            ?? PaperHarness.spec(strategy: c.strategy!, data: data)
        let point = c.point.isEmpty ? try Self.firstPoint(spec) : c.point
        let strategy = try PaperHarness.strategy(spec, point)
        try Self.check(strategy, text: text, data: data)
    }

    /// Exits, sizing and a drawdown breaker through the modifiers, and a volatility-scaled
    /// slippage (its statistics grow bar by bar), on the hourly data of the quickstart.
    @Test func modifiersAndHourlyData() throws {
        let data = Fixtures.dataset("btcusdt_1h.csv")
        let (spec, text) = try PaperHarness.spec(
            strategy: ["name": "sma_cross", "parameters": ["fast": 24, "slow": 120],
                       "exits": ["stop_loss": 0.03, "take_profit": 0.06, "trailing_stop": 0.04],
                       "risk": ["max_drawdown": 0.3]] as [String: Any],
            data: data, slippage: ["model": "volatility", "k": 0.1])
        let strategy = try PaperHarness.strategy(spec, [])
        let result = try Self.check(strategy, text: text, data: data)
        #expect(result.fills.contains { $0.reason == .stopLoss || $0.reason == .takeProfit || $0.reason == .trailingStop })
    }

    /// The first value of every searched parameter (declaration order).
    static func firstPoint(_ spec: ExperimentSpec) throws -> [(String, String)] {
        let point = spec.strategy.space.parameters.compactMap { p -> (String, String)? in
            switch p.domain {
            case .fixed: return nil
            case let .intRange(lower, _, _, _): return (p.name, "\(lower)")
            case let .doubleRange(lower, _, _, _): return (p.name, "\(lower)")
            case let .list(items):
                switch items[0] {
                case let .int(v): return (p.name, "\(v)")
                case let .double(v): return (p.name, "\(v)")
                case let .string(v): return (p.name, v)
                }
            case let .choice(names): return (p.name, names[0])
            }
        }
        return point
    }

    /// Replays the strategy's data into a fresh state file and compares it with the batch run.
    @discardableResult
    static func check(_ strategy: PaperStrategy, text: String, data: URL) throws -> BacktestResult {
        let batch = try PaperHarness.batch(strategy)
        return try PaperHarness.withStatePaths { paths in
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[0])
            let tables = try PaperHarness.dump(paths[0])
            #expect(tables["equity"]!.map(Self.equityColumns) == zip(batch.timestamps, batch.equity).map { "\($0)|\($1)" })
            #expect(tables["fills"]! == batch.fills.enumerated().map { k, f in
                "\(k)|\(f.orderID)|\(f.bar)|\(f.ts)|\(f.side == .buy ? "buy" : "sell")|\(f.quantity)|\(f.price)|\(f.fee)|"
                    + "\(f.liquidity == .maker ? "maker" : "taker")|\(f.reason)"
            })
            #expect(tables["trades"]! == batch.trades.enumerated().map { k, t in
                "\(k)|\(t.entryTs)|\(t.entryPrice)|\(t.exitTs.map { "\($0)" } ?? "NULL")|\(t.exitPrice.map { "\($0)" } ?? "NULL")|"
                    + "\(t.quantity * t.direction)|\(t.pnl)|\(t.fees)|\(t.exitReason.map { "\($0)" } ?? "NULL")"
            })
            #expect(tables["risk_events"]!.count == batch.riskEvents.count)
            #expect(tables["bars"]!.count == batch.equity.count)
            #expect(!batch.fills.isEmpty)
            return batch
        }
    }

    /// `bar|ts|equity|cash|position` → `ts|equity`.
    static func equityColumns(_ row: String) -> String {
        let fields = row.split(separator: "|")
        return "\(fields[1])|\(fields[2])"
    }
}
