/// Ridge regression, scikit-learn's `Ridge(alpha = l2)`: minimizes
/// `‖y − b − X·w‖² + l2·‖w‖²` with the intercept `b` unpenalized. Features and targets are
/// centred, `(XcᵀXc + l2·I)·w = Xcᵀyc` is solved by Cholesky, then `b = ȳ − x̄·w`.
public enum RidgeRegression {
    /// Fits on `rows` row-major rows of `features` columns.
    public static func fit(rowMajor x: [Double], rows n: Int, features p: Int, targets y: [Double],
                           l2: Double) throws(LearningError) -> LinearModel {
        precondition(x.count == n * p && y.count == n, "ridge: shapes")
        guard n >= 1 else { throw .tooFewRows(what: "ridge regression", needed: 1, got: n) }
        guard l2.isFinite, l2 >= 0 else {
            throw .invalidArgument(name: "model.params.l2", expected: "a finite number ≥ 0", got: "\(l2)")
        }
        var means = [Double](repeating: 0, count: p)
        var yMean = 0.0
        for i in 0..<n {
            for j in 0..<p { means[j] += x[i * p + j] }
            yMean += y[i]
        }
        for j in 0..<p { means[j] /= Double(n) }
        yMean /= Double(n)
        var gram = [Double](repeating: 0, count: p * p)
        var rhs = [Double](repeating: 0, count: p)
        var row = [Double](repeating: 0, count: p)
        for i in 0..<n {
            for j in 0..<p { row[j] = x[i * p + j] - means[j] }
            let yc = y[i] - yMean
            for j in 0..<p {
                rhs[j] += row[j] * yc
                for k in j..<p { gram[j * p + k] += row[j] * row[k] }
            }
        }
        for j in 0..<p { gram[j * p + j] += l2 }
        if p > 0 { try choleskySolve(&gram, &rhs, n: p) }
        var intercept = yMean
        for j in 0..<p { intercept -= means[j] * rhs[j] }
        return LinearModel(kind: .ridge, intercept: intercept, weights: rhs, iterations: 0)
    }
}
