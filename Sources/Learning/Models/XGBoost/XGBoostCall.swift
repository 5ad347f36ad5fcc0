import CXGBoost

/// Turns an XGBoost C API status into a typed error carrying `XGBGetLastError()`'s message.
@inline(__always)
func xgbCheck(_ status: Int32, _ function: String) throws(LearningError) {
    guard status == 0 else {
        let message = XGBGetLastError().map { String(cString: $0) } ?? "no message"
        throw .xgboost(function: function, message: message)
    }
}
