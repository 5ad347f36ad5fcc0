/// How a value axis maps data to position.
public enum ScaleKind: Sendable, Equatable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10); only positive values can be drawn.
    case log
}
