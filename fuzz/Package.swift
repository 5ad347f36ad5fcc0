// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses for the three parsers that read untrusted text: the experiment spec
// decoder, the constraint expression parser and the CSV bar reader. They live in their own
// package so nothing here reaches users of Crucible. The sanitizer flags are given on the
// command line (see README.md), never as unsafeFlags.
let package = Package(
    name: "CrucibleFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Crucible", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver", path: "Sources/CFuzzerDriver"),
        .executableTarget(name: "fuzz-spec", dependencies: ["CFuzzerDriver", .product(name: "Crucible", package: "Crucible")], path: "Sources/fuzz-spec"),
        .executableTarget(name: "fuzz-constraint", dependencies: ["CFuzzerDriver", .product(name: "Crucible", package: "Crucible")], path: "Sources/fuzz-constraint"),
        .executableTarget(name: "fuzz-csv", dependencies: ["CFuzzerDriver", .product(name: "Crucible", package: "Crucible")], path: "Sources/fuzz-csv"),
    ]
)
