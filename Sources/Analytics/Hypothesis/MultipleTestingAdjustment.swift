/// Family-wise and false-discovery-rate adjustments of m p-values (statsmodels' multipletests).
///
/// Semantics: with p sorted ascending p₍₁₎ ≤ … ≤ p₍ₘ₎,
/// Holm: adj₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1) p₍ⱼ₎);
/// Benjamini–Hochberg: adj₍ᵢ₎ = min_{j≥i} min(1, m p₍ⱼ₎ / j).
/// A hypothesis is rejected when adj ≤ α. Results are in the input order.
public enum MultipleTestingAdjustment: String, Sendable, CaseIterable {
    case holm
    case benjaminiHochberg = "fdr_bh"

    /// Adjusted p-values and rejections at level `alpha`.
    public func adjust(_ pValues: [Double], alpha: Double = 0.05) throws(AnalyticsError) -> (adjusted: [Double], reject: [Bool]) {
        try AnalyticsError.checkFinite(pValues, series: "p-values")
        guard pValues.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw .invalidArgument(name: "p-values", expected: "values in [0, 1]", got: "\(pValues)")
        }
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] || (pValues[$0] == pValues[$1] && $0 < $1) }
        var sortedAdjusted = [Double](repeating: 0, count: m)
        switch self {
        case .holm:
            var running = 0.0
            for (i, idx) in order.enumerated() {
                running = max(running, min(1, Double(m - i) * pValues[idx]))
                sortedAdjusted[i] = running
            }
        case .benjaminiHochberg:
            var running = 1.0
            for i in stride(from: m - 1, through: 0, by: -1) {
                running = min(running, min(1, Double(m) * pValues[order[i]] / Double(i + 1)))
                sortedAdjusted[i] = running
            }
        }
        var adjusted = [Double](repeating: 0, count: m)
        for (i, idx) in order.enumerated() { adjusted[idx] = sortedAdjusted[i] }
        return (adjusted, adjusted.map { $0 <= alpha })
    }
}
