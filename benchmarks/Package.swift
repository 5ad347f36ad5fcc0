// swift-tools-version:6.0
import PackageDescription

// Benchmarks live in their own package so nothing they need reaches users of Crucible.
// Build and run with: swift run -c release --package-path benchmarks <target> [options]
// Each target prints its figures as a table; see benchmarks/README.md for the commands.
let package = Package(
    name: "CrucibleBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Crucible", path: ".."),
    ],
    targets: [
        // One executable target per area, each at benchmarks/Sources/<name>/.
        .target(name: "BenchSupport", path: "Sources/BenchSupport"),
        .executableTarget(name: "bench-analytics", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-analytics"),
        .executableTarget(name: "bench-indicators", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-indicators"),
        .executableTarget(name: "bench-tuning", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-tuning"),
        .executableTarget(name: "bench-optimization", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-optimization"),
        .executableTarget(name: "bench-reports", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-reports"),
        .executableTarget(name: "bench-simulation", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-simulation"),
        .executableTarget(name: "bench-strategies", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-strategies"),
        .executableTarget(name: "bench-validation", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-validation"),
        .executableTarget(name: "bench-learning", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-learning"),
        .executableTarget(name: "bench-marketdata", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-marketdata"),
        .executableTarget(name: "bench-rules", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-rules"),
        .executableTarget(name: "bench-experiments", dependencies: ["BenchSupport", .product(name: "Crucible", package: "Crucible")], path: "Sources/bench-experiments"),
        .executableTarget(name: "bench-exchanges", dependencies: [
            "BenchSupport", .product(name: "Crucible", package: "Crucible"),
            .product(name: "CrucibleExchanges", package: "Crucible"), .product(name: "CrucibleExchangeMocks", package: "Crucible"),
        ], path: "Sources/bench-exchanges"),
        .executableTarget(name: "bench-paper", dependencies: [
            "BenchSupport", .product(name: "Crucible", package: "Crucible"),
            .product(name: "CrucibleExchanges", package: "Crucible"), .product(name: "CrucibleExchangeMocks", package: "Crucible"),
        ], path: "Sources/bench-paper"),
    ]
)
