/// A vertical line at an x value (the actual result among simulated ones, a threshold), labelled.
public struct MarkerLine: Sendable, Equatable {
    public var value: Double
    public var label: String

    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}
