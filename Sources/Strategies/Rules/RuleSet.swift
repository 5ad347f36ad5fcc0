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

    /// Compiles the rules against the declared parameters and imported column names; every
    /// declared parameter must be read by a rule or be among `alsoUsed` (read by the exits,
    /// sizing or risk settings).
    public func compile(parameters: [RuleParameter], columns: [String] = [], alsoUsed: Set<String> = []) throws(RuleError) -> RuleProgram {
        guard longEntry != nil || shortEntry != nil else {
            throw RuleError([RuleProblem(.program, "at least one entry rule is needed (long_entry or short_entry)")])
        }
        return try RuleProgram(expressions: expressions, parameters: parameters, columns: columns, alsoUsed: alsoUsed)
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
    /// `flags` as bit operations on the raw rule bits (entryLong 1, exitLong 2, entryShort 4,
    /// exitShort 8, as in `SignalFlags`), for whole columns; a test checks it equals `flags`
    /// on all 16 combinations.
    @inline(__always)
    static func combine(_ raw: UInt8) -> UInt8 {
        let exitLong = (raw >> 1) & 1, exitShort = (raw >> 3) & 1
        var long = raw & 1 & ~exitLong, short = (raw >> 2) & 1 & ~exitShort
        let both = long & short
        long &= ~both
        short &= ~both
        return long | exitLong << 1 | short << 2 | exitShort << 3
    }
}
