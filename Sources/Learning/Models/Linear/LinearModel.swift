import Foundation

/// A fitted linear model: `score = intercept + Σ weights[j]·x[j]` on raw (unscaled) features.
/// Logistic models predict `1 / (1 + e^(−score))`, the probability of class 1; ridge models
/// predict the score itself.
public struct LinearModel: Sendable, Equatable, Codable {
    public let kind: ModelKind
    public let intercept: Double
    public let weights: [Double]
    /// Newton iterations used (0 for ridge, solved in one step).
    public let iterations: Int

    /// Predictions for `rows` row-major rows of `weights.count` features.
    public func predict(rowMajor x: [Double], rows: Int) -> [Double] {
        let p = weights.count
        precondition(x.count == rows * p, "feature block is not rows × features")
        var out = [Double](repeating: 0, count: rows)
        x.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                for i in 0..<rows {
                    var s = intercept
                    for j in 0..<p { s += x[i * p + j] * w[j] }
                    out[i] = kind == .logistic ? Self.sigmoid(s) : s
                }
            }
        }
        return out
    }

    /// The logistic function, computed without overflow for large |s|.
    @inline(__always) static func sigmoid(_ s: Double) -> Double {
        s >= 0 ? 1 / (1 + exp(-s)) : exp(s) / (1 + exp(s))
    }

    /// The model as JSON bytes (Doubles in shortest round-trip form, so loading is exact).
    func serialized() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a struct of finite Doubles, Ints and a String enum cannot fail.
        return Array(try! encoder.encode(self))
    }

    /// Reads bytes written by `serialized()`.
    static func load(_ bytes: [UInt8], kind: ModelKind) throws(LearningError) -> LinearModel {
        let model: LinearModel
        do { model = try JSONDecoder().decode(LinearModel.self, from: Data(bytes)) } catch {
            throw .corruptModel(kind: kind.rawValue, reason: "\(error)")
        }
        guard model.kind == kind, model.intercept.isFinite, model.weights.allSatisfy(\.isFinite) else {
            throw .corruptModel(kind: kind.rawValue, reason: "the bytes hold a \(model.kind.rawValue) model or non-finite coefficients")
        }
        return model
    }
}
