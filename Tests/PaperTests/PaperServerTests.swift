import AsyncHTTPClient
import Experiments
import Foundation
import MarketData
import NIOConcurrencyHelpers
import NIOHTTP1
import Paper
import PaperAPI
import Testing
import TestSupport

/// The local API answers what the state file holds, stops the run on request, and refuses
/// requests without the token when it has one.
@Suite struct PaperServerTests {
    static func get(_ client: HTTPClient, _ url: String, token: String? = nil, method: HTTPMethod = .GET) async throws -> (UInt, String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 24)
        return (response.status.code, String(buffer: body))
    }

    /// Parsed with the spec parser (exact doubles; Foundation's JSONSerialization rounds some).
    static func object(_ text: String) throws -> [String: JSONValue] {
        guard case let .object(members) = try JSONValue.parse(Data(text.utf8)) else { throw Failure(text) }
        return members
    }

    static func array(_ text: String) throws -> [[String: JSONValue]] {
        guard case let .array(items) = try JSONValue.parse(Data(text.utf8)) else { throw Failure(text) }
        return try items.map { item in
            guard case let .object(members) = item else { throw Failure(text) }
            return members
        }
    }

    struct Failure: Error { let text: String; init(_ text: String) { self.text = text } }

    @Test func answersMatchTheStateFile() async throws {
        let (strategy, text, data) = try PaperRestartTests.subject()
        let paths = [FileManager.default.temporaryDirectory.appendingPathComponent("crucible-paper-api-\(UUID().uuidString).sqlite").path]
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: paths[0] + suffix) } }
        try PaperHarness.replay(strategy, text: text, file: data, state: paths[0], limit: 300)
        let stopped = NIOLockedValueBox(false)
        let server = try await PaperServer.start(host: "127.0.0.1", port: 0, statePath: paths[0], tokenSHA256: nil) {
            stopped.withLockedValue { $0 = true }
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let base = "http://127.0.0.1:\(server.port)"
            let file = try StateFile(path: paths[0], readOnly: true)
            let (statusCode, statusBody) = try await Self.get(client, base + "/status")
            #expect(statusCode == 200)
            let status = try Self.object(statusBody)
            guard case let .object(progress)? = status["progress"] else { throw Failure(statusBody) }
            #expect(progress["bars"]?.intValue == 300)
            #expect(progress["cash"]?.doubleValue == file.progress.cash)
            #expect(progress["fills"]?.intValue == file.progress.fills)
            #expect(status["point"] == .string(strategy.pointText))

            let positions = try Self.array(try await Self.get(client, base + "/positions").1)
            let row = try file.rows("positions", orderBy: "symbol")
            #expect(row.count == 1 && positions.first?["quantity"]?.doubleValue == Double(row[0].split(separator: "|")[2]))
            let fills = try Self.array(try await Self.get(client, base + "/fills").1)
            #expect(fills.count == file.progress.fills && fills.count > 0)
            #expect(fills.map { $0["price"]?.doubleValue } == (try file.rows("fills", orderBy: "seq")).map { Double($0.split(separator: "|")[6]) })
            let equity = try Self.array(try await Self.get(client, base + "/equity").1)
            #expect(equity.count == 300)
            #expect(equity.last?["equity"]?.doubleValue == file.progress.equity)
            let orders = try Self.array(try await Self.get(client, base + "/orders").1)
            #expect(orders.count == (try file.rows("orders", orderBy: "id")).count)

            #expect(!stopped.withLockedValue { $0 })
            #expect(try await Self.get(client, base + "/stop", method: .POST).0 == 200)
            #expect(stopped.withLockedValue { $0 })
        } catch {
            try await client.shutdown()
            await server.shutdown()
            throw error
        }
        try await client.shutdown()
        await server.shutdown()
    }

    @Test func withATokenEveryRequestNeedsIt() async throws {
        let (strategy, text, data) = try PaperRestartTests.subject()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-paper-api-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try PaperHarness.replay(strategy, text: text, file: data, state: path, limit: 10)
        let stopped = NIOLockedValueBox(false)
        let server = try await PaperServer.start(host: "127.0.0.1", port: 0, statePath: path, tokenSHA256: SHA256.hex(Array("s3cret".utf8))) {
            stopped.withLockedValue { $0 = true }
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let base = "http://127.0.0.1:\(server.port)"
        var codes: [UInt] = []
        var failure: (any Error)?
        do {
            for token in [nil, "wrong", "s3cret"] as [String?] { codes.append(try await Self.get(client, base + "/status", token: token).0) }
            codes.append(try await Self.get(client, base + "/stop", method: .POST).0)
        } catch {
            failure = error
        }
        let stoppedWithoutToken = stopped.withLockedValue { $0 }
        try await client.shutdown()
        await server.shutdown()
        if let failure { throw failure }
        #expect(codes == [401, 401, 200, 401])
        #expect(!stoppedWithoutToken)
    }

    @Test func tokensAreFreshAndLong() {
        let a = PaperServer.newToken(), b = PaperServer.newToken()
        #expect(a.count == 64 && b.count == 64 && a != b)
    }

    @Test(arguments: [("127.0.0.1", false), ("127.0.0.2", false), ("::1", false), ("localhost", false), ("0.0.0.0", true),
                      ("192.168.1.20", true), ("::", true)])
    func tokenOffLoopback(_ host: String, _ required: Bool) {
        #expect(PaperServer.requiresToken(host: host) == required)
    }
}
