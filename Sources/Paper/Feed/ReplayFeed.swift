import Dispatch
import Experiments
import Foundation
import MarketData

/// `--feed replay:FILE`: stored bars fed as if live — the CSV loaded and checked with the
/// spec's validation policy and calendar (the path `crucible run` loads data through), then
/// handed out in order at full speed or paced at `speed` times real time (each bar waits its
/// gap to the previous bar's open ÷ speed, against a monotonic clock so delays do not add up).
public struct ReplayFeed: BarFeed {
    public let bars: BarSeries
    public let speed: Double?
    private var index = 0
    /// The bar pacing counts from.
    private var first = 0
    /// When pacing started: uptime nanoseconds (`DispatchTime`, a monotonic clock), a plain
    /// integer so the feed stays a plain value the loop reads in place.
    private var started: UInt64?

    /// Loads `path` (bars CSV) under `policy` and `calendar`; `speed` > 0 paces it.
    public init(path: String, policy: ValidationPolicy, calendar: TradingCalendar, speed: Double?) throws {
        if let speed, !(speed > 0 && speed.isFinite) {
            throw PaperError.feed("--speed must be a positive number, got \(speed)")
        }
        let data = try ExperimentData.load(DataSpec(source: .file(path: path, timeframe: nil), validation: policy, calendar: calendar))
        guard !data.bars.isEmpty else { throw PaperError.feed("\(path): no bars") }
        self.bars = data.bars
        self.speed = speed
    }

    public var instrument: Instrument { bars.instrument }
    public var timeframe: Timeframe { bars.timeframe }
    public var periodsPerYear: Double { bars.periodsPerYear }
    public var expectedBars: Int { bars.count }

    /// Continues at the first bar opening at or after `ts` (a restart: the state file's last bar,
    /// which the session checks, then the new ones); pacing counts from there.
    public mutating func seek(to ts: Int64) {
        index = bars.firstIndex(atOrAfter: ts)
        first = index
        started = nil
    }

    /// Whether `next` would return at once: a bar is left and, when paced, it is due.
    public var hasBarReady: Bool {
        guard index < bars.count else { return false }
        guard let started else { return true }
        return due(started).map { $0 <= DispatchTime.now().uptimeNanoseconds } ?? true
    }

    public mutating func next() throws -> Bar? {
        guard index < bars.count else { return nil }
        if speed != nil {
            let now = DispatchTime.now().uptimeNanoseconds, start = started ?? now
            started = start
            if let due = due(start), due > now { Thread.sleep(forTimeInterval: Double(due - now) / 1e9) }
        }
        defer { index += 1 }
        return bars.bar(index)
    }

    /// When the next bar is due (uptime nanoseconds), pacing from `started`; nil at full speed.
    private func due(_ started: UInt64) -> UInt64? {
        speed.map { started + UInt64(Double(bars.ts[index] - bars.ts[first]) * 1e6 / $0) }
    }
}
