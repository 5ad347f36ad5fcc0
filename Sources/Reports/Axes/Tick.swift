/// One axis tick: its position in data units, its label, and an optional second line of
/// context (the year under a month, the date under an hour) shown only where it changes.
public struct Tick: Sendable, Equatable {
    public var value: Double
    public var label: String
    public var context: String?

    public init(value: Double, label: String, context: String? = nil) {
        self.value = value
        self.label = label
        self.context = context
    }
}
