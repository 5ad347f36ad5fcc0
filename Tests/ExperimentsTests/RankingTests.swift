import Analytics
import Foundation
import Testing
import TestSupport
import Optimization
@testable import Experiments

@Suite struct RankingTests {
    static let names = ["fast", "kind"]

    static func run(_ direction: ObjectiveSpec.Direction) -> RunRecord {
        RunRecord(id: "r", name: "t", specText: "{}", specSHA256: "s", dataSHA256: "d", engineVersion: "0",
                  seed: 9, parameterNames: names, metricNames: ["sharpe_ratio", "trade_count"],
                  objectiveMetric: "sharpe_ratio", direction: direction)
    }

    static func trial(_ id: Int, _ objective: Double?, _ status: TrialStatus = .ok, error: String? = nil) -> TrialRecord {
        TrialRecord(id: id, point: TrialPoint(names: names, values: [.int(id * 5), .string(id % 2 == 0 ? "sma" : "ema, fast")]),
                    metrics: [objective, Double(id)], objective: objective, status: status, error: error,
                    seed: UInt64(id), durationSeconds: Double(id) * 0.37)
    }

    /// ok trials by objective (ties by id), ok without objective, infeasible, failed.
    static let trials = [
        trial(0, 1.5), trial(1, 2.0), trial(2, nil), trial(3, 2.0), trial(4, .nan), trial(5, 3.0, .infeasible),
        trial(6, nil, .failed, error: "boom, \"quoted\""), trial(7, -0.5), trial(8, 0.1 + 0.2), trial(9, 1.5, .infeasible),
    ]

    static func ranks(_ direction: ObjectiveSpec.Direction, _ trials: [TrialRecord]) -> [Int] {
        let ranking = TrialRanking(direction: direction)
        return trials.map(TrialRanking.Key.init).sorted(by: ranking.precedes).map(\.id)
    }

    @Test func rankingOrderMaximizeAndMinimize() {
        #expect(Self.ranks(.maximize, Self.trials) == [1, 3, 0, 8, 7, 2, 4, 5, 9, 6])
        #expect(Self.ranks(.minimize, Self.trials) == [7, 8, 0, 1, 3, 2, 4, 9, 5, 6])
        #expect(Self.ranks(.maximize, Self.trials.reversed()) == [1, 3, 0, 8, 7, 2, 4, 5, 9, 6])
    }

    @Test(arguments: [ObjectiveSpec.Direction.maximize, .minimize])
    func theStoreRanksInTheSameOrder(_ direction: ObjectiveSpec.Direction) throws {
        let folder = try TemporaryFolder()
        let store = try ResultsStore(path: folder.path("results.sqlite"))
        try store.open(Self.run(direction))
        try store.record(runID: "r", Self.trials)
        var ids: [Int] = []
        var ranks: [Int] = []
        try store.rankedTrials(runID: "r") { rank, trial in
            ranks.append(rank)
            ids.append(trial.id)
        }
        #expect(ids == Self.ranks(direction, Self.trials))
        #expect(ranks == Array(1...10))
        // The first K come from SQLite's ordered scan (`TrialRanking.orderBy`), the whole
        // ranking from the keys sorted in Swift: the same order.
        for limit in [1, 3, 10, 20] {
            var limited: [Int] = []
            try store.rankedTrials(runID: "r", limit: limit) { _, trial in limited.append(trial.id) }
            #expect(limited == Array(ids.prefix(limit)))
        }
    }

    @Test func theReportsPerTrialReadGivesEveryTrialsPointInIdOrder() throws {
        let folder = try TemporaryFolder()
        let store = try ResultsStore(path: folder.path("results.sqlite"))
        try store.open(Self.run(.maximize))
        try store.record(runID: "r", Array(Self.trials.reversed()))
        var read: [(id: Int, status: TrialStatus, objective: Double?, point: TrialPoint)] = []
        try store.forEachTrialPoint(runID: "r") { id, status, objective, point in read.append((id, status, objective, point)) }
        #expect(read.map(\.id) == Array(0..<10))
        for (row, trial) in zip(read, Self.trials) {
            #expect(row.status == trial.status && row.point == trial.point)
            // NaN is stored as NULL: no objective.
            #expect(row.objective == (trial.objective.map { $0.isNaN ? nil : $0 } ?? nil))
        }
    }

    @Test func rankedCSVIsExactAndIndependentOfFinishingOrder() throws {
        func write(_ batches: [[TrialRecord]]) throws -> String {
            let folder = try TemporaryFolder()
            let results = ResultsFolder(url: folder.url)
            let store = try ResultsStore(path: results.storePath)
            try store.open(Self.run(.maximize))
            for batch in batches { try store.record(runID: "r", batch) }
            let (counts, top, _) = try results.writeRanked(from: store, runID: "r", top: 3)
            #expect(counts == [.ok: 7, .infeasible: 2, .failed: 1])
            #expect(top.map(\.id) == [1, 3, 0])
            return try String(contentsOf: folder.url.appendingPathComponent("ranked.csv"), encoding: .utf8)
        }
        let inOrder = try write([Self.trials])
        // Another "thread count": trials finish in a different order, in other batch sizes,
        // with other durations.
        let shuffled = [7, 2, 9, 0, 5, 1, 8, 3, 6, 4].map { id in
            var t = Self.trials[id]
            t.durationSeconds = 100 - Double(id)
            return t
        }
        let otherOrder = try write([Array(shuffled[0..<3]), Array(shuffled[3..<4]), Array(shuffled[4...])])
        #expect(inOrder == otherOrder)
        #expect(inOrder == #"""
            rank,trial,status,objective,fast,kind,sharpe_ratio,trade_count,deflated_sharpe_ratio,seed,error
            1,1,ok,2.0,5,"ema, fast",2.0,1.0,,1,
            2,3,ok,2.0,15,"ema, fast",2.0,3.0,,3,
            3,0,ok,1.5,0,sma,1.5,0.0,,0,
            4,8,ok,0.30000000000000004,40,sma,0.30000000000000004,8.0,,8,
            5,7,ok,-0.5,35,"ema, fast",-0.5,7.0,,7,
            6,2,ok,,10,sma,,2.0,,2,
            7,4,ok,,20,sma,,4.0,,4,
            8,5,infeasible,3.0,25,"ema, fast",3.0,5.0,,5,
            9,9,infeasible,1.5,45,"ema, fast",1.5,9.0,,9,
            10,6,failed,,30,sma,,6.0,,6,"boom, ""quoted"""

            """#)
    }

    @Test func aRunSpreadOverSeveralStoresRanksAsOneStore() throws {
        // 200 trials with Sharpe moments (the deflation's input; a tenth have none), ids
        // interleaved over 3 stores as shards hold them, each store under its own run id.
        var generator = SplitMix64(seed: 42)
        let trials = (0..<200).map { id -> TrialRecord in
            let statuses: [TrialStatus] = [.ok, .ok, .ok, .infeasible, .failed]
            let status = statuses[Int(generator.next() % 5)]
            var t = Self.trial(id, status == .failed ? nil : Double(generator.next() % 7) / 4, status)
            if id % 10 != 3 {
                t.sharpe = SharpeMoments(sharpe: Double(generator.next() % 1000) / 9973, count: 500, skew: 0.1, kurtosis: 3.5)
            }
            return t
        }
        let one = try TemporaryFolder()
        let oneFolder = ResultsFolder(url: one.url)
        let whole = try ResultsStore(path: oneFolder.storePath)
        try whole.open(Self.run(.maximize))
        try whole.record(runID: "r", trials.shuffled(using: &generator))
        let spread = try TemporaryFolder()
        let sources = try (0..<3).map { k -> RankingSource in
            let store = try ResultsStore(path: spread.path("shard-\(k).sqlite"))
            var run = Self.run(.maximize)
            run.id = "shard-\(k)"
            try store.open(run)
            try store.record(runID: run.id, trials.filter { $0.id % 3 == k }.shuffled(using: &generator))
            return RankingSource(store: store, runID: run.id)
        }
        var ids: [Int] = []
        try ResultsStore.rankedTrials(across: sources) { rank, trial in
            #expect(rank == ids.count + 1)
            ids.append(trial.id)
        }
        #expect(ids == Self.ranks(.maximize, trials))
        let a = try oneFolder.writeRanked(from: whole, runID: "r", top: 5)
        let b = try ResultsFolder(url: spread.url).writeRanked(from: sources, top: 5, named: "merged.csv")
        #expect(a.counts == b.counts && a.top.map(\.id) == b.top.map(\.id))
        // Welford in trial-id order over the three stores: the one store's value, bit for bit.
        let deflation = try #require(a.deflation), spreadDeflation = try #require(b.deflation)
        #expect(deflation.sharpe.bitPattern == spreadDeflation.sharpe.bitPattern)
        let sharpes = trials.compactMap { $0.sharpe?.sharpe }
        let mean = sharpes.reduce(0, +) / Double(sharpes.count)
        let variance = sharpes.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(sharpes.count - 1)
        #expect(sharpes.count == 180)
        #expect(abs(deflation.sharpe - (try ExpectedMaximumSharpe(trials: 180, varianceOfSharpes: variance)).sharpe) < 1e-12)
        #expect(try String(contentsOf: one.url.appendingPathComponent("ranked.csv"), encoding: .utf8)
                == String(contentsOf: spread.url.appendingPathComponent("merged.csv"), encoding: .utf8))
    }

    @Test func rankedRowsCarryTheDeflatedSharpeRatio() throws {
        let folder = try TemporaryFolder()
        let results = ResultsFolder(url: folder.url)
        let store = try ResultsStore(path: results.storePath)
        try store.open(Self.run(.maximize))
        // Two trials with per-period Sharpe ratios 0.05 and 0.03: variance (0.01² + 0.01²) / 1.
        // Even ids have the category "sma", so the rows split on commas.
        var a = Self.trial(0, 2.0), b = Self.trial(2, 1.0)
        a.sharpe = SharpeMoments(sharpe: 0.05, count: 1000, skew: -0.3, kurtosis: 5)
        b.sharpe = SharpeMoments(sharpe: 0.03, count: 1000, skew: 0.1, kurtosis: 4)
        try store.record(runID: "r", [a, b])
        let (_, _, deflation) = try results.writeRanked(from: store, runID: "r", top: 1)
        let expected = try ExpectedMaximumSharpe(trials: 2, varianceOfSharpes: 0.0002)
        #expect(abs(try #require(deflation).sharpe - expected.sharpe) < 1e-15)
        let csv = try String(contentsOf: folder.url.appendingPathComponent("ranked.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = rows[0].firstIndex(of: "deflated_sharpe_ratio")!
        let dsrA = Double(rows[1][column])!, dsrB = Double(rows[2][column])!
        #expect(abs(dsrA - a.sharpe!.deflatedSharpe(trials: expected)) < 1e-12)
        #expect(abs(dsrB - b.sharpe!.deflatedSharpe(trials: expected)) < 1e-12)
        #expect(dsrA > dsrB)
    }

    @Test func topKMembershipDoesNotDependOnFinishingOrder() {
        let ranking = TrialRanking(direction: .maximize)
        var a = TopKTracker(k: 3, ranking: ranking)
        var evicted: [Int] = []
        for t in Self.trials {
            let (_, out) = a.offer(TrialRanking.Key(t))
            if let out { evicted.append(out) }
        }
        #expect(a.members.map(\.id) == [1, 3, 0])
        // 0, 1, 2 enter; 3 evicts 2; 4 is not better than 0; 7 and 8 rank below 0; 5, 6, 9 lower.
        #expect(evicted == [2])
        var b = TopKTracker(k: 3, ranking: ranking)
        for t in Self.trials.reversed() { _ = b.offer(TrialRanking.Key(t)) }
        #expect(b.members == a.members)
        var none = TopKTracker(k: 0, ranking: ranking)
        #expect(none.offer(TrialRanking.Key(Self.trials[1])) == (false, nil))
    }
}
