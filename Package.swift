// swift-tools-version:6.0
import PackageDescription

// Data flows one way (docs/ARCHITECTURE.md): MarketData → (Exchanges) → Indicators → Strategies → Simulation
// → Analytics → Learning → Optimization → Experiments → Paper → Reports → crucible. No target imports one to its right.
let package = Package(
    name: "Crucible",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crucible", targets: ["crucible"]),
        .library(name: "Crucible", targets: [
            "MarketData", "Indicators", "Strategies", "Simulation",
            "Analytics", "Learning", "Optimization", "Experiments", "Paper", "Reports",
        ]),
        // Networking (exchange REST/WebSocket adapters) is its own product: no engine imports it.
        .library(name: "CrucibleExchanges", targets: ["Exchanges"]),
        // Local mock exchange servers, for tests and benchmarks only.
        .library(name: "CrucibleExchangeMocks", targets: ["ExchangeMocks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Exchanges: REST and WebSocket clients.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        // Imported directly by Exchanges and ExchangeMocks (already in the graph through the clients above).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // ExchangeMocks (tests and benchmarks only): in-process HTTP and WebSocket servers; PaperAPI's local API.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        // System C libraries, found through pkg-config, each behind a shim header.
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CLAPACK", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libxgboost-dev has no .pc file: the module map links "xgboost" itself.
        .systemLibrary(name: "CXGBoost", providers: [.apt(["libxgboost-dev"])]),

        .target(name: "MarketData", dependencies: ["CGSL", "CSQLite"]),
        .target(name: "Indicators", dependencies: ["MarketData"]),
        .target(name: "Strategies", dependencies: ["MarketData", "Indicators"]),
        .target(name: "Simulation", dependencies: ["MarketData", "Strategies"]),
        .target(name: "Analytics", dependencies: ["CGSL", "MarketData", "Simulation"]),
        .target(name: "Learning", dependencies: ["CLAPACK", "CXGBoost", "MarketData", "Analytics"]),
        .target(name: "Optimization", dependencies: ["CGSL", "CLAPACK", "MarketData", "Strategies", "Simulation", "Analytics"]),
        .target(name: "Experiments", dependencies: ["MarketData", "Strategies", "Simulation", "Analytics", "Learning", "Optimization"]),
        // Paper trading: the event engine stepped bar by bar on a feed, its state in SQLite. Its live
        // feeds call Exchanges (the stream and REST clients); the engines never see them.
        .target(name: "Paper", dependencies: ["CSQLite", "MarketData", "Strategies", "Simulation", "Optimization", "Experiments", "Exchanges"]),
        // The local HTTP API of a paper run (`crucible paper --listen`); the engines never see it.
        .target(name: "PaperAPI", dependencies: [
            "MarketData", "Paper",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Reports", dependencies: ["MarketData", "Strategies", "Simulation", "Analytics", "Learning", "Optimization", "Experiments", "Paper"]),
        // The only networking module; depends on MarketData alone.
        .target(name: "Exchanges", dependencies: [
            "MarketData",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "WSClient", package: "swift-websocket"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "crucible", dependencies: [
            "MarketData", "Indicators", "Strategies", "Simulation",
            "Analytics", "Learning", "Experiments", "Paper", "PaperAPI", "Reports", "Exchanges",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "TestSupport", dependencies: ["MarketData"], path: "Tests/TestSupport"),
        .testTarget(name: "SystemLibrariesTests", dependencies: ["CGSL", "CLAPACK", "CSQLite"]),
        .testTarget(name: "MarketDataTests", dependencies: ["MarketData", "TestSupport"]),
        .testTarget(name: "AnalyticsTests", dependencies: ["Analytics", "Simulation", "TestSupport"]),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators", "TestSupport"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "Analytics", "TestSupport"]),
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Experiments", "Analytics", "Learning", "MarketData", "Optimization", "TestSupport"]),
        .testTarget(name: "StrategiesTests", dependencies: ["Strategies", "Simulation", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Analytics", "TestSupport"]),
        .testTarget(name: "CrucibleCLITests", dependencies: [
            "crucible", "Strategies", "Learning", "Paper", "TestSupport", "ExchangeMocks",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Learning", "TestSupport"]),
        .testTarget(name: "PaperTests", dependencies: [
            "Paper", "PaperAPI", "Reports", "Experiments", "Simulation", "TestSupport", "Exchanges", "ExchangeMocks",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),

        // Exchanges: mock servers speaking the exchanges' documented formats, and the fault tests.
        .target(name: "ExchangeMocks", dependencies: [
            "MarketData",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "Tests/ExchangeMocks"),
        .testTarget(name: "ExchangesTests", dependencies: ["Exchanges", "ExchangeMocks", "TestSupport"]),
    ]
)
