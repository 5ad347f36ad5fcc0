import MarketData

/// A strategy written as rules (`strategy.rules` in a spec), run by both engines.
///
/// At the close of bar i the four rules are evaluated from bars ≤ i (and imported rows stamped
/// ≤ the bar's open time) and mapped to signal flags by `RuleSignals.flags`; the engines act
/// on them per their fill rule exactly as on a built-in's flags. Entries spend
/// `rules.fraction` of equity and carry the rules' stop-loss / take-profit bracket.
///
/// Vectorized: `makeCache` evaluates every column of a sweep over one shared cache
/// (`RuleColumns`) and stores each column's flags as bytes; the kernel reads them. Exit level
/// expressions compiled into the same program (`computing(_:)`) are evaluated in that pass
/// too, so a subexpression the rules and the levels share is computed once. Event: a
/// `RuleStream` is built at the first bar of a run and updated once per bar.
public struct RuleStrategy: EventStrategy, VectorizedStrategy {
    public let program: RuleProgram
    /// Parameter values in `program.parameters` order.
    public let parameterValues: [Double]
    public let rules: VectorizedRules
    /// Imported series in `program.columns` order.
    public let imported: [ImportedSeries]
    let roots: [Int?]
    let bracket: BracketExits?
    /// Exit levels this column computes with its rules (vectorized path only: on the event path
    /// `ProtectiveExits` evaluates them).
    var levels: ExitLevels?

    // Event state, created at the first bar of a run (a copy made before then runs afresh).
    var feed: RuleFeed?

    /// The strategy for one parameter column. Throws if a value is outside what an indicator or
    /// window accepts, or if `imported` does not match the program's columns.
    public init(program: RuleProgram, parameters: [Double], rules: VectorizedRules = VectorizedRules(),
                imported: [ImportedSeries] = []) throws(StrategyError) {
        guard parameters.count == program.parameters.count else {
            throw .constraint(strategy: "rules", message: "expected \(program.parameters.count) parameter values, got \(parameters.count)")
        }
        guard imported.map(\.name) == program.columns else {
            throw .constraint(strategy: "rules", message: "imported columns \(imported.map(\.name)) do not match the program's \(program.columns)")
        }
        for (p, v) in zip(program.parameters, parameters) where !v.isFinite || (p.isInteger && v.rounded() != v) {
            throw .invalidValue(strategy: "rules", name: p.name, expected: p.isInteger ? "an integer" : "a finite number", found: "\(v)")
        }
        self.program = program
        self.parameterValues = parameters
        self.rules = rules
        self.imported = imported
        self.roots = RuleSet.names.map { name in program.expressionIndex(name).map { program.roots[$0] } }
        if rules.stopLoss != nil || rules.takeProfit != nil {
            bracket = BracketExits(takeProfit: rules.takeProfit.map { .fraction($0) }, stopLoss: rules.stopLoss.map { .fraction($0) })
        } else {
            bracket = nil
        }
        // Builds the event state once to check every parameter value against its indicator.
        _ = try RuleStream(program: program, roots: roots.compactMap { $0 }, parameters: parameters)
    }

    /// The strategy for a parameter set holding every program parameter by name.
    public init(program: RuleProgram, parameters set: ParameterSet, rules: VectorizedRules = VectorizedRules(),
                imported: [ImportedSeries] = []) throws(StrategyError) {
        var values: [Double] = []
        for p in program.parameters {
            guard set.value(p.name) != nil else {
                throw .unknownParameter(strategy: set.strategy, name: p.name, known: set.specs.map(\.name))
            }
            values.append(set.double(p.name))
        }
        try self.init(program: program, parameters: values, rules: rules, imported: imported)
    }

    /// The flags of one bar from the four rule values (absent rules are false).
    static func flags(_ value: (Int) -> Double, _ roots: [Int?]) -> SignalFlags {
        func truth(_ k: Int) -> Bool { roots[k].map { value($0) != 0 } ?? false }
        return RuleSignals.flags(longEntry: truth(0), longExit: truth(1), shortEntry: truth(2), shortExit: truth(3))
    }

    // MARK: event path

    public mutating func onBar(_ context: inout StrategyContext) {
        if feed == nil {
            // `init` built this stream once with the same values, so it cannot fail here.
            guard let stream = try? RuleStream(program: program, roots: roots.compactMap { $0 }, parameters: parameterValues) else {
                preconditionFailure("rule stream failed after its parameters were validated")
            }
            feed = RuleFeed(stream: stream, imported: imported)
        }
        feed!.update(context.bars)
        let signal = Self.flags({ feed!.stream.value($0) }, roots)
        guard !signal.isEmpty else { return }
        SignalOrders.submit(signal, fraction: rules.fraction, bracket: bracket, symbol: context.symbol, &context)
    }

    // MARK: vectorized path

    /// This column with `levels` computed alongside its rules, when they are expressions of this
    /// very program with this column's parameter values and imported series (the spec decoder
    /// compiles a rule strategy's exit level expressions with its rules); nil otherwise.
    public func computing(_ levels: ExitLevels) -> RuleStrategy? {
        guard levels.program == program, levels.imported == imported,
              levels.parameterValues.map(\.bitPattern) == parameterValues.map(\.bitPattern) else { return nil }
        var s = self
        s.levels = levels
        return s
    }

    /// Computes every node shared by several columns once (per distinct value of the parameters
    /// it reads), for the rules and for exit levels the columns compute; each column's own
    /// nodes, flags and levels are computed when its kernel is made. Precondition: the columns
    /// share one program.
    public static func makeCache(_ bars: BarSeries, for columns: [RuleStrategy]) throws(StrategyError) -> RuleSignalCache {
        guard let first = columns.first else { return RuleSignalCache(evaluator: nil, roots: [], count: bars.count) }
        var distinct: [[Double]] = []
        var seen = Set<[UInt64]>()
        for c in columns where seen.insert(c.parameterValues.map(\.bitPattern)).inserted { distinct.append(c.parameterValues) }
        let aligned = first.imported.map { $0.aligned(to: bars.ts) }
        let ruleRoots = first.roots.compactMap { $0 }
        let levelRoots = columns.contains { $0.levels != nil } ? ExitLevels.roots(of: first.program) : []
        let evaluator = try RuleColumns(program: first.program, bars: bars, imported: aligned, columns: distinct,
                                        roots: ruleRoots + levelRoots, fusing: ruleRoots)
        return RuleSignalCache(evaluator: evaluator, roots: first.roots, count: bars.count)
    }

    /// The column's kernel: its flags (and levels) for every bar, computed now (chunk by chunk,
    /// from the shared nodes and its own) into memory the kernel owns, so a sweep keeps only the
    /// flags of the columns it is running. Precondition: this column was among those `makeCache` saw.
    public func kernel(_ cache: RuleSignalCache) -> Kernel {
        let flags = FlagStorage(count: cache.count, zeroed: cache.evaluator == nil)
        var levelColumns = levels?.emptyColumns(cache.count)
        if let evaluator = cache.evaluator {
            let out = flags.buffer.baseAddress!, values = parameterValues, roots = cache.roots
            do {
                try evaluator.run(values, evaluator.makeScratch(), chunk: 8_192) { range, read in
                    evaluator.writeFlags(roots, values, read, range, into: out)
                    if let levels { levels.copy(range, read, into: &levelColumns!) }
                }
            } catch {
                // `init` built every indicator of this column with these values, which runs the
                // same checks as the vectorized forms; reaching here is a bug, not bad input.
                preconditionFailure("rule evaluation failed after its parameters were validated: \(error)")
            }
        }
        return Kernel(flags: flags, levels: levelColumns)
    }

    /// Reads the column's precomputed flag bytes (it owns them, so the pointer stays valid) and
    /// the levels it computed.
    @frozen
    public struct Kernel: SignalKernel {
        @usableFromInline let storage: FlagStorage
        @usableFromInline let flags: UnsafePointer<UInt8>
        @usableFromInline let levels: ExitColumns?

        @inlinable init(flags: FlagStorage, levels: ExitColumns?) {
            self.storage = flags
            self.flags = UnsafePointer(flags.buffer.baseAddress!)
            self.levels = levels
        }

        @inlinable public func signal(at i: Int) -> SignalFlags { SignalFlags(rawValue: flags[i]) }

        @inlinable public func exitLevels(at i: Int) -> EntryExitLevels { levels?.at(i) ?? EntryExitLevels() }
    }
}

/// What a sweep's rule columns share: the evaluator holding every shared node.
public final class RuleSignalCache: @unchecked Sendable {
    let evaluator: RuleColumns?
    let roots: [Int?]
    /// Bars per column.
    public let count: Int

    init(evaluator: RuleColumns?, roots: [Int?], count: Int) {
        self.evaluator = evaluator
        self.roots = roots
        self.count = count
    }
}

/// One column's flag bytes, freed with the last kernel holding them.
public final class FlagStorage: @unchecked Sendable {
    @usableFromInline let buffer: UnsafeMutableBufferPointer<UInt8>
    /// Room for `count` flags; zeroed unless the caller writes every one.
    init(count: Int, zeroed: Bool) {
        buffer = .allocate(capacity: max(1, count))
        if zeroed { buffer.initialize(repeating: 0) }
    }
    deinit { buffer.deallocate() }
}
