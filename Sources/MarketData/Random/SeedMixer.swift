/// Derives independent seeds for separate streams from one seed with SplitMix64's finalizer,
/// so each stream's randomness depends only on (seed, stream, step), never on history.
package enum SeedMixer {
    /// SplitMix64's output function (Steele, Lea, Flood 2014; Vigna's constants).
    @inline(__always)
    package static func finalize(_ x: UInt64) -> UInt64 {
        var z = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A 32-bit seed (mt19937 takes one) for stream `stream`, step `step` of `seed`.
    package static func mix(_ seed: UInt64, _ stream: UInt64, _ step: UInt64 = 0) -> UInt64 {
        finalize(seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1) &+ 0xBF58_476D_1CE4_E5B9 &* (step &+ 1)) & 0xFFFF_FFFF
    }

    /// A trial's own 64-bit seed: the finalizer of the run's seed plus (id + 1) golden-ratio steps
    /// (SplitMix64's state after id + 1 steps).
    package static func trial(_ seed: UInt64, _ id: Int) -> UInt64 {
        finalize(seed &+ UInt64(bitPattern: Int64(id) &+ 1) &* 0x9E37_79B9_7F4A_7C15)
    }
}
