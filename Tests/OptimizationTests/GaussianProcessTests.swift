import Foundation
import MarketData
@testable import Optimization
import Testing

@Suite struct GaussianProcessTests {
    /// Matérn 5/2 written out by hand: (1 + √5 r + 5r²/3) exp(−√5 r).
    static func matern(_ r: Double) -> Double {
        let s = 5.0.squareRoot() * r
        return (1 + s + 5 * r * r / 3) * exp(-s)
    }

    @Test func posteriorMatchesTwoPointClosedForm() throws {
        // Data x = 0, 0.5 with y = 1, −1; ℓ = 1, s² = 1, σ²_n = 0.01. Query x* = 0.25.
        let h = GPHyperparameters(lengthScales: [1], signalVariance: 1, noiseVariance: 0.01)
        let gp = try GaussianProcess(x: [0, 0.5], y: [1, -1], dimension: 1, hyperparameters: h)
        #expect(abs(Self.matern(0.25) - 0.950959921678633) < 1e-12)      // the kernel value itself
        let k01 = Self.matern(0.5), a = 1.01
        let det = a * a - k01 * k01
        // K⁻¹ = [[a, −k01], [−k01, a]] / det; k* = (k(0.25), k(0.25)) by symmetry.
        let ks = Self.matern(0.25)
        let inverseTimesY = [(a * 1 - k01 * -1) / det, (-k01 * 1 + a * -1) / det]
        let expectedMean = ks * inverseTimesY[0] + ks * inverseTimesY[1]          // = 0 by symmetry
        let quadratic = ks * ks * (a - k01 + a - k01) / det
        let expectedVariance = 1 - quadratic
        var mean = [0.0], variance = [0.0]
        [0.25].withUnsafeBufferPointer { p in
            mean.withUnsafeMutableBufferPointer { m in variance.withUnsafeMutableBufferPointer { gp.predict(p, mean: m, variance: $0) } }
        }
        #expect(abs(mean[0] - expectedMean) < 1e-12)
        #expect(abs(variance[0] - expectedVariance) < 1e-12)
        // Off-centre query x* = 0.1: k* = (k(0.1), k(0.4)).
        let k1 = Self.matern(0.1), k2 = Self.matern(0.4)
        let m2 = k1 * inverseTimesY[0] + k2 * inverseTimesY[1]
        let v2 = 1 - (k1 * (a * k1 - k01 * k2) + k2 * (-k01 * k1 + a * k2)) / det
        [0.1].withUnsafeBufferPointer { p in
            mean.withUnsafeMutableBufferPointer { m in variance.withUnsafeMutableBufferPointer { gp.predict(p, mean: m, variance: $0) } }
        }
        #expect(abs(mean[0] - m2) < 1e-12)
        #expect(abs(variance[0] - v2) < 1e-12)
    }

    static func sampleData(n: Int, d: Int, seed: UInt64) -> (x: [Double], y: [Double]) {
        let rng = SeededGenerator(seed: seed)
        let x = (0..<(n * d)).map { _ in rng.uniform() }
        let y = (0..<n).map { i in sin(6 * x[i * d]) + (d > 1 ? x[i * d + 1] * x[i * d + 1] : 0) + 0.05 * rng.normal() }
        return (x, y)
    }

    @Test func likelihoodGradientMatchesFiniteDifferences() {
        let (x, y) = Self.sampleData(n: 9, d: 2, seed: 11)
        let objective = MarginalLikelihood(x: x, y: y, dimension: 2)
        let theta = [log(0.3), log(0.7), log(1.3), log(0.02)]
        var gradient = [Double](repeating: 0, count: 4)
        _ = theta.withUnsafeBufferPointer { t in gradient.withUnsafeMutableBufferPointer { objective.evaluate(t, gradient: $0) } }
        for i in 0..<4 {
            let h = 1e-5
            var plus = theta, minus = theta
            plus[i] += h
            minus[i] -= h
            let numeric = (plus.withUnsafeBufferPointer { objective.evaluate($0, gradient: nil) }
                - minus.withUnsafeBufferPointer { objective.evaluate($0, gradient: nil) }) / (2 * h)
            #expect(abs(numeric - gradient[i]) < 1e-5 * max(1, abs(numeric)), "θ[\(i)]: analytic \(gradient[i]) vs numeric \(numeric)")
        }
    }

    @Test func fitImprovesTheLikelihoodOverThePriorCentre() {
        let (x, y) = Self.sampleData(n: 15, d: 2, seed: 5)
        let objective = MarginalLikelihood(x: x, y: y, dimension: 2)
        let fitted = HyperparameterFit.fit(x: x, y: y, dimension: 2, seed: 1)
        let atFit = fitted.theta.withUnsafeBufferPointer { objective.evaluate($0, gradient: nil) }
        let atPrior = objective.prior.mean.withUnsafeBufferPointer { objective.evaluate($0, gradient: nil) }
        #expect(atFit < atPrior)
        #expect(HyperparameterFit.fit(x: x, y: y, dimension: 2, seed: 1) == fitted)     // deterministic
    }

    @Test func posteriorGradientsMatchFiniteDifferences() throws {
        let (x, y) = Self.sampleData(n: 7, d: 2, seed: 3)
        let gp = try GaussianProcess(x: x, y: y, dimension: 2,
                                     hyperparameters: GPHyperparameters(lengthScales: [0.3, 0.5], signalVariance: 1.2, noiseVariance: 1e-4))
        let point = [0.37, 0.61]
        var dm = [0.0, 0.0], dv = [0.0, 0.0]
        _ = point.withUnsafeBufferPointer { p in
            dm.withUnsafeMutableBufferPointer { m in dv.withUnsafeMutableBufferPointer { gp.predictWithGradient(p, meanGradient: m, varianceGradient: $0) } }
        }
        func predict(_ p: [Double]) -> (Double, Double) {
            var m = [0.0], v = [0.0]
            p.withUnsafeBufferPointer { pb in m.withUnsafeMutableBufferPointer { mb in v.withUnsafeMutableBufferPointer { gp.predict(pb, mean: mb, variance: $0) } } }
            return (m[0], v[0])
        }
        for j in 0..<2 {
            var plus = point, minus = point
            plus[j] += 1e-6
            minus[j] -= 1e-6
            let (mp, vp) = predict(plus), (mm, vm) = predict(minus)
            #expect(abs((mp - mm) / 2e-6 - dm[j]) < 1e-5)
            #expect(abs((vp - vm) / 2e-6 - dv[j]) < 1e-5)
        }
    }

    @Test func logExpectedImprovementIsAccurateAndSmoothInTheTail() {
        // Direct EI for moderate z, h(z) = φ(z) + zΦ(z).
        for z in [-3.0, -1.0, 0.0, 0.7, 2.5] {
            let phi = exp(-z * z / 2) / (2 * Double.pi).squareRoot(), cdf = 0.5 * erfc(-z / 2.0.squareRoot())
            #expect(abs(ExpectedImprovement.logH(z).logH - log(phi + z * cdf)) < 1e-10)
        }
        // Either side of the switch to the continued fraction at z = −4 agree.
        let below = ExpectedImprovement.logH(-4.000001).logH, above = ExpectedImprovement.logH(-3.999999).logH
        #expect(abs(below - above) < 1e-5)
        // Far tail: h(z) ≈ φ(z)/z² (1 − 3/z² + 15/z⁴) for z = −30.
        let z = -30.0
        let asymptotic = -z * z / 2 - 0.5 * log(2 * Double.pi) - 2 * log(-z) + log(1 - 3 / (z * z) + 15 / (z * z * z * z))
        #expect(abs(ExpectedImprovement.logH(z).logH - asymptotic) < 1e-6)
        // d log EI / dμ by finite differences.
        let a = Acquisition.expectedImprovement
        let g = a.evaluate(mean: 0.3, sd: 0.2, best: -0.5)
        let numeric = (a.evaluate(mean: 0.3 + 1e-6, sd: 0.2, best: -0.5).value - a.evaluate(mean: 0.3 - 1e-6, sd: 0.2, best: -0.5).value) / 2e-6
        #expect(abs(numeric - g.dMean) < 1e-4 * abs(numeric))
        let numericSD = (a.evaluate(mean: 0.3, sd: 0.2 + 1e-7, best: -0.5).value - a.evaluate(mean: 0.3, sd: 0.2 - 1e-7, best: -0.5).value) / 2e-7
        #expect(abs(numericSD - g.dSD) < 1e-4 * abs(numericSD))
    }
}
