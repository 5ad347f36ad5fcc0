/// Derives independent seeds for separate streams from one study seed (splitmix64 mixing),
/// so each proposal's randomness depends only on (seed, stream, step), never on history.
enum SeedMixer {
    static func mix(_ seed: UInt64, _ stream: UInt64, _ step: UInt64 = 0) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1) &+ 0xBF58_476D_1CE4_E5B9 &* (step &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (z ^ (z >> 31)) & 0xFFFF_FFFF      // mt19937 takes a 32-bit seed
    }
}
