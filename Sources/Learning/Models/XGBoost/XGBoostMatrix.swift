import CXGBoost

/// An XGBoost `DMatrix` built from a dense row-major Float block (NaN = missing), optionally
/// with labels; freed when released.
final class XGBoostMatrix {
    let handle: DMatrixHandle

    init(rowMajor values: [Float], rows: Int, columns: Int, labels: [Double]? = nil) throws(LearningError) {
        precondition(values.count == rows * columns, "XGBoostMatrix: shapes")
        var out: DMatrixHandle?
        let status = values.withUnsafeBufferPointer { v in
            XGDMatrixCreateFromMat(v.baseAddress, bst_ulong(rows), bst_ulong(columns), Float.nan, &out)
        }
        try xgbCheck(status, "XGDMatrixCreateFromMat")
        guard let out else { throw .xgboost(function: "XGDMatrixCreateFromMat", message: "no matrix returned") }
        handle = out
        if let labels {
            let floats = labels.map(Float.init)
            let status = floats.withUnsafeBufferPointer { XGDMatrixSetFloatInfo(out, "label", $0.baseAddress, bst_ulong(rows)) }
            try xgbCheck(status, "XGDMatrixSetFloatInfo(label)")
        }
    }

    deinit { XGDMatrixFree(handle) }
}
