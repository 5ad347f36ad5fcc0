import MarketData
/// Finds the feasible, not yet taken point with the highest acquisition: scores Sobol
/// candidates and Gaussian perturbations of the incumbents (all rounded to the space's
/// levels first), refines the best few by projected gradient ascent on the numeric feature
/// columns, rounds the results and keeps the best.
struct AcquisitionMaximizer {
    let space: SearchSpace
    let settings: BayesianSettings
    let model: ModelState
    let rng: SeededGenerator
    private let categorical: [Bool]

    init(space: SearchSpace, settings: BayesianSettings, model: ModelState, seed: UInt64) {
        self.space = space
        self.settings = settings
        self.model = model
        self.rng = SeededGenerator(seed: seed)
        self.categorical = space.categoricalColumns
    }

    private struct Candidates {
        var values: [[ParameterValue]] = []
        var features: [Double] = []
        var seen = Set<[ParameterValue]>()
    }

    func best(excluding taken: Set<[ParameterValue]>) -> [ParameterValue]? {
        var pool = Candidates()
        func offer(_ values: [ParameterValue]) {
            guard !taken.contains(values), space.satisfiesConstraints(values), pool.seen.insert(values).inserted else { return }
            pool.values.append(values)
            pool.features += space.features(values)
        }
        sobolCandidates(offer)
        localCandidates(offer)
        guard !pool.values.isEmpty else { return nil }
        var scores = score(pool.features)
        let order = scores.indices.sorted { (scores[$0], $1) > (scores[$1], $0) }
        for index in order.prefix(settings.refinementStarts) {
            let start = Array(pool.features[index * model.dimension..<(index + 1) * model.dimension])
            let refined = refine(start)
            let values = refined.withUnsafeBufferPointer { space.values(features: $0) }
            let before = pool.values.count
            offer(values)
            if pool.values.count > before {
                let added: [Double] = Array(pool.features.suffix(from: before * model.dimension))
                scores += score(added)
            }
        }
        var bestIndex = 0
        for i in scores.indices where scores[i] > scores[bestIndex] { bestIndex = i }
        return pool.values[bestIndex]
    }

    private func sobolCandidates(_ offer: ([ParameterValue]) -> Void) {
        let d = space.samplingDimension
        guard d > 0 else { return }
        var u = [Double](repeating: 0, count: d)
        let sobol = d <= SobolSequence.maxDimension ? SobolSequence(dimension: d, seed: UInt64(rng.index(1 << 30))) : nil
        for _ in 0..<settings.candidates {
            u.withUnsafeMutableBufferPointer { buffer in
                if let sobol { sobol.next(into: buffer) } else { for j in buffer.indices { buffer[j] = rng.uniform() } }
            }
            offer(u.withUnsafeBufferPointer { space.values(unit: $0) })
        }
    }

    /// Perturbations at several scales (fractions of the unit cube) around the incumbents.
    private func localCandidates(_ offer: ([ParameterValue]) -> Void) {
        let scales = [0.1, 0.02, 0.004, 0.0008]
        var f = [Double](repeating: 0, count: model.dimension)
        for centre in model.incumbents {
            for k in 0..<settings.localCandidates {
                let scale = scales[k % scales.count]
                for j in 0..<model.dimension {
                    f[j] = categorical[j] ? centre[j] : min(1, max(0, centre[j] + scale * rng.normal()))
                }
                offer(f.withUnsafeBufferPointer { space.values(features: $0) })
            }
        }
    }

    /// Acquisition values of feature rows (row-major). Exact for the best `refinementStarts`
    /// (at least one) and every row that could rival them; the others, whose acquisition at
    /// their variance bound (both acquisitions grow with σ) is already below the k-th best
    /// exact value, get −∞ without the triangular solve for their variance.
    private func score(_ rows: [Double]) -> [Double] {
        let m = rows.count / model.dimension
        let batch = rows.withUnsafeBufferPointer { model.gp.batch($0) }
        let best = model.best
        let bounds = (0..<m).map { settings.acquisition.evaluate(mean: batch.mean[$0], sd: batch.varianceBound[$0].squareRoot(), best: best).value }
        let order = bounds.indices.sorted { (bounds[$0], $1) > (bounds[$1], $0) }
        let keep = max(1, settings.refinementStarts)
        var scores = [Double](repeating: -.infinity, count: m)
        var top: [Double] = []                               // best exact values, descending
        var next = 0
        while next < m {
            let threshold = top.count == keep ? top[keep - 1] : -.infinity
            guard bounds[order[next]] >= threshold else { break }
            let columns = Array(order[next..<min(m, next + Self.chunk)])
            next += columns.count
            for (column, variance) in zip(columns, model.gp.variances(batch, columns: columns)) {
                let value = settings.acquisition.evaluate(mean: batch.mean[column], sd: variance.squareRoot(), best: best).value
                scores[column] = value
                if top.count < keep || value > top[top.count - 1] {
                    let at = top.firstIndex { value > $0 } ?? top.count
                    top.insert(value, at: at)
                    if top.count > keep { top.removeLast() }
                }
            }
        }
        return scores
    }

    /// Rows whose exact variance is solved for at once.
    static let chunk = 64

    /// Acquisition and its gradient at one feature row.
    private func valueAndGradient(_ f: [Double], gradient: inout [Double]) -> Double {
        let d = model.dimension
        var dMean = [Double](repeating: 0, count: d), dVariance = [Double](repeating: 0, count: d)
        let (mu, variance) = f.withUnsafeBufferPointer { p in
            dMean.withUnsafeMutableBufferPointer { gm in
                dVariance.withUnsafeMutableBufferPointer { model.gp.predictWithGradient(p, meanGradient: gm, varianceGradient: $0) }
            }
        }
        let sd = variance.squareRoot()
        let a = settings.acquisition.evaluate(mean: mu, sd: sd, best: model.best)
        for j in 0..<d { gradient[j] = categorical[j] ? 0 : a.dMean * dMean[j] + a.dSD * dVariance[j] / (2 * sd) }
        return a.value
    }

    /// Projected gradient ascent in [0, 1] on the numeric columns with an adaptive step.
    private func refine(_ start: [Double]) -> [Double] {
        let d = model.dimension
        var x = start
        var g = [Double](repeating: 0, count: d), trialGradient = g
        var value = valueAndGradient(x, gradient: &g)
        var step = 0.01 / max(g.map { abs($0) }.max() ?? 0, 1e-12)
        var trial = x
        for _ in 0..<settings.refinementIterations {
            var moved = 0.0
            for j in 0..<d {
                trial[j] = min(1, max(0, x[j] + step * g[j]))
                moved = max(moved, abs(trial[j] - x[j]))
            }
            if moved < 1e-9 { break }
            let trialValue = valueAndGradient(trial, gradient: &trialGradient)
            if trialValue > value {
                swap(&x, &trial)
                swap(&g, &trialGradient)
                value = trialValue
                step *= 2
            } else {
                step *= 0.25
            }
        }
        return x
    }
}
