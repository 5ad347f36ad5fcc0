/// One train/test division of bar indices (ascending). `purged` training candidates were
/// dropped because their label interval overlaps a test label's; `embargoed` ones because they
/// start within the embargo after the test fold.
public struct Split: Sendable, Equatable {
    public let train: [Int]
    public let test: [Int]
    public let purged: Int
    public let embargoed: Int

    public init(train: [Int], test: [Int], purged: Int = 0, embargoed: Int = 0) {
        self.train = train
        self.test = test
        self.purged = purged
        self.embargoed = embargoed
    }
}
