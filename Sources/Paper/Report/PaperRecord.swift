import Experiments
import Foundation
import MarketData
import Simulation
import Strategies

/// What a paper state file recorded, read for a report: its settings (`meta`), and per bar the
/// timestamp and equity, then its fills and trades as the file holds them.
public struct PaperRecord: Sendable {
    public let path: String
    public let meta: [String: String]
    /// Bar open times (epoch ms UTC) in order, one equity value each.
    public let timestamps: [Int64]
    public let equity: [Double]
    public let fills: [PaperFill]
    /// Round trips as the file holds them (`trades` table): the fees of both legs are in
    /// `entryFees`, bars are indices into `timestamps`.
    public let trades: [Simulation.Trade]
    public let riskEventCount: Int

    /// Reads the file at `path` (read-only; a run may be writing it). A file without a bar is an error.
    public init(path: String) throws(PaperError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .state(path: path, message: "no such file") }
        let state = try StateFile(path: path, readOnly: true)
        self.path = path
        meta = try state.meta()
        var timestamps: [Int64] = [], equity: [Double] = []
        try state.db.prepare("SELECT ts, equity FROM equity ORDER BY bar").query { (row) throws(PaperError) in
            timestamps.append(row.int64(0)); equity.append(row.double(1))
        }
        guard !timestamps.isEmpty else { throw .state(path: path, message: "it holds no bar yet") }
        var fills: [PaperFill] = []
        try state.db.prepare("SELECT ts, side, quantity, price, fee, reason FROM fills ORDER BY seq").query { (row) throws(PaperError) in
            fills.append(PaperFill(ts: row.int64(0), side: row.text(1), quantity: row.double(2), price: row.double(3), fee: row.double(4),
                                   reason: row.text(5)))
        }
        let index = Dictionary(timestamps.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var trades: [Simulation.Trade] = []
        try state.db.prepare("""
            SELECT entry_ts, entry_price, exit_ts, exit_price, qty, pnl, fees, exit_reason FROM trades ORDER BY seq
            """).query { (row) throws(PaperError) in
            let qty = row.double(4)
            var t = Simulation.Trade(symbol: 0, direction: qty < 0 ? -1 : 1, entryBar: index[row.int64(0)] ?? 0, entryTs: row.int64(0),
                                     entryPrice: row.double(1), quantity: abs(qty), entryFees: row.double(6))
            if !row.isNull(2) {
                t.exitTs = row.int64(2)
                t.exitBar = index[row.int64(2)]
                t.exitPrice = row.optionalDouble(3)
                t.exitReason = row.isNull(7) ? nil : Self.exitReason(row.text(7))
            }
            t.pnl = row.double(5)
            trades.append(t)
        }
        var risk = 0
        try state.db.prepare("SELECT count(*) FROM risk_events").query { (row) throws(PaperError) in risk = Int(row.int64(0)) }
        self.timestamps = timestamps
        self.equity = equity
        self.fills = fills
        self.trades = trades
        riskEventCount = risk
    }

    /// The exit reason whose text (`ExitReason.description`) the file holds.
    private static func exitReason(_ text: String) -> ExitReason? {
        (0...UInt8.max).lazy.compactMap(ExitReason.init(rawValue:)).first { $0.description == text }
    }

    /// The strategy the file traded: the spec recorded in it (or `specText` for a file that
    /// predates recording it; its SHA-256 must be the file's) at the recorded point.
    /// Relative paths in the spec resolve against `specDirectory` when given, else the folder
    /// the file recorded.
    public func strategy(specText given: String?, specDirectory: URL?) throws -> (strategy: PaperStrategy, text: String) {
        guard let text = given ?? meta["spec_text"] else {
            throw PaperError.state(path: path, message: "it does not hold its spec text (an older file): give --spec SPEC")
        }
        let sha = SHA256.hex(Array(text.utf8))
        guard sha == meta["spec_sha256"] else {
            throw PaperError.stateMismatch(path: path, detail: "spec_sha256 is \(meta["spec_sha256"] ?? "missing") in the file, \(sha) for the spec given")
        }
        guard let folder = specDirectory ?? meta["spec_folder"].map({ URL(fileURLWithPath: $0) }) else {
            throw PaperError.state(path: path, message: "it does not record its spec's folder: give --spec SPEC")
        }
        let spec = try SpecDecoder.decode(Data(text.utf8), baseDirectory: folder)
        let assignments = PaperStrategy.assignments(ofPointText: meta["point"] ?? "")
        return (try PaperStrategy(spec: spec, values: SpecBacktest.point(spec, assignments)), text)
    }
}

/// One fill as a state file records it (side and reason as their text).
public struct PaperFill: Sendable, Equatable {
    public var ts: Int64
    public var side: String
    public var quantity: Double
    public var price: Double
    public var fee: Double
    public var reason: String

    public init(ts: Int64, side: String, quantity: Double, price: Double, fee: Double, reason: String) {
        self.ts = ts
        self.side = side
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.reason = reason
    }

    /// An engine fill in the file's terms.
    public init(_ f: Fill) {
        self.init(ts: f.ts, side: StateText.side(f.side), quantity: f.quantity, price: f.price, fee: f.fee, reason: f.reason.description)
    }
}
