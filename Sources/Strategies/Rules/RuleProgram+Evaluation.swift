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
        try check(parameters, imported)
        let roots = expressions.map { self.roots[$0] }
        let evaluator = try RuleColumns(program: self, bars: bars, imported: imported.map { $0.aligned(to: bars.ts) },
                                        columns: [parameters], roots: roots)
        var out = roots.map { _ in [Double](repeating: .nan, count: bars.count) }
        try evaluator.run(parameters, evaluator.makeScratch()) { range, read in
            for (k, root) in roots.enumerated() {
                let value = read(root)
                out[k].withUnsafeMutableBufferPointer { o in for i in range { o[i] = value[i] } }
            }
        }
        return out
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
