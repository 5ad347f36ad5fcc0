/// One walk-forward fold: the in-sample (train) and out-of-sample (test) windows, in epoch ms,
/// each half-open [start, end).
public struct WalkForwardFold: Sendable, Equatable {
    public var trainStart: Int64
    public var trainEnd: Int64
    public var testStart: Int64
    public var testEnd: Int64

    public init(trainStart: Int64, trainEnd: Int64, testStart: Int64, testEnd: Int64) {
        self.trainStart = trainStart
        self.trainEnd = trainEnd
        self.testStart = testStart
        self.testEnd = testEnd
    }
}
