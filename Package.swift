// swift-tools-version:6.0
import PackageDescription

// Data flows one way (docs/ARCHITECTURE.md): MarketData → Indicators → Strategies → Simulation
// → Analytics → Optimization → Experiments → Reports → crucible. No target imports one to its right.
let package = Package(
    name: "Crucible",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crucible", targets: ["crucible"]),
        .library(name: "Crucible", targets: [
            "MarketData", "Indicators", "Strategies", "Simulation",
            "Analytics", "Optimization", "Experiments", "Reports",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System C libraries, found through pkg-config, each behind a shim header.
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CLAPACK", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        .target(name: "MarketData", dependencies: ["CGSL", "CSQLite"]),
        .target(name: "Indicators", dependencies: ["MarketData"]),
        .target(name: "Strategies", dependencies: ["MarketData", "Indicators"]),
        .target(name: "Simulation", dependencies: ["MarketData", "Strategies"]),
        .target(name: "Analytics", dependencies: ["CGSL", "MarketData", "Simulation"]),
        .target(name: "Optimization", dependencies: ["CGSL", "CLAPACK", "MarketData", "Strategies", "Simulation", "Analytics"]),
        .target(name: "Experiments", dependencies: ["MarketData", "Strategies", "Simulation", "Analytics", "Optimization"]),
        .target(name: "Reports", dependencies: ["MarketData", "Simulation", "Optimization", "Experiments"]),
        .executableTarget(name: "crucible", dependencies: [
            "MarketData", "Indicators", "Strategies", "Simulation",
            "Analytics", "Experiments", "Reports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "TestSupport", dependencies: ["MarketData"], path: "Tests/TestSupport"),
        .testTarget(name: "SystemLibrariesTests", dependencies: ["CGSL", "CLAPACK", "CSQLite"]),
        .testTarget(name: "MarketDataTests", dependencies: ["MarketData", "TestSupport"]),
        .testTarget(name: "AnalyticsTests", dependencies: ["Analytics", "Simulation", "TestSupport"]),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators", "TestSupport"]),
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Experiments", "TestSupport"]),
        .testTarget(name: "StrategiesTests", dependencies: ["Strategies", "Simulation", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Analytics", "TestSupport"]),
        .testTarget(name: "CrucibleCLITests", dependencies: ["crucible", "Strategies", "TestSupport"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "TestSupport"]),
    ]
)
