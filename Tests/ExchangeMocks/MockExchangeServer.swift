import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import MarketData
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket

/// A local exchange on 127.0.0.1 for tests and benchmarks: Binance's klines and Alpaca's crypto
/// bars over HTTP, served from a bar series in the exchanges' documented JSON shapes (see
/// Tests/Fixtures/exchanges/README.md), and WebSocket streams played from per-connection
/// scripts. Faults are queued: each REST request takes the next queued fault, if any.
public final class MockExchangeServer: Sendable {
    /// What the next REST request gets instead of an answer.
    public enum RESTFault: Sendable, Equatable {
        /// This status with an exchange-style error body, and `Retry-After` when given.
        case status(Int, retryAfter: Int?)
        /// The connection is closed without an answer.
        case drop
        /// No fault: the request is answered as usual (lets the first requests of a queue through).
        case answer
    }

    /// One step of a stream connection's script.
    public enum StreamStep: Sendable {
        /// Send these text messages, in order, as fast as possible.
        case send([String])
        /// Wait for the client's next message (recorded in `clientMessages`).
        case receive
        /// Wait this long.
        case pause(Duration)
        /// Close the connection.
        case close
        /// Send nothing more and keep the connection open until the client leaves.
        case silence
    }

    private struct State {
        var series: [String: BarSeries] = [:]
        var faults: [RESTFault] = []
        var requests: [String] = []
        var streamScripts: [[StreamStep]] = []
        var connections = 0
        var streamURLs: [String] = []
        var clientMessages: [String] = []
        var weightUsed = 0
    }

    private let state = NIOLockedValueBox(State())
    private let task = NIOLockedValueBox<Task<Void, any Error>?>(nil)
    public let port: Int
    /// Wait between a stream's upgrade and its script's first step.
    public let handshakeDelay: Duration = .milliseconds(50)

    /// Bars served by REST for `symbol` (Binance spelling, e.g. `BTCUSDT`).
    public func serve(_ bars: BarSeries, symbol: String) { state.withLockedValue { $0.series[symbol] = bars } }
    /// Queues faults for the next REST requests.
    public func queue(_ faults: [RESTFault]) { state.withLockedValue { $0.faults += faults } }
    /// Sets the scripts of the next stream connections (the k-th connection plays the k-th
    /// script; connections beyond the last one are closed at once).
    public func script(_ scripts: [[StreamStep]]) { state.withLockedValue { $0.streamScripts = scripts; $0.connections = 0 } }
    /// REST requests received (path and query).
    public var requests: [String] { state.withLockedValue { $0.requests } }
    /// Stream connections opened, the URLs they asked for and the messages clients sent.
    public var connections: Int { state.withLockedValue { $0.connections } }
    public var streamURLs: [String] { state.withLockedValue { $0.streamURLs } }
    public var clientMessages: [String] { state.withLockedValue { $0.clientMessages } }

    public var restURL: String { "http://127.0.0.1:\(port)" }
    public var binanceStreamURL: String { "ws://127.0.0.1:\(port)" }
    public var alpacaStreamURL: String { "ws://127.0.0.1:\(port)/v1beta3/crypto/us" }

    private init(port: Int) { self.port = port }

    /// Starts a server on a free port of 127.0.0.1.
    public static func start() async throws -> MockExchangeServer {
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let holder = NIOLockedValueBox<MockExchangeServer?>(nil)
        let router = Router(context: MockRequestContext.self)
        let wsRouter = Router(context: MockWebSocketContext.self)
        router.get("/api/v3/klines") { request, context in try await holder.withLockedValue { $0! }.klines(request, context) }
        router.get("/v1beta3/crypto/us/bars") { request, context in try await holder.withLockedValue { $0! }.alpacaBars(request, context) }
        let upgrade: WebSocketDataHandler<WebSocketRouterContext<MockWebSocketContext>> = { inbound, _, context in
            try await holder.withLockedValue { $0! }.play(inbound, channel: context.requestContext.channel,
                                                          uri: context.request.uri.description)
        }
        wsRouter.ws("/stream", onUpgrade: upgrade)
        wsRouter.ws("/v1beta3/crypto/us", onUpgrade: upgrade)
        var logger = Logger(label: "mock-exchange")
        logger.logLevel = .critical
        let app = Application(router: router,
                              server: .http1WebSocketUpgrade(webSocketRouter: wsRouter,
                                                             configuration: .init(ws: .init(autoPing: .disabled))),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0); continuation.finish() },
                              logger: logger)
        let running = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await p in stream { port = p }
        let server = MockExchangeServer(port: port)
        holder.withLockedValue { $0 = server }
        server.task.withLockedValue { $0 = running }
        return server
    }

    /// Stops the server.
    public func stop() async {
        let running = task.withLockedValue { t -> Task<Void, any Error>? in defer { t = nil }; return t }
        running?.cancel()
        _ = await running?.result
    }

    // MARK: REST

    private func takeFault(_ request: Request, _ context: MockRequestContext) async throws -> Response? {
        let fault = state.withLockedValue { s -> RESTFault? in
            s.requests.append(request.uri.description)
            return s.faults.isEmpty ? nil : s.faults.removeFirst()
        }
        switch fault {
        case nil, .answer: return nil
        case .drop:
            try await context.channel.close()
            throw HTTPError(.internalServerError)
        case let .status(code, retryAfter):
            var headers: HTTPFields = [.contentType: "application/json"]
            if let retryAfter { headers[.retryAfter] = "\(retryAfter)" }
            let body = "{\"code\":-1003,\"msg\":\"mock fault: HTTP \(code)\"}"
            return Response(status: .init(code: code), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    private func klines(_ request: Request, _ context: MockRequestContext) async throws -> Response {
        if let fault = try await takeFault(request, context) { return fault }
        let q = request.uri.queryParameters
        guard let symbol = q["symbol"].map(String.init), let interval = q["interval"].flatMap({ Timeframe(String($0)) }),
              let bars = state.withLockedValue({ $0.series[symbol] }), bars.timeframe == interval else {
            return json(status: .badRequest, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")
        }
        let start = q["startTime"].flatMap { Int64($0) } ?? .min
        let end = q["endTime"].flatMap { Int64($0) } ?? .max
        let limit = min(1000, q["limit"].flatMap { Int($0) } ?? 500)
        let step = interval.milliseconds
        var rows: [String] = []
        for i in bars.indexRange(from: start, to: end == .max ? .max : end + 1) where rows.count < limit {
            let d = MockBarDetails.detail(bars, i)
            rows.append("[\(bars.ts[i]),\"\(bars.open[i])\",\"\(bars.high[i])\",\"\(bars.low[i])\",\"\(bars.close[i])\",\"\(bars.volume[i])\","
                        + "\(bars.ts[i] + step - 1),\"\(d.quoteVolume!)\",\(d.trades!),\"0\",\"0\",\"0\"]")
        }
        let weight = state.withLockedValue { s -> Int in s.weightUsed += 2; return s.weightUsed }
        var response = json(status: .ok, "[" + rows.joined(separator: ",") + "]")
        response.headers[HTTPField.Name("X-MBX-USED-WEIGHT-1M")!] = "\(weight % 1000)"
        return response
    }

    private func alpacaBars(_ request: Request, _ context: MockRequestContext) async throws -> Response {
        if let fault = try await takeFault(request, context) { return fault }
        let q = request.uri.queryParameters
        guard let pair = q["symbols"].map(String.init), let instrument = Instrument(symbol: pair),
              let bars = state.withLockedValue({ $0.series[instrument.symbol] }),
              let frame = q["timeframe"].map(String.init), frame == MockBarDetails.alpacaTimeframe(bars.timeframe) else {
            return json(status: .badRequest, "{\"message\":\"invalid symbols or timeframe\"}")
        }
        func time(_ key: String) -> Int64? { q[Substring(key)].flatMap { TimeUnit.parseTime(String($0)) } }
        var start = time("start") ?? .min
        let end = time("end") ?? .max            // inclusive, as Alpaca's
        if let token = q["page_token"], let data = Data(base64Encoded: String(token)), let from = Int64(String(decoding: data, as: UTF8.self)) {
            start = from
        }
        let limit = min(10_000, q["limit"].flatMap { Int($0) } ?? 1000)
        let range = bars.indexRange(from: start, to: end == .max ? .max : end + 1)
        var items: [String] = []
        var next = "null"
        for i in range {
            if items.count == limit { next = "\"" + Data("\(bars.ts[i])".utf8).base64EncodedString() + "\""; break }
            let d = MockBarDetails.detail(bars, i)
            items.append("{\"c\":\(bars.close[i]),\"h\":\(bars.high[i]),\"l\":\(bars.low[i]),\"n\":\(d.trades!),\"o\":\(bars.open[i]),"
                         + "\"t\":\"\(formatTimestamp(bars.ts[i]))\",\"v\":\(bars.volume[i]),\"vw\":\(MockBarDetails.vwap(bars, i))}")
        }
        return json(status: .ok, "{\"bars\":{\"\(pair)\":[" + items.joined(separator: ",") + "]},\"next_page_token\":\(next)}")
    }

    private func json(status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    // MARK: streams

    private func play(_ inbound: WebSocketInboundStream, channel: any Channel,
                      uri: String) async throws {
        let script = state.withLockedValue { s -> [StreamStep] in
            s.streamURLs.append(uri)
            defer { s.connections += 1 }
            return s.connections < s.streamScripts.count ? s.streamScripts[s.connections] : [.close]
        }
        var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
        // Frames written in the same instant as the upgrade response are now and then not
        // delivered by the client library under load (seen with six tests in parallel); real
        // exchanges' first frames follow the handshake by at least a round trip, so wait one.
        try await Task.sleep(for: handshakeDelay)
        for step in script {
            switch step {
            case let .send(texts):
                try await Self.send(texts, on: channel)
            case .receive:
                guard let message = try await messages.next() else { return }
                if case let .text(text) = message { state.withLockedValue { $0.clientMessages.append(text) } }
            case let .pause(duration):
                try await Task.sleep(for: duration)
            case .close:
                return
            case .silence:
                while try await messages.next() != nil {}
                return
            }
        }
    }
}

extension MockExchangeServer {
    /// Writes text frames to the connection in bursts of up to 256, one flush each, as a busy
    /// exchange's socket sends them. (The WebSocket writer flushes every frame: one system call
    /// per message, which made the mock rather than the client the bottleneck of the ingest
    /// benchmark.) Each burst waits until the one before has gone to the socket, so what is
    /// buffered stays bounded. The frames pass through the connection's own frame encoder.
    fileprivate static func send(_ texts: [String], on channel: any Channel) async throws {
        var start = 0
        while start < texts.count {
            let burst = texts[start..<min(texts.count, start + 256)]
            start += burst.count
            try await channel.eventLoop.flatSubmit { () -> EventLoopFuture<Void> in
                let pipeline = channel.pipeline.syncOperations
                var last = channel.eventLoop.makeSucceededVoidFuture()
                for text in burst {
                    // Room in front for the frame header, which the encoder then writes in place.
                    var data = channel.allocator.buffer(capacity: text.utf8.count + 14)
                    data.moveWriterIndex(forwardBy: 14)
                    data.moveReaderIndex(forwardBy: 14)
                    data.writeString(text)
                    last = pipeline.write(NIOAny(WebSocketFrame(fin: true, opcode: .text, data: data)))
                }
                pipeline.flush()
                return last
            }.get()
        }
    }
}

/// A WebSocket request context that keeps the connection's channel, for `send`.
struct MockWebSocketContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<MockWebSocketContext>
    let channel: any Channel
    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }
}

/// A request context that keeps the connection's channel, so a fault can drop it.
struct MockRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
