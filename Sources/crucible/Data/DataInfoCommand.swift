import ArgumentParser
import MarketData

/// `crucible data info`: what the store holds.
struct DataInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "List the symbols, timeframes, ranges and row counts in the store.",
        discussion: """
        Examples:
          crucible data info
          crucible data info --store /tmp/market.sqlite --lineage
        """
    )

    @OptionGroup var storeOption: StoreOption

    @Flag(help: "Also list every import (file, sha256, time, rows, policy).")
    var lineage = false

    func run() throws {
        try reportingErrors { () throws(DataError) in
            let store = try BarStore(path: storeOption.store, readOnly: true)
            let series = try store.summary()
            print("\(storeOption.store): \(series.count) series")
            print(table(["symbol", "timeframe", "first bar (UTC)", "last bar (UTC)", "rows", "filled"], series.map {
                [$0.symbol, $0.timeframe.rawValue, formatTimestamp($0.firstTs), formatTimestamp($0.lastTs), grouped($0.rows), grouped($0.filled)]
            }))
            guard lineage else { return }
            print("")
            print(table(["imported (UTC)", "symbol", "timeframe", "rows", "new", "policy", "sha256", "source"], try store.lineage().map {
                [$0.importedAt, $0.symbol, $0.timeframe, grouped($0.rows), grouped($0.inserted), $0.policy, String($0.sha256.prefix(16)), $0.source]
            }))
        }
    }
}
