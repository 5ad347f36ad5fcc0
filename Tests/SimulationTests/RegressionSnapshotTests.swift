import Foundation
import Testing
import Analytics
import Simulation
import Strategies
import TestSupport

/// Golden runs pinned as snapshots (Tests/Fixtures/snapshots): ~30 statistics (Analytics'
/// `RunSummary`) and a hash of the order list. They change only through a deliberate re-record:
/// `CRUCIBLE_RECORD_SNAPSHOTS=1 swift test --filter RegressionSnapshotTests`. Before anything is
/// compared or recorded, the figures the peer fixture has are checked against it, so a snapshot
/// can never pin a number the independent reference disagrees with.
@Suite struct RegressionSnapshotTests {
    static var recording: Bool { ProcessInfo.processInfo.environment["CRUCIBLE_RECORD_SNAPSHOTS"] == "1" }

    @Test(arguments: PeerFixture.cases)
    func peerRunsMatchTheirSnapshots(_ file: String) throws {
        let fixture = try PeerFixture(file)
        let result = try EventEngine(config: fixture.config, slippage: NoSlippage()).run(try fixture.strategy(), bars: BTC.hourly)
        let summary = try RunSummary(result, periodsPerYear: BTC.hourly.periodsPerYear)

        // The independent figures first, as requirements: if they disagree the test stops here,
        // so nothing is compared with, or recorded into, a snapshot the peer fixture contradicts.
        try #require(PeerFixture.rel(try #require(summary["final_equity"]), fixture.finalEquity) <= 1e-9)
        try #require(PeerFixture.rel(try #require(summary["total_fees"]), fixture.totalFees) <= 1e-9)
        try #require(summary["trade_count"] == Double(fixture.trades.count))
        try #require(summary["open_trades"] == Double(fixture.nTrades - fixture.trades.count))
        try #require(!fixture.trades.isEmpty)
        let closedPnl = fixture.trades.reduce(0) { $0 + $1.pnl }
        try #require(abs(try #require(summary["closed_pnl"]) - closedPnl) <= 1e-9 * fixture.initialCash * Double(fixture.trades.count))

        let url = Fixtures.url("snapshots/" + file.replacingOccurrences(of: ".json", with: ".snapshot.json"))
        if Self.recording {
            var object: [String: Any] = ["order_list_hash": summary.orderListHash, "source": "peers/" + file]
            object["statistics"] = summary.statistics.map { ["name": $0.name, "value": $0.value.isNaN ? "nan" : $0.value as Any] }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: url)
            return
        }
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any],
                                  "missing snapshot \(url.path); record with CRUCIBLE_RECORD_SNAPSHOTS=1")
        #expect(stored["order_list_hash"] as? String == summary.orderListHash)
        let rows = try #require(stored["statistics"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == summary.statistics.map(\.name))
        for (row, stat) in zip(rows, summary.statistics) {
            if stat.value.isNaN {
                #expect(row["value"] as? String == "nan", "\(stat.name)")
            } else {
                let want = try #require(row["value"] as? Double, "\(stat.name)")
                #expect(abs(stat.value - want) <= 1e-9 * max(abs(want), 1), "\(stat.name): \(stat.value) vs snapshot \(want)")
            }
        }
    }
}
