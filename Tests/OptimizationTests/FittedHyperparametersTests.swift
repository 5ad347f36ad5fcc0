import Foundation
import Testing
@testable import Optimization

/// The optimizer's fitted hyperparameters (what the report shows) against a plain maximization
/// of the same posterior: Matérn 5/2, hand-written Cholesky, the priors of `GPPrior` written out,
/// a global grid then a compass search.
@Suite struct FittedHyperparametersTests {
    /// Negative log posterior of θ = (log ℓ, log s², log(σ²_n − 10⁻⁶)) for 1-D inputs `x`, outputs `y`
    /// (up to the constant of the priors): ½ yᵀK⁻¹y + ½ log det K + (n/2) log 2π + Σ ½ ((θ_k − μ_k)/sd_k)².
    static func negativeLogPosterior(_ theta: [Double], x: [Double], y: [Double]) -> Double {
        let n = x.count
        let ell = exp(theta[0]), s2 = exp(theta[1]), noise = 1e-6 + exp(theta[2])
        var k = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n {
                let r = abs(x[i] - x[j]) / ell
                k[i][j] = s2 * (1 + 5.0.squareRoot() * r + 5 * r * r / 3) * exp(-5.0.squareRoot() * r) + (i == j ? noise : 0)
            }
        }
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)      // K = L Lᵀ
        for j in 0..<n {
            var diagonal = k[j][j]
            for m in 0..<j { diagonal -= l[j][m] * l[j][m] }
            guard diagonal > 0 else { return .infinity }
            l[j][j] = diagonal.squareRoot()
            for i in (j + 1)..<max(n, j + 1) {
                var v = k[i][j]
                for m in 0..<j { v -= l[i][m] * l[j][m] }
                l[i][j] = v / l[j][j]
            }
        }
        var z = [Double](repeating: 0, count: n)                                         // L z = y
        for i in 0..<n {
            var v = y[i]
            for m in 0..<i { v -= l[i][m] * z[m] }
            z[i] = v / l[i][i]
        }
        var value = 0.5 * Double(n) * log(2 * Double.pi)
        for i in 0..<n { value += 0.5 * z[i] * z[i] + log(l[i][i]) }
        let mean = [log(0.5), 0, log(1e-3)], sd = [1.0, 1.5, 2.5]
        for p in 0..<3 { value += 0.5 * pow((theta[p] - mean[p]) / sd[p], 2) }
        return value
    }

    /// The minimum of `f` over a grid of the box, refined by a compass search to 10⁻⁷.
    static func plainMinimum(_ f: ([Double]) -> Double) -> (theta: [Double], value: Double) {
        var best = (theta: [0.0, 0.0, 0.0], value: Double.infinity)
        for a in stride(from: -5.0, through: 2.0, by: 0.25) {
            for b in stride(from: -4.0, through: 4.0, by: 0.5) {
                for c in stride(from: -16.0, through: 0.0, by: 1.0) {
                    let v = f([a, b, c])
                    if v < best.value { best = ([a, b, c], v) }
                }
            }
        }
        var step = 0.25
        while step > 1e-7 {
            var improved = false
            for p in 0..<3 {
                for sign in [1.0, -1.0] {
                    var t = best.theta
                    t[p] += sign * step
                    let v = f(t)
                    if v < best.value { best = (t, v); improved = true }
                }
            }
            if !improved { step /= 2 }
        }
        return best
    }

    @Test func theFittedLengthScaleIsThePosteriorsMaximum() throws {
        // One smooth period over [0, 1] on 14 points: few enough for the fit on every row (no
        // coarse subset) with its three starts.
        let space = try SearchSpace([Parameter("x", .doubleRange(lower: 0, upper: 1))])
        var settings = BayesianSettings()
        settings.outputTransform = .standardize
        let optimizer = try BayesianOptimizer(space: space, seed: 7, settings: settings)
        let x = (0..<14).map { (Double($0) + 0.5) / 14 }
        let raw = x.map { sin(2 * Double.pi * $0) + 0.3 * $0 }
        for (xi, yi) in zip(x, raw).reversed() { try optimizer.observe(space.point([.double(xi)]), yi) }
        let fitted = try #require(optimizer.fittedHyperparameters())

        let mean = raw.reduce(0, +) / Double(raw.count)
        let sd = (raw.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(raw.count)).squareRoot()
        let y = raw.map { ($0 - mean) / sd }
        let f = { (theta: [Double]) in Self.negativeLogPosterior(theta, x: x, y: y) }
        let oracle = Self.plainMinimum(f)
        let fittedTheta = [log(fitted.lengthScales[0]), log(fitted.signalVariance), log(fitted.noiseVariance - 1e-6)]
        #expect(f(fittedTheta) <= oracle.value + 1e-6, "fit \(f(fittedTheta)) vs plain \(oracle.value)")
        #expect(abs(fittedTheta[0] - oracle.theta[0]) < 1e-3, "log ℓ: fit \(fittedTheta[0]) vs plain \(oracle.theta[0])")
        // One period over the unit range: a length scale of a fraction of it, neither tiny nor flat.
        #expect(fitted.lengthScales[0] > 0.05 && fitted.lengthScales[0] < 1)
        // Order of observation does not matter; the names are the report's.
        let other = try BayesianOptimizer(space: space, seed: 7, settings: settings)
        for (xi, yi) in zip(x, raw) { try other.observe(space.point([.double(xi)]), yi) }
        #expect(other.fittedHyperparameters() == fitted)
        #expect(space.featureNames == ["x"])
    }

    @Test func featureNamesFollowTheFeatureColumns() throws {
        let space = try SearchSpace([Parameter("fast", .intRange(lower: 2, upper: 12)), Parameter("fee", .fixed(.double(0.1))),
                                     Parameter("kind", .choice(["sma", "ema"])), Parameter("stop", .doubleRange(lower: 0, upper: 0.1))])
        #expect(space.featureNames == ["fast", "kind=sma", "kind=ema", "stop"])
        #expect(space.featureNames.count == space.featureCount)
    }
}
