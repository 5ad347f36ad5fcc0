import MarketData

/// Numeric (or bool) expressions as series, for any consumer of the language (exit levels such
/// as `"take_profit": "3 * atr(high, low, close, 14) / close"`, sizing inputs, reports).
extension RuleProgram {
    /// Vectorized: the value of expression `expression` at every bar of `bars` for one
    /// parameter column (bools as 0 and 1). Imported series are joined by timestamp.
    public func column(_ expression: Int, bars: BarSeries, parameters: [Double],
                       imported: [ImportedSeries] = []) throws(StrategyError) -> [Double] {
        try columns([expression], bars: bars, parameters: parameters, imported: imported)[0]
    }

    /// Vectorized: the values of `expressions` at every bar of `bars` for one parameter column,
    /// in one pass over the program, so a subexpression they share (`close / prev(close, 1) - 1`
    /// under several windows) is computed once. Imported series are joined by timestamp.
    public func columns(_ expressions: [Int], bars: BarSeries, parameters: [Double],
                        imported: [ImportedSeries] = []) throws(StrategyError) -> [[Double]] {
        let n = bars.count
        var out = [[Double]](repeating: [], count: expressions.count)
        try evaluate(expressions, bars: bars, parameters: parameters, imported: imported) { k, value in
            out[k] = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
                value.copy(into: buffer.baseAddress!, count: n)
                initialized = n
            }
        }
        return out
    }

    /// `columns` laid end to end (`result[k * bars.count + i]` is expression k at bar i), written
    /// in place: the column-major layout of a feature matrix.
    public func columnMajor(_ expressions: [Int], bars: BarSeries, parameters: [Double],
                            imported: [ImportedSeries] = []) throws(StrategyError) -> [Double] {
        let n = bars.count
        let (total, overflow) = expressions.count.multipliedReportingOverflow(by: n)
        guard !overflow else { throw .constraint(strategy: "rules", message: "\(expressions.count) columns of \(n) bars do not fit in memory") }
        var error: StrategyError?
        let out = [Double](unsafeUninitializedCapacity: total) { buffer, initialized in
            do throws(StrategyError) {
                try evaluate(expressions, bars: bars, parameters: parameters, imported: imported) { k, value in
                    value.copy(into: buffer.baseAddress! + k * n, count: n)
                }
                initialized = total
            } catch let failure {
                error = failure
                initialized = 0
            }
        }
        if let error { throw error }
        return out
    }

    private func evaluate(_ expressions: [Int], bars: BarSeries, parameters: [Double], imported: [ImportedSeries],
                          _ deliver: (Int, RuleValue) -> Void) throws(StrategyError) {
        try check(parameters, imported)
        let roots = expressions.map { self.roots[$0] }
        let evaluator = try RuleColumns(program: self, bars: bars, imported: imported.map { $0.aligned(to: bars.ts) },
                                        columns: [parameters], roots: roots)
        try evaluator.evaluateOnce(parameters, roots: roots, deliver)
    }

    /// Streaming: an evaluator of `expressions` updated once per bar; read each with
    /// `RuleStream.value(ofExpression:)`. One stream per run (its indicator state is shared by copies).
    public func stream(_ expressions: [Int], parameters: [Double]) throws(StrategyError) -> RuleStream {
        try check(parameters, nil)
        return try RuleStream(program: self, roots: expressions.map { roots[$0] }, parameters: parameters)
    }

    private func check(_ parameters: [Double], _ imported: [ImportedSeries]?) throws(StrategyError) {
        guard parameters.count == self.parameters.count else {
            throw .constraint(strategy: "rules", message: "expected \(self.parameters.count) parameter values, got \(parameters.count)")
        }
        if let imported, imported.map(\.name) != columns {
            throw .constraint(strategy: "rules", message: "imported columns \(imported.map(\.name)) do not match the program's \(columns)")
        }
    }
}
