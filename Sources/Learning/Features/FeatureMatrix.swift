import MarketData

/// Named Double feature columns aligned with a bar series: column `j`, row `i` is feature `j`
/// as known at the close of bar `i` (timestamp `timestamps[i]`). NaN marks a value that is not
/// available (an indicator's warm-up, a gap in an imported column); rows with any NaN feature
/// are never trained on and get no prediction.
///
/// Storage is column-major in one contiguous array (`values[j * rowCount + i]`), the layout
/// indicators and strategy-language expressions produce. Each column carries a `source`: the
/// expression or import it was computed from, recorded in the model registry so the same
/// features can be rebuilt for prediction.
public struct FeatureMatrix: Sendable, Equatable {
    /// Upper bound on the number of feature columns.
    public static let maxColumns = 10_000

    public private(set) var names: [String]
    public private(set) var sources: [String]
    public let timestamps: [Int64]
    /// Column-major values: `values[column * rowCount + row]`.
    public private(set) var values: [Double]

    /// Number of rows (bars).
    public var rowCount: Int { timestamps.count }
    /// Number of feature columns.
    public var columnCount: Int { names.count }

    /// An empty matrix on `timestamps`; add columns with `append`.
    public init(timestamps: [Int64]) {
        self.timestamps = timestamps
        names = []
        sources = []
        values = []
    }

    /// A matrix on the bars' timestamps with the given `(name, column)` pairs, in order.
    public init(bars: BarSeries, columns: [(name: String, values: [Double])]) throws(LearningError) {
        self.init(timestamps: bars.ts)
        for column in columns { try append(name: column.name, source: column.name, column.values) }
    }

    /// A matrix on `timestamps` whose columns, named and sourced as `columns` lists them, are laid
    /// end to end in `values` (column-major, as stored), checked as `append` checks each one.
    public init(timestamps: [Int64], columns: [(name: String, source: String)], values: [Double]) throws(LearningError) {
        self.init(timestamps: timestamps)
        let (expected, overflow) = columns.count.multipliedReportingOverflow(by: timestamps.count)
        guard !overflow, values.count == expected else {
            throw .invalidArgument(name: "features", expected: "\(columns.count) × \(timestamps.count) values", got: "\(values.count)")
        }
        for (j, column) in columns.enumerated() {
            try checkNew(column.name)
            try Self.checkFinite(column.name, values[(j * rowCount)..<((j + 1) * rowCount)])
            names.append(column.name)
            sources.append(column.source)
        }
        self.values = values
    }

    /// Adds a column. Names are unique, non-empty, without control characters, at most 200
    /// characters; the column has one value per row.
    public mutating func append(name: String, source: String, _ column: [Double]) throws(LearningError) {
        try checkNew(name)
        guard column.count == rowCount else {
            throw .invalidArgument(name: "features.\(name)", expected: "\(rowCount) values (one per bar)", got: "\(column.count)")
        }
        try Self.checkFinite(name, column[...])
        names.append(name)
        sources.append(source)
        values.append(contentsOf: column)
    }

    /// Throws unless `name` may name one more column.
    private func checkNew(_ name: String) throws(LearningError) {
        guard !name.isEmpty, name.count <= 200, !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw .invalidArgument(name: "features", expected: "a non-empty name of at most 200 printable characters", got: "'\(name)'")
        }
        guard !names.contains(name) else {
            throw .invalidArgument(name: "features.\(name)", expected: "a name not used by another feature", got: "a duplicate")
        }
        guard names.count < Self.maxColumns else {
            throw .invalidArgument(name: "features", expected: "at most \(Self.maxColumns) columns", got: "more")
        }
    }

    /// Throws at the first infinite value of column `name`.
    private static func checkFinite(_ name: String, _ column: ArraySlice<Double>) throws(LearningError) {
        // One branch-free pass (vectorizable); the index is looked for only when there is one.
        let anyInfinite = column.withUnsafeBufferPointer { b in
            var found = false
            for v in b { found = found || v.magnitude == .infinity }
            return found
        }
        if anyInfinite, let i = column.firstIndex(where: { $0.isInfinite }) {
            throw .invalidArgument(name: "features.\(name)[\(i - column.startIndex)]", expected: "a finite value or NaN (missing)", got: "\(column[i])")
        }
    }

    /// Column `j`'s values.
    public func column(_ j: Int) -> ArraySlice<Double> {
        values[(j * rowCount)..<((j + 1) * rowCount)]
    }

    /// The rows whose features are all finite: `result[i]` is true when row `i` is complete.
    public func completeRows() -> [Bool] {
        var complete = [Bool](repeating: true, count: rowCount)
        values.withUnsafeBufferPointer { v in
            for j in 0..<columnCount {
                let base = j * rowCount
                for i in 0..<rowCount where v[base + i].isNaN { complete[i] = false }
            }
        }
        return complete
    }

    /// Throws unless every index of `rows` is a row of the matrix whose features are all finite.
    func checkRows(_ rows: [Int]) throws(LearningError) {
        let n = columnCount, m = rowCount
        try values.withUnsafeBufferPointer { v throws(LearningError) in
            for i in rows {
                guard i >= 0, i < m else {
                    throw .invalidArgument(name: "rows", expected: "indices in 0..<\(m)", got: "\(i)")
                }
                for j in 0..<n where v[j * m + i].isNaN {
                    throw .invalidArgument(name: "features.\(names[j])[\(i)]", expected: "a value (rows with NaN features cannot be fitted or predicted)", got: "NaN")
                }
            }
        }
    }

    /// The selected rows as a dense row-major block (`rows.count × columnCount`) of `T` (Float
    /// for XGBoost, Double for the linear models).
    func rowMajor<T: BinaryFloatingPoint>(rows: [Int], as _: T.Type) -> [T] {
        let n = columnCount, m = rowCount
        return [T](unsafeUninitializedCapacity: rows.count * n) { out, initialized in
            values.withUnsafeBufferPointer { v in
                for (r, i) in rows.enumerated() {
                    for j in 0..<n { out[r * n + j] = T(v[j * m + i]) }
                }
            }
            initialized = rows.count * n
        }
    }
}
