/// The four signal rules of a rule strategy (`strategy.rules` in a spec); at least one entry.
public struct RuleSet: Sendable, Hashable {
    public var longEntry: String?
    public var longExit: String?
    public var shortEntry: String?
    public var shortExit: String?

    /// The spec's names, in the order `expressions` lists them.
    public static let names = ["long_entry", "long_exit", "short_entry", "short_exit"]

    public init(longEntry: String? = nil, longExit: String? = nil, shortEntry: String? = nil, shortExit: String? = nil) {
        self.longEntry = longEntry
        self.longExit = longExit
        self.shortEntry = shortEntry
        self.shortExit = shortExit
    }

    /// The given rules as bool expressions named as in the spec.
    public var expressions: [RuleExpression] {
        zip(Self.names, [longEntry, longExit, shortEntry, shortExit]).compactMap { name, text in
            text.map { RuleExpression(name: name, text: $0, type: .bool) }
        }
    }

    /// Compiles the rules (plus any `extra` expressions sharing the program, e.g. numeric exit
    /// levels) against the declared parameters and imported column names.
    public func compile(parameters: [RuleParameter], columns: [String] = [], extra: [RuleExpression] = []) throws(RuleError) -> RuleProgram {
        guard longEntry != nil || shortEntry != nil else {
            throw RuleError([RuleProblem(.program, "at least one entry rule is needed (long_entry or short_entry)")])
        }
        return try RuleProgram(expressions: expressions + extra, parameters: parameters, columns: columns)
    }
}

/// How the four rule outcomes of a bar become `SignalFlags`, the one mapping both engines act
/// on (`SignalOrders.submit` in the event engine, the vectorized engine's column run):
///
/// - an exit rule sets its exit flag; an entry rule sets its entry flag unless the exit rule
///   of the same direction is also true on that bar (the exit wins);
/// - long and short entries true on the same bar cancel each other (neither is set);
/// - the engines then ignore an entry while already in that direction and an exit while flat,
///   and turn an entry against an open position into a reversal at the same fill (exit first,
///   then entry).
public enum RuleSignals {
    public static func flags(longEntry: Bool, longExit: Bool, shortEntry: Bool, shortExit: Bool) -> SignalFlags {
        var long = longEntry && !longExit
        var short = shortEntry && !shortExit
        if long && short { long = false; short = false }
        var f: SignalFlags = []
        if longExit { f.insert(.exitLong) }
        if shortExit { f.insert(.exitShort) }
        if long { f.insert(.entryLong) }
        if short { f.insert(.entryShort) }
        return f
    }
}

extension RuleSignals {
    /// `flags` of every raw combination of the four rule bits (entryLong 1, exitLong 2,
    /// entryShort 4, exitShort 8, as in `SignalFlags`).
    static let table: [UInt8] = (0..<16).map { raw in
        flags(longEntry: raw & 1 != 0, longExit: raw & 2 != 0, shortEntry: raw & 4 != 0, shortExit: raw & 8 != 0).rawValue
    }

    /// Writes the flags of bars `range` from the four rule values (long entry, long exit,
    /// short entry, short exit; nil = no such rule) into `out`: each rule ORs its bit in, one
    /// pass per rule, then `table` maps the raw bits to the final flags.
    static func write(_ rules: [RuleValue?], _ range: Range<Int>, into out: UnsafeMutablePointer<UInt8>) {
        for i in range { out[i] = 0 }
        for (rule, bit) in zip(rules, [UInt8(1), 2, 4, 8]) {
            guard let rule else { continue }
            if let p = rule.column {
                for i in range { out[i] |= p[i] != 0 ? bit : 0 }
            } else if rule.scalar != 0 {
                for i in range { out[i] |= bit }
            }
        }
        table.withUnsafeBufferPointer { t in for i in range { out[i] = t[Int(out[i])] } }
    }
}
