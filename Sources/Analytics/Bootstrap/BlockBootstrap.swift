@preconcurrency import CGSL

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
    private let rng: OpaquePointer
    private let logContinue: Double

    /// Throws for a non-positive block length or fewer than 2 periods.
    public init(scheme: BlockBootstrapScheme, periods: Int, seed: UInt64) throws(AnalyticsError) {
        try AnalyticsError.checkCount(periods, atLeast: 2, for: "block bootstrap")
        let logQ: Double
        switch scheme {
        case .stationary(let b):
            guard b >= 1, b.isFinite else { throw .invalidArgument(name: "block size", expected: "a number ≥ 1", got: "\(b)") }
            logQ = log(1 - 1 / b)
        case .circular(let b):
            guard b >= 1 else { throw .invalidArgument(name: "block size", expected: "an integer ≥ 1", got: "\(b)") }
            logQ = 0
        }
        _ = gslAbortHandlerDisabled
        guard let r = gsl_rng_alloc(crucible_gsl_rng_mt19937()) else {
            throw .gsl(function: "gsl_rng_alloc", status: Int32(GSL_ENOMEM))
        }
        gsl_rng_set(r, UInt(truncatingIfNeeded: seed))
        self.rng = OpaquePointer(r)
        self.logContinue = logQ
        self.scheme = scheme
        self.periods = periods
    }

    deinit { gsl_rng_free(UnsafeMutablePointer<gsl_rng>(rng)) }

    /// Replaces `blocks` with the blocks of the next replicate (lengths sum to `periods`).
    /// Reuses the array's storage, so a loop over replicates allocates nothing.
    public mutating func nextReplicate(into blocks: inout [Block]) {
        blocks.removeAll(keepingCapacity: true)
        let r = UnsafeMutablePointer<gsl_rng>(rng)
        let t = periods
        var remaining = t
        while remaining > 0 {
            let start = Int(gsl_rng_uniform_int(r, UInt(t)))
            var length: Int
            switch scheme {
            case .stationary:
                // Geometric number of periods ≥ 1 with continuation probability 1 − 1/b.
                if logContinue == -.infinity {
                    length = 1
                } else {
                    let g = log(gsl_rng_uniform_pos(r)) / logContinue
                    length = g >= Double(remaining) ? remaining : 1 + Int(g)
                }
            case .circular(let b):
                length = b
            }
            length = min(length, remaining)
            blocks.append(Block(start: start, length: length))
            remaining -= length
        }
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
