/// A node's value over one column: a whole column of doubles, or one scalar for every bar.
@frozen
public struct RuleValue {
    let column: UnsafePointer<Double>?
    let scalar: Double

    init(column: UnsafePointer<Double>) { self.column = column; self.scalar = .nan }
    init(scalar: Double) { self.column = nil; self.scalar = scalar }

    /// The value at bar `i`.
    public subscript(i: Int) -> Double { column.map { $0[i] } ?? scalar }

    /// Writes bars 0..<count into `out` (uninitialized or not).
    func copy(into out: UnsafeMutablePointer<Double>, count: Int) {
        if let column { out.initialize(from: column, count: count) } else { out.initialize(repeating: scalar, count: count) }
    }
}
