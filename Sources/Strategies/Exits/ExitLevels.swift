import MarketData

/// Exit levels written as expressions of the strategy language (a spec's
/// `"take_profit": "3 * atr(high, low, close, 14) / close"`), for one parameter column.
///
/// Semantics (both engines): an expression gives what the number setting of the same exit
/// gives, a fraction of the entry's fill price (`stop_loss`, `take_profit`, `trailing_stop`; see
/// `ExitRules`). Its value at the close of the signal bar i, computed from bars ≤ i, is the level
/// of the entry decided there, and stays that entry's level while the position is open (as a
/// bracket placed with the entry: backtrader's `buy_bracket`, Pine's `strategy.exit` with a level
/// captured at entry). A value that is not a positive finite number (a warm-up NaN, zero, a
/// negative value), or a stop or trailing fraction of 1 or more, means no such exit for that
/// entry. A strategy's own level of the same exit takes precedence (as over the numbers).
///
/// The program may hold other expressions besides the levels (a rule strategy's rules, compiled
/// with them so that a subexpression both read is one node); the levels are the expressions
/// named as in `names`, and only what they read is evaluated here.
///
/// Event path: `ProtectiveExits` evaluates the expressions bar by bar (`RuleFeed`) and puts the
/// current values in each entry's bracket. Vectorized path: `Modified` computes them as columns
/// over a cache shared by a sweep's columns and its kernel returns them from `exitLevels(at:)`;
/// a strategy that runs the same program (`VectorizedStrategy.computing(_:)`, a rule strategy)
/// computes them in its own pass instead, sharing every node with its rules.
public struct ExitLevels: Sendable, Hashable {
    /// The exits an expression may give, as the spec names them.
    public static let names = ["stop_loss", "take_profit", "trailing_stop"]

    /// The expressions, named as in `names`, of type number.
    public let program: RuleProgram
    /// Parameter values in `program.parameters` order.
    public let parameterValues: [Double]
    /// Imported series in `program.columns` order.
    public let imported: [ImportedSeries]
    /// Expression index of each exit in use (nil: not given, or given by the strategy itself).
    var stopLoss: Int?
    var takeProfit: Int?
    var trailing: Int?

    /// The levels of one parameter column. Throws if a value is outside what an indicator or
    /// window accepts, if no expression (or one of type bool) is named as in `names`, or if
    /// `imported` does not match.
    public init(program: RuleProgram, parameters: [Double], imported: [ImportedSeries] = []) throws(StrategyError) {
        func fail(_ m: String) -> StrategyError { .constraint(strategy: "exits", message: m) }
        guard parameters.count == program.parameters.count else {
            throw fail("expected \(program.parameters.count) parameter values, got \(parameters.count)")
        }
        guard imported.map(\.name) == program.columns else {
            throw fail("imported columns \(imported.map(\.name)) do not match the program's \(program.columns)")
        }
        let levels = program.expressions.filter { Self.names.contains($0.name) }
        guard !levels.isEmpty else {
            throw fail("the program has no exit level expression (\(Self.names.joined(separator: ", ")))")
        }
        for e in levels where e.type != .number {
            throw fail("\(e.name) must be a number expression to give an exit level")
        }
        for (p, v) in zip(program.parameters, parameters) where !v.isFinite || (p.isInteger && v.rounded() != v) {
            throw .invalidValue(strategy: "exits", name: p.name, expected: p.isInteger ? "an integer" : "a finite number", found: "\(v)")
        }
        self.program = program
        self.parameterValues = parameters
        self.imported = imported
        stopLoss = program.expressionIndex("stop_loss")
        takeProfit = program.expressionIndex("take_profit")
        trailing = program.expressionIndex("trailing_stop")
        // Builds the event state once to check every parameter value against its indicator.
        _ = try RuleStream(program: program, roots: Self.roots(of: program), parameters: parameters)
    }

    /// The root nodes of the level expressions of `program`, in expression order.
    static func roots(of program: RuleProgram) -> [Int] {
        program.expressions.indices.filter { Self.names.contains(program.expressions[$0].name) }.map { program.roots[$0] }
    }

    /// These levels without the exits `own` already sets (a strategy's own levels win); nil when
    /// none is left.
    public func leaving(_ own: ExitRules) -> ExitLevels? {
        var l = self
        if own.stopLoss != nil { l.stopLoss = nil }
        if own.takeProfit != nil { l.takeProfit = nil }
        if own.trailing != nil { l.trailing = nil }
        return l.stopLoss == nil && l.takeProfit == nil && l.trailing == nil ? nil : l
    }

    public static func == (a: ExitLevels, b: ExitLevels) -> Bool {
        a.program == b.program && a.parameterValues.map(\.bitPattern) == b.parameterValues.map(\.bitPattern)
            && a.imported == b.imported && a.stopLoss == b.stopLoss && a.takeProfit == b.takeProfit && a.trailing == b.trailing
    }

    public func hash(into h: inout Hasher) {
        h.combine(program.expressions)
        h.combine(parameterValues.map(\.bitPattern))
        h.combine(stopLoss)
        h.combine(takeProfit)
        h.combine(trailing)
    }

    /// The levels of an entry decided at the latest bar `feed` has seen.
    func current(_ feed: RuleFeed) -> EntryExitLevels {
        EntryExitLevels(stopLoss: stopLoss.map { feed.stream.value(ofExpression: $0) },
                        takeProfit: takeProfit.map { feed.stream.value(ofExpression: $0) },
                        trailing: trailing.map { feed.stream.value(ofExpression: $0) })
    }

    /// A fresh event-path evaluator of the expressions.
    func feed() -> RuleFeed {
        // `init` built this stream once with the same values, so it cannot fail here.
        guard let stream = try? RuleStream(program: program, roots: Self.roots(of: program), parameters: parameterValues) else {
            preconditionFailure("exit level stream failed after its parameters were validated")
        }
        return RuleFeed(stream: stream, imported: imported)
    }

    // MARK: vectorized path

    /// Computes every node the columns share once (per distinct value of the parameters it
    /// reads); nil when no column has levels. Precondition: the columns share one program.
    /// Every column is passed on, repeats included: columns often differ only in parameters the
    /// levels do not read, and then the levels are computed once for all of them.
    public static func makeCache(_ bars: BarSeries, for columns: [ExitLevels]) throws(StrategyError) -> ExitLevelCache? {
        guard let first = columns.first else { return nil }
        let evaluator = try RuleColumns(program: first.program, bars: bars, imported: first.imported.map { $0.aligned(to: bars.ts) },
                                        columns: columns.map(\.parameterValues), roots: roots(of: first.program))
        return ExitLevelCache(evaluator: evaluator)
    }

    /// This column's levels at every bar, computed now from the shared nodes and its own.
    /// Precondition: this column was among those `makeCache` saw.
    public func columns(_ cache: ExitLevelCache) -> ExitColumns {
        let evaluator = cache.evaluator
        var out = emptyColumns(evaluator.count)
        do {
            try evaluator.run(parameterValues, evaluator.makeScratch()) { range, read in copy(range, read, into: &out) }
        } catch {
            // `init` built every indicator of this column with these values, which runs the same
            // checks as the vectorized forms; reaching here is a bug, not bad input.
            preconditionFailure("exit level evaluation failed after its parameters were validated: \(error)")
        }
        return out
    }

    /// NaN columns of `count` bars for the exits in use, for `copy` to fill.
    func emptyColumns(_ count: Int) -> ExitColumns {
        func column(_ index: Int?) -> [Double]? { index.map { _ in [Double](repeating: .nan, count: count) } }
        return ExitColumns(stopLoss: column(stopLoss), takeProfit: column(takeProfit), trailing: column(trailing))
    }

    /// Copies the levels over `range` from `read`, a vectorized evaluator's reader of this
    /// program's nodes (any evaluator running the level roots).
    func copy(_ range: Range<Int>, _ read: (Int) -> RuleValue, into out: inout ExitColumns) {
        let roots = program.roots
        func copy(_ index: Int?, _ column: inout [Double]?) {
            guard let index, column != nil else { return }
            let value = read(roots[index])
            for i in range { column![i] = value[i] }
        }
        copy(stopLoss, &out.stopLoss)
        copy(takeProfit, &out.takeProfit)
        copy(trailing, &out.trailing)
    }
}

/// What a sweep's exit level columns share: the evaluator holding every shared node.
public final class ExitLevelCache: @unchecked Sendable {
    let evaluator: RuleColumns
    init(evaluator: RuleColumns) { self.evaluator = evaluator }
}
