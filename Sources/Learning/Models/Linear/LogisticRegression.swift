import Foundation

/// L2-regularized logistic regression, the objective of scikit-learn's
/// `LogisticRegression(C = 1/l2)`: minimizes `Σᵢ logloss(yᵢ, σ(b + xᵢ·w)) + (l2/2)·‖w‖²` over
/// the weights `w` and the unpenalized intercept `b`, on raw features.
///
/// Newton's method: each step solves `H·d = g` (Hessian `XᵀSX + l2·I` bordered by the intercept
/// row, `S = diag(p(1−p))`) by Cholesky, with Armijo backtracking; it stops when the largest
/// gradient component divided by the row count is at most `tolerance`.
public enum LogisticRegression {
    /// Fits on `rows` row-major rows of `features` columns; `labels` are 0 or 1.
    public static func fit(rowMajor x: [Double], rows n: Int, features p: Int, labels y: [Double],
                           l2: Double, maxIterations: Int = 100, tolerance: Double = 1e-10) throws(LearningError) -> LinearModel {
        precondition(x.count == n * p && y.count == n, "logistic: shapes")
        guard n >= 1 else { throw .tooFewRows(what: "logistic regression", needed: 1, got: n) }
        guard l2.isFinite, l2 >= 0 else {
            throw .invalidArgument(name: "model.params.l2", expected: "a finite number ≥ 0", got: "\(l2)")
        }
        let q = p + 1  // coefficient 0 is the intercept
        var beta = [Double](repeating: 0, count: q)
        var (objective, gradient, hessian) = derivatives(x, y, n: n, p: p, beta: beta, l2: l2)
        for iteration in 0..<maxIterations {
            let norm = gradient.map(abs).max() ?? 0
            if norm / Double(n) <= tolerance {
                return LinearModel(kind: .logistic, intercept: beta[0], weights: Array(beta[1...]), iterations: iteration)
            }
            var step = gradient
            try choleskySolve(&hessian, &step, n: q)
            var slope = 0.0
            for k in 0..<q { slope += gradient[k] * step[k] }
            var t = 1.0
            var candidate = beta
            var next = objective
            while true {
                for k in 0..<q { candidate[k] = beta[k] - t * step[k] }
                next = value(x, y, n: n, p: p, beta: candidate, l2: l2)
                // Armijo, with rounding slack: near the optimum the decrease is below the
                // objective's last bits and a full Newton step is taken.
                if next <= objective - 1e-4 * t * slope || next - objective <= 1e-13 * abs(objective) || t < 1e-10 { break }
                t /= 2
            }
            beta = candidate
            (objective, gradient, hessian) = derivatives(x, y, n: n, p: p, beta: beta, l2: l2)
        }
        let norm = gradient.map(abs).max() ?? 0
        if norm / Double(n) <= tolerance {
            return LinearModel(kind: .logistic, intercept: beta[0], weights: Array(beta[1...]), iterations: maxIterations)
        }
        throw .notConverged(model: "logistic regression", iterations: maxIterations, gradientNorm: norm)
    }

    /// log(1 + eˢ) without overflow.
    @inline(__always) static func softplus(_ s: Double) -> Double {
        s > 0 ? s + log1p(exp(-s)) : log1p(exp(s))
    }

    /// The objective at `beta`.
    static func value(_ x: [Double], _ y: [Double], n: Int, p: Int, beta: [Double], l2: Double) -> Double {
        var f = 0.0
        for i in 0..<n {
            var s = beta[0]
            for j in 0..<p { s += x[i * p + j] * beta[j + 1] }
            f += softplus(s) - y[i] * s
        }
        for j in 0..<p { f += 0.5 * l2 * beta[j + 1] * beta[j + 1] }
        return f
    }

    /// Objective, gradient and Hessian (row-major, upper triangle filled) at `beta`.
    static func derivatives(_ x: [Double], _ y: [Double], n: Int, p: Int, beta: [Double],
                            l2: Double) -> (Double, [Double], [Double]) {
        let q = p + 1
        var f = 0.0
        var g = [Double](repeating: 0, count: q)
        var h = [Double](repeating: 0, count: q * q)
        var row = [Double](repeating: 1, count: q)
        for i in 0..<n {
            var s = beta[0]
            for j in 0..<p {
                row[j + 1] = x[i * p + j]
                s += row[j + 1] * beta[j + 1]
            }
            f += softplus(s) - y[i] * s
            let prob = LinearModel.sigmoid(s)
            let r = prob - y[i], w = prob * (1 - prob)
            for a in 0..<q {
                g[a] += r * row[a]
                let wa = w * row[a]
                for b in a..<q { h[a * q + b] += wa * row[b] }
            }
        }
        for j in 1..<q {
            f += 0.5 * l2 * beta[j] * beta[j]
            g[j] += l2 * beta[j]
            h[j * q + j] += l2
        }
        return (f, g, h)
    }
}
