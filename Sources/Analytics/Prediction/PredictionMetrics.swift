import Foundation

/// Scores of predictions against outcomes: the classification metrics of scikit-learn
/// (`roc_auc_score`, `log_loss`, `brier_score_loss`, `accuracy_score`, `calibration_curve`) and the Spearman rank
/// correlation (`scipy.stats.spearmanr`) used as the information coefficient of a regression.
///
/// Inputs are paired arrays of equal, non-zero length with finite values; classification
/// outcomes are 0 or 1 and predictions are probabilities of 1. A score that is undefined for
/// the data (AUC with one class present, a rank correlation of a constant series) is nil.
public enum PredictionMetrics {
    /// Area under the ROC curve: the probability that a random positive is scored above a
    /// random negative, ties counting one half (Mann–Whitney U / (n₁·n₀), average ranks).
    public static func auc(outcomes y: [Double], probabilities p: [Double]) throws(AnalyticsError) -> Double? {
        try checkClassification(y, p, what: "AUC")
        let positives = y.reduce(0, +)
        let n1 = positives, n0 = Double(y.count) - positives
        guard n1 > 0, n0 > 0 else { return nil }
        let ranks = Moments.averageRanks(p)
        var rankSum = 0.0
        for i in y.indices where y[i] == 1 { rankSum += ranks[i] }
        return (rankSum - n1 * (n1 + 1) / 2) / (n1 * n0)
    }

    /// Mean negative log-likelihood, `−mean(y·log p + (1−y)·log(1−p))`, with `p` clipped to
    /// `[ε, 1−ε]`, ε = 2.22e-16 (scikit-learn's `eps="auto"` for float64).
    public static func logLoss(outcomes y: [Double], probabilities p: [Double]) throws(AnalyticsError) -> Double {
        try checkClassification(y, p, what: "log loss")
        let eps = Double.ulpOfOne
        var total = 0.0
        for i in y.indices {
            let q = min(max(p[i], eps), 1 - eps)
            total -= y[i] == 1 ? log(q) : log(1 - q)
        }
        return total / Double(y.count)
    }

    /// Mean squared difference between probability and outcome.
    public static func brierScore(outcomes y: [Double], probabilities p: [Double]) throws(AnalyticsError) -> Double {
        try checkClassification(y, p, what: "Brier score")
        var total = 0.0
        for i in y.indices { total += (p[i] - y[i]) * (p[i] - y[i]) }
        return total / Double(y.count)
    }

    /// Share of outcomes matched by the class `p > 0.5` (scikit-learn's `predict` rule).
    public static func accuracy(outcomes y: [Double], probabilities p: [Double]) throws(AnalyticsError) -> Double {
        try checkClassification(y, p, what: "accuracy")
        var hits = 0
        for i in y.indices where (p[i] > 0.5) == (y[i] == 1) { hits += 1 }
        return Double(hits) / Double(y.count)
    }

    /// Spearman's rank correlation: Pearson's correlation of the average ranks.
    public static func spearman(_ x: [Double], _ y: [Double]) throws(AnalyticsError) -> Double? {
        try checkPaired(x, y, what: "Spearman correlation", minimum: 2)
        let rx = Moments.averageRanks(x), ry = Moments.averageRanks(y)
        let mx = Moments.mean(rx), my = Moments.mean(ry)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in rx.indices {
            let dx = rx[i] - mx, dy = ry[i] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    private static func checkPaired(_ x: [Double], _ y: [Double], what: String, minimum: Int) throws(AnalyticsError) {
        guard x.count == y.count else { throw .lengthMismatch(what: what, lengths: [x.count, y.count]) }
        try AnalyticsError.checkCount(x.count, atLeast: minimum, for: what)
        try AnalyticsError.checkFinite(x, series: "\(what) first series")
        try AnalyticsError.checkFinite(y, series: "\(what) second series")
    }

    private static func checkClassification(_ y: [Double], _ p: [Double], what: String) throws(AnalyticsError) {
        guard y.count == p.count else { throw .lengthMismatch(what: what, lengths: [y.count, p.count]) }
        try AnalyticsError.checkCount(y.count, atLeast: 1, for: what)
        if let i = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw .invalidArgument(name: "\(what) outcomes[\(i)]", expected: "0 or 1", got: "\(y[i])")
        }
        if let i = p.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw .invalidArgument(name: "\(what) probabilities[\(i)]", expected: "a probability in [0, 1]", got: "\(p[i])")
        }
    }
}

extension PredictionMetrics {
    /// One bin of a reliability diagram.
    public struct CalibrationBin: Sendable, Equatable, Codable {
        /// Share of outcomes equal to 1 among the bin's predictions.
        public let observed: Double
        /// Mean predicted probability in the bin.
        public let predicted: Double
        public let count: Int

        public init(observed: Double, predicted: Double, count: Int) {
            self.observed = observed
            self.predicted = predicted
            self.count = count
        }
    }

    /// The reliability diagram of scikit-learn's `calibration_curve(y, p, n_bins, strategy=
    /// "uniform")`: `bins` equal-width bins on [0, 1], a probability on an inner edge going to
    /// the lower bin; empty bins are left out.
    public static func calibrationCurve(outcomes y: [Double], probabilities p: [Double], bins: Int) throws(AnalyticsError) -> [CalibrationBin] {
        try checkClassification(y, p, what: "calibration curve")
        guard (1...10_000).contains(bins) else {
            throw .invalidArgument(name: "calibration curve bins", expected: "an integer in 1...10000", got: "\(bins)")
        }
        // numpy.linspace(0, 1, bins + 1)'s inner edges: k · (1 / bins).
        let step = 1 / Double(bins)
        let edges = (1..<bins).map { Double($0) * step }
        var sums = [Double](repeating: 0, count: bins), hits = sums, counts = [Int](repeating: 0, count: bins)
        for i in y.indices {
            // numpy.searchsorted(edges, p): how many edges lie strictly below p.
            var lo = 0, hi = edges.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if edges[mid] < p[i] { lo = mid + 1 } else { hi = mid }
            }
            sums[lo] += p[i]; hits[lo] += y[i]; counts[lo] += 1
        }
        return (0..<bins).compactMap { b in
            counts[b] == 0 ? nil : CalibrationBin(observed: hits[b] / Double(counts[b]), predicted: sums[b] / Double(counts[b]), count: counts[b])
        }
    }
}
