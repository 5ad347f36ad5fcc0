import CXGBoost
import Foundation

/// A trained XGBoost booster; freed when released.
///
/// Sendable because XGBoost's prediction is thread-safe since 1.4 and the booster is never
/// updated after `train` or `load` returns.
public final class XGBoostModel: @unchecked Sendable {
    let handle: BoosterHandle

    private init(handle: BoosterHandle) { self.handle = handle }

    deinit { XGBoosterFree(handle) }

    private static func create(_ matrices: [DMatrixHandle?]) throws(LearningError) -> BoosterHandle {
        var out: BoosterHandle?
        let status = matrices.withUnsafeBufferPointer { XGBoosterCreate($0.baseAddress, bst_ulong($0.count), &out) }
        try xgbCheck(status, "XGBoosterCreate")
        guard let out else { throw .xgboost(function: "XGBoosterCreate", message: "no booster returned") }
        return out
    }

    /// Trains `parameters.rounds` rounds on `matrix` (which carries the labels). A parameter
    /// XGBoost reports as not used (with `validate_parameters`, on by default) is an error.
    static func train(_ matrix: XGBoostMatrix, parameters: XGBoostParameters) throws(LearningError) -> XGBoostModel {
        let (model, messages) = try XGBoostLog.capture { () throws(LearningError) -> XGBoostModel in
            let model = XGBoostModel(handle: try create([matrix.handle]))
            for (name, value) in parameters.booster {
                try xgbCheck(XGBoosterSetParam(model.handle, name, value), "XGBoosterSetParam(\(name)=\(value))")
            }
            for round in 0..<parameters.rounds {
                try xgbCheck(XGBoosterUpdateOneIter(model.handle, Int32(round), matrix.handle), "XGBoosterUpdateOneIter")
            }
            return model
        }
        if let unused = XGBoostLog.unusedParameters(messages).first {
            throw .invalidArgument(name: "model.params.\(unused)", expected: "a parameter XGBoost uses (XGBoost reports it as not used: a misspelt name?)",
                                   got: "\"\(unused)\"")
        }
        for message in messages where !message.contains("are not used") {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        return model
    }

    /// Restores a model from `serialized()` bytes.
    static func load(_ bytes: [UInt8]) throws(LearningError) -> XGBoostModel {
        guard !bytes.isEmpty else { throw .corruptModel(kind: "xgboost", reason: "no bytes") }
        let model = XGBoostModel(handle: try create([]))
        let status = bytes.withUnsafeBytes { XGBoosterLoadModelFromBuffer(model.handle, $0.baseAddress, bst_ulong($0.count)) }
        do { try xgbCheck(status, "XGBoosterLoadModelFromBuffer") } catch {
            throw .corruptModel(kind: "xgboost", reason: "\(error)")
        }
        return model
    }

    /// Predictions for every row of `matrix`: probabilities of class 1 for `binary:logistic`,
    /// values for regression objectives.
    func predict(_ matrix: XGBoostMatrix) throws(LearningError) -> [Double] {
        let config = #"{"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false}"#
        var shape: UnsafePointer<bst_ulong>?
        var dim: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try xgbCheck(XGBoosterPredictFromDMatrix(handle, matrix.handle, config, &shape, &dim, &result), "XGBoosterPredictFromDMatrix")
        guard let shape, let result, dim >= 1 else { return [] }
        var count = 1
        for k in 0..<Int(dim) { count *= Int(shape[k]) }
        return (0..<count).map { Double(result[$0]) }
    }

    /// The model in XGBoost's JSON format (`XGBoosterSaveModelToBuffer`).
    func serialized() throws(LearningError) -> [UInt8] {
        var length: bst_ulong = 0
        var pointer: UnsafePointer<CChar>?
        try xgbCheck(XGBoosterSaveModelToBuffer(handle, #"{"format": "json"}"#, &length, &pointer), "XGBoosterSaveModelToBuffer")
        guard let pointer else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: Int(length)))
    }

    /// Per-feature importance (`XGBoosterFeatureScore`) of the given type (`gain`, the mean gain
    /// of the feature's splits; `total_gain`; `weight`, the split count), in `names` order; a
    /// feature no tree splits on scores 0.
    func featureScores(_ type: String, names: [String]) throws(LearningError) -> [Double] {
        let namesJSON = String(decoding: try! JSONEncoder().encode(names), as: UTF8.self)
        let config = #"{"importance_type": "\#(type)", "feature_names": \#(namesJSON)}"#
        var count: bst_ulong = 0
        var features: UnsafeMutablePointer<UnsafePointer<CChar>?>?
        var dim: bst_ulong = 0
        var shape: UnsafePointer<bst_ulong>?
        var scores: UnsafePointer<Float>?
        try xgbCheck(XGBoosterFeatureScore(handle, config, &count, &features, &dim, &shape, &scores), "XGBoosterFeatureScore")
        var byName: [String: Double] = [:]
        if let features, let scores {
            for k in 0..<Int(count) {
                if let name = features[k] { byName[String(cString: name)] = Double(scores[k]) }
            }
        }
        return names.map { byName[$0] ?? 0 }
    }
}
