// bench-analytics: Hansen's SPA with a stationary bootstrap, the reference workload
// (20 strategies × 5,000 periods, 10,000 replicates, mean block 10), on one core.
// arch 8.0 took 4.4 s for the same workload on this machine (issue #6); target < 0.3 s.
import Analytics
import BenchSupport
import Foundation

struct Args {
    var strategies = 20, periods = 5_000, reps = 10_000, block = 10.0, runs = 5
    init() {
        var it = CommandLine.arguments.dropFirst().makeIterator()
        while let a = it.next() {
            guard let v = it.next() else { break }
            switch a {
            case "--strategies": strategies = Int(v) ?? strategies
            case "--periods": periods = Int(v) ?? periods
            case "--reps": reps = Int(v) ?? reps
            case "--block-size": block = Double(v) ?? block
            case "--runs": runs = Int(v) ?? runs
            default: FileHandle.standardError.write("unknown option \(a)\n".data(using: .utf8)!); exit(2)
            }
        }
    }
}

/// Seeded normal returns through the same GSL-backed bootstrap generator family is overkill
/// here; a SplitMix64 + Box–Muller stream keeps the data reproducible and independent of it.
struct SplitMix {
    var s: UInt64
    mutating func uniform() -> Double {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (Double((z ^ (z >> 31)) >> 11) + 0.5) / Double(1 << 53)
    }
    mutating func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
}

let args = Args()
var rng = SplitMix(s: 2026)
let benchmark = (0..<args.periods).map { _ in 0.01 * rng.normal() }
let strategies = (0..<args.strategies).map { k in
    benchmark.map { 0.5 * $0 + 0.008 * rng.normal() + (k < 2 ? 0.0004 : 0) }
}

/// CPU time of this thread spent in `body` (robust against other processes sharing the cores;
/// on an idle machine it equals the wall time of this single-threaded code).
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = threadCPUTime()
    try body()
    return threadCPUTime() - start
}

print("bench-analytics: SPA, \(args.strategies) strategies × \(args.periods) periods, \(args.reps) stationary-bootstrap reps (block \(args.block)), 1 thread, thread CPU seconds")
print("studentized  run   seconds   p(lower/consistent/upper)   x faster than arch (4.4 s)")
for studentized in [true, false] {
    var times: [Double] = []
    var last: SuperiorPredictiveAbility?
    for run in 0..<args.runs {
        let t = try seconds {
            last = try SuperiorPredictiveAbility(strategies: strategies, benchmark: benchmark, studentized: studentized,
                                                 blockSize: args.block, replicates: args.reps, seed: UInt64(run + 1))
        }
        times.append(t)
    }
    let best = times.min()!, median = times.sorted()[times.count / 2]
    let p = last!
    print(String(format: "%-11@  best  %7.4f   %.4f / %.4f / %.4f      %.1fx", "\(studentized)" as NSString, best, p.lower, p.consistent, p.upper, 4.4 / best))
    print(String(format: "%-11@  median %6.4f", "\(studentized)" as NSString, median))
}

// Component: the shared bootstrap means alone (index stream + prefix-sum block sums).
let diffs = strategies.map { zip($0, benchmark).map { $0 - $1 } }
var meansTimes: [Double] = []
for run in 0..<args.runs {
    meansTimes.append(try seconds {
        _ = try BootstrapMeans(series: diffs, scheme: .stationary(meanBlockLength: args.block), replicates: args.reps, seed: UInt64(run + 1))
    })
}
print(String(format: "component: bootstrap means only, best %.4f s", meansTimes.min()!))
var blockTimes: [Double] = []
for run in 0..<args.runs {
    blockTimes.append(try seconds {
        var boot = try BlockBootstrap(scheme: .stationary(meanBlockLength: args.block), periods: args.periods, seed: UInt64(run + 1))
        var blocks: [BlockBootstrap.Block] = []
        var total = 0
        for _ in 0..<args.reps { boot.nextReplicate(into: &blocks); total &+= blocks.count }
        if total == 0 { print("") }
    })
}
print(String(format: "component: block index stream only, best %.4f s", blockTimes.min()!))
