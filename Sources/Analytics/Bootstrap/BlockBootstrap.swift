import MarketData

/// How a block bootstrap cuts a series of T periods into blocks.
///
/// Semantics: both schemes wrap around the end of the series (period T − 1 is followed by
/// period 0). `stationary` (Politis–Romano): each block starts at a uniform period and its
/// length is geometric with mean `meanBlockLength` (equivalently: each next index continues
/// the block with probability 1 − 1/b, otherwise jumps to a new uniform start). `circular`
/// (Politis–Romano 1992): blocks of exactly `blockLength` from uniform starts. The last block
/// of a replicate is cut so the replicate has exactly T periods.
public enum BlockBootstrapScheme: Sendable, Equatable {
    case stationary(meanBlockLength: Double)
    case circular(blockLength: Int)
}

/// A seeded, reproducible stream of block-bootstrap replicates from GSL's mt19937.
/// The same (scheme, periods, seed) always produces the same replicates.
public struct BlockBootstrap: ~Copyable {
    /// One block: `length` consecutive periods from `start`, wrapping at the end.
    public struct Block: Sendable, Equatable {
        public var start: Int
        public var length: Int
    }

    public let scheme: BlockBootstrapScheme
    public let periods: Int
    private let rng: SeededGenerator
    /// 1 / ln(1 − 1/b) for the stationary scheme (0 when b = 1: every block has length 1).
    private let inverseLogContinue: Double

    /// Throws for a non-positive block length or fewer than 2 periods.
    public init(scheme: BlockBootstrapScheme, periods: Int, seed: UInt64) throws(AnalyticsError) {
        try AnalyticsError.checkCount(periods, atLeast: 2, for: "block bootstrap")
        guard periods < 1 << 32 else { throw .invalidArgument(name: "periods", expected: "fewer than 2³² periods", got: "\(periods)") }
        let inverseLog: Double
        switch scheme {
        case .stationary(let b):
            guard b >= 1, b.isFinite else { throw .invalidArgument(name: "block size", expected: "a number ≥ 1", got: "\(b)") }
            inverseLog = b == 1 ? 0 : 1 / log(1 - 1 / b)
        case .circular(let b):
            guard b >= 1 else { throw .invalidArgument(name: "block size", expected: "an integer ≥ 1", got: "\(b)") }
            inverseLog = 0
        }
        self.rng = SeededGenerator(seed: seed)
        self.inverseLogContinue = inverseLog
        self.scheme = scheme
        self.periods = periods
    }

    /// Replaces `blocks` with the blocks of the next replicate (lengths sum to `periods`).
    /// Reuses the array's storage, so a loop over replicates allocates nothing.
    public mutating func nextReplicate(into blocks: inout [Block]) {
        blocks.removeAll(keepingCapacity: true)
        var remaining = periods
        while remaining > 0 {
            let start = uniformIndex()
            var length: Int
            switch scheme {
            case .stationary:
                // Inversion of the geometric law: 1 + ⌊ln u / ln(1 − 1/b)⌋, u uniform in (0, 1)
                // at 32-bit resolution (mt19937's word), so lengths beyond a 2⁻³² tail are cut.
                let u = (Double(rng.word()) + 0.5) * (1.0 / 4_294_967_296.0)
                let g = log(u) * inverseLogContinue
                length = g >= Double(remaining) ? remaining : 1 + Int(g)
            case .circular(let b):
                length = b
            }
            length = min(length, remaining)
            blocks.append(Block(start: start, length: length))
            remaining -= length
        }
    }

    /// Uniform integer in 0..<periods from mt19937's 32-bit output, unbiased (Lemire's
    /// multiply-and-reject).
    @inline(__always)
    private func uniformIndex() -> Int {
        let n = UInt64(periods)
        var m = UInt64(rng.word()) &* n
        if UInt64(UInt32(truncatingIfNeeded: m)) < n {
            let reject = (UInt64(1) << 32 - n) % n
            while UInt64(UInt32(truncatingIfNeeded: m)) < reject {
                m = UInt64(rng.word()) &* n
            }
        }
        return Int(m >> 32)
    }

    /// The period indices of the next replicate, in order (for resampling a series directly).
    public mutating func nextIndices() -> [Int] {
        var blocks: [Block] = []
        nextReplicate(into: &blocks)
        var out: [Int] = []
        out.reserveCapacity(periods)
        for b in blocks {
            for i in 0..<b.length { out.append((b.start + i) % periods) }
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
