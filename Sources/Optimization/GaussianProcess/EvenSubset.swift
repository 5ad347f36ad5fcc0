/// An even stride through training rows, so a fit's cost stays bounded as trials accumulate.
///
/// Semantics: rows are taken in the order given (the callers pass them sorted by features, so
/// the subset depends on the set of observations, not on the order they arrived in); the first
/// and last rows are always kept.
enum EvenSubset {
    /// At most `limit` of the rows of `x` (row-major, `y.count` rows of `dimension`) and `y`.
    static func rows(x: [Double], y: [Double], dimension d: Int, limit: Int) -> (x: [Double], y: [Double]) {
        guard y.count > limit, limit >= 2 else { return (x, y) }
        var xs: [Double] = [], ys: [Double] = []
        xs.reserveCapacity(limit * d)
        ys.reserveCapacity(limit)
        for k in 0..<limit {
            let i = k * (y.count - 1) / (limit - 1)
            xs += x[i * d..<(i + 1) * d]
            ys.append(y[i])
        }
        return (xs, ys)
    }
}
