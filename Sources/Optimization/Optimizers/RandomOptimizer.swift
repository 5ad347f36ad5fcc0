import MarketData
/// Seeded uniform sampling (GSL mt19937): uniform over each discrete domain's levels and
/// over continuous ranges (log-uniform on log scales); infeasible and repeated points are
/// redrawn.
public final class RandomSequence: PointSequence {
    public let space: SearchSpace
    private let rng: SeededGenerator
    private let filter: UnitCubeFilter

    public init(space: SearchSpace, seed: UInt64) {
        self.space = space
        self.rng = SeededGenerator(seed: SeedMixer.mix(seed, 1))
        self.filter = UnitCubeFilter(space: space)
    }

    public func next() -> [ParameterValue]? {
        filter.next(dimension: space.samplingDimension) { u in
            for j in u.indices { u[j] = rng.uniform() }
        }
    }
}

/// Quasi-random sampling along a seeded, shifted Sobol sequence (GSL); infeasible and
/// repeated points are skipped. Spaces of more than 40 free parameters fall back to the
/// seeded random stream.
public final class SobolPointSequence: PointSequence {
    public let space: SearchSpace
    private let sobol: SobolSequence?
    private let fallback: SeededGenerator
    private let filter: UnitCubeFilter

    public init(space: SearchSpace, seed: UInt64) {
        self.space = space
        let d = space.samplingDimension
        self.sobol = d >= 1 && d <= SobolSequence.maxDimension ? SobolSequence(dimension: d, seed: SeedMixer.mix(seed, 2)) : nil
        self.fallback = SeededGenerator(seed: SeedMixer.mix(seed, 3))
        self.filter = UnitCubeFilter(space: space)
    }

    public func next() -> [ParameterValue]? {
        filter.next(dimension: space.samplingDimension) { u in
            if let sobol { sobol.next(into: u) } else { for j in u.indices { u[j] = fallback.uniform() } }
        }
    }
}

/// Random search with a seed.
public typealias RandomOptimizer = SequenceOptimizer<RandomSequence>
/// Sobol quasi-random search with a seed.
public typealias SobolOptimizer = SequenceOptimizer<SobolPointSequence>

extension SequenceOptimizer where Source == RandomSequence {
    public convenience init(space: SearchSpace, seed: UInt64) {
        self.init(source: RandomSequence(space: space, seed: seed))
    }
}

extension SequenceOptimizer where Source == SobolPointSequence {
    public convenience init(space: SearchSpace, seed: UInt64) {
        self.init(source: SobolPointSequence(space: space, seed: seed))
    }
}
