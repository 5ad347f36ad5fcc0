import AsyncHTTPClient
import Foundation
import Paper
import Testing
import TestSupport

/// `crucible paper` as a user runs it: a replay into a state file, a process killed with
/// SIGKILL at random moments and started again until the feed is done, and the errors.
@Suite struct PaperCommandTests {
    static let spec = "experiments/grid_sma_cross.json"
    static let point = ["--param", "fast=10", "--param", "slow=50"]
    static let feed = "replay:datasets/ethusdt_1d.csv"

    static func tables(_ path: String) throws -> [String: [String]] {
        try StateFile(path: path, readOnly: true).contents()
    }

    /// Bars committed so far (0 while the file or its tables do not exist yet).
    static func bars(_ path: String) -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        return (try? StateFile(path: path, readOnly: true).progress.bars) ?? 0
    }

    /// Synchronous on purpose: the poll runs on its own thread, so a busy test pool cannot
    /// delay it past the moment to kill.
    @Test func killedAtRandomBarsAndRestartedEqualsOneRun() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = folder.appendingPathComponent("whole.sqlite").path, killed = folder.appendingPathComponent("killed.sqlite").path
        let one = try CLI.run(["paper", Self.spec] + Self.point + ["--feed", Self.feed, "--state", whole])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("2101 new bar(s), 2101 in total"))

        var rng = SplitMix64(seed: 2026)
        var stops: [Int] = []
        for _ in 0..<4 {
            // 200 bars a second; killed once the file holds a random number of bars.
            let target = Int.random(in: 20...1500, using: &rng)
            let running = try CLI.start(["paper", Self.spec] + Self.point + ["--feed", Self.feed, "--speed", "17280000", "--state", killed])
            while running.process.isRunning, Self.bars(killed) < target { usleep(2_000) }
            kill(running.process.processIdentifier, SIGKILL)
            running.process.waitUntilExit()
            stops.append(Self.bars(killed))
        }
        #expect(stops.filter { $0 > 0 && $0 < 2101 }.count >= 3, "bars at each kill: \(stops)")
        let rest = try CLI.run(["paper", Self.spec] + Self.point + ["--feed", Self.feed, "--state", killed])
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(try Self.tables(killed) == Self.tables(whole))
    }

    /// `--listen`: the API answers while the run goes on and `POST /stop` ends it after a bar.
    @Test func listenServesTheRunAndStopsIt() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("s.sqlite").path
        // A bar a second: the whole feed would take 35 minutes, so the stop is what ends it.
        let running = try CLI.start(["paper", Self.spec] + Self.point
                                    + ["--feed", Self.feed, "--speed", "86400", "--state", state, "--listen", "127.0.0.1:0"])
        defer { if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) } }
        let port = try Self.listeningPort(running.folder.appendingPathComponent("stderr"))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let codes: Result<(UInt, UInt), any Error>
        do {
            let status = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/status"), timeout: .seconds(60)).status.code
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/stop")
            request.method = .POST
            codes = .success((status, try await client.execute(request, timeout: .seconds(60)).status.code))
        } catch {
            codes = .failure(error)
        }
        try await client.shutdown()
        let (status, stop) = try codes.get()
        let output = try await running.finish()
        #expect(status == 200 && stop == 200)
        #expect(output.status == 0, "\(output.stderr)")
        let bars = Self.bars(state)
        #expect(bars > 0 && bars < 2101)
        #expect(output.stdout.hasPrefix("\(bars) new bar(s), \(bars) in total"))
    }

    /// The port of the `listening on http://127.0.0.1:PORT` line, waited for up to a minute.
    static func listeningPort(_ stderr: URL) throws -> String {
        for _ in 0..<6_000 {
            let text = String(decoding: try Data(contentsOf: stderr), as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on http://127.0.0.1:") }) {
                return String(line.split(separator: ":").last!)
            }
            usleep(10_000)
        }
        throw CLI.Failure("no listening line on stderr")
    }

    @Test func maxBarsStopsAndTheNextRunContinues() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("s.sqlite").path
        let first = try CLI.run(["paper", Self.spec] + Self.point + ["--feed", Self.feed, "--state", state, "--max-bars", "100"])
        #expect(first.stdout.hasPrefix("100 new bar(s), 100 in total"), "\(first.stdout)\(first.stderr)")
        let second = try CLI.run(["paper", Self.spec] + Self.point + ["--feed", Self.feed, "--state", state])
        #expect(second.stdout.hasPrefix("2001 new bar(s), 2101 in total"), "\(second.stdout)\(second.stderr)")
    }

    @Test func errorsNameTheirCause() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("s.sqlite").path
        let badFeed = try CLI.run(["paper", Self.spec] + Self.point + ["--feed", "binance", "--state", state])
        #expect(badFeed.status != 0 && badFeed.stderr.contains("expected binance:SYMBOL:INTERVAL, e.g. binance:BTCUSDT:1h"), "\(badFeed.stderr)")
        let missing = try CLI.run(["paper", Self.spec, "--param", "fast=10", "--feed", Self.feed, "--state", state])
        #expect(missing.status != 0 && missing.stderr.contains("--param slow=VALUE"))
        let both = try CLI.run(["paper", Self.spec] + Self.point + ["--from-run", folder.path, "--feed", Self.feed, "--state", state])
        #expect(both.status != 0 && both.stderr.contains("--param and --from-run"))
        _ = try CLI.run(["paper", Self.spec] + Self.point + ["--feed", Self.feed, "--state", state, "--max-bars", "5"])
        let other = try CLI.run(["paper", Self.spec, "--param", "fast=20", "--param", "slow=50", "--feed", Self.feed, "--state", state])
        #expect(other.status != 0 && other.stderr.contains("point is \"fast=10 slow=50 "), "\(other.stderr)")
    }
}
