/// The windows of walk-forward retraining over `rowCount` bars (see `RetrainSpec`).
///
/// Semantics: test windows are `[s, min(s + test, rowCount))` for `s = train, train + test, …`
/// while `s < rowCount`; window `s` trains on the usable samples `i` in `[s − train, s)` (in
/// `[0, s)` when anchored) whose label ends before the window, `end[i] < s`, so no training
/// label reads a bar the model later predicts; it predicts every bar of its test window.
public struct WalkForwardWindow: Sendable, Equatable {
    public let trainStart: Int
    public let testStart: Int
    public let testEnd: Int
}

public enum WalkForwardSchedule {
    public static func windows(rowCount: Int, _ spec: RetrainSpec) throws(LearningError) -> [WalkForwardWindow] {
        try spec.validate()
        guard rowCount > spec.train else {
            throw .invalidArgument(name: "retrain.train", expected: "fewer bars than the \(rowCount) in the data, leaving room to test", got: "\(spec.train)")
        }
        let count = (rowCount - spec.train + spec.test - 1) / spec.test
        guard count <= RetrainSpec.maxWindows else {
            throw .invalidArgument(name: "retrain.test", expected: "a window giving at most \(RetrainSpec.maxWindows) refits", got: "\(spec.test) bars (\(count) refits)")
        }
        return (0..<count).map { k in
            let s = spec.train + k * spec.test
            return WalkForwardWindow(trainStart: spec.anchored ? 0 : s - spec.train, testStart: s, testEnd: min(s + spec.test, rowCount))
        }
    }

    /// The split of `window` among the usable samples (ascending): training samples in its
    /// train range whose label ends before the test window (the others are counted as
    /// purged), and the samples inside the test window, on which it is scored.
    public static func split(_ window: WalkForwardWindow, samples: [Int], end: [Int]) -> Split {
        var train: [Int] = [], test: [Int] = []
        var purged = 0
        for i in samples where i >= window.trainStart && i < window.testEnd {
            if i >= window.testStart { test.append(i) }
            else if end[i] < window.testStart { train.append(i) }
            else { purged += 1 }
        }
        return Split(train: train, test: test, purged: purged)
    }
}
