import Strategies
import TestSupport

/// The rule tests' seeded generator.
typealias SplitMix = SplitMix64

/// Random rule strategies over the whole language: series, parameters, arithmetic, every kind
/// of function, single- and multi-output indicators (nested), comparisons, crosses and logic.
struct RandomRules {
    var rng: SplitMix
    /// Declared parameters: two windows and a threshold.
    static let parameters = [
        RuleParameter(name: "n1", isInteger: true, minimum: 2, maximum: 60),
        RuleParameter(name: "n2", isInteger: true, minimum: 2, maximum: 60),
        RuleParameter(name: "level", isInteger: false, minimum: 0, maximum: 100),
    ]

    init(seed: UInt64) { rng = SplitMix(seed: seed) }

    mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func window() -> String { chance(0.4) ? pick(["n1", "n2"]) : String(Int.random(in: 2...40, using: &rng)) }

    mutating func price(_ depth: Int) -> String {
        if depth <= 0 || chance(0.35) { return pick(["close", "open", "high", "low", "hl2", "hlc3", "ohlc4"]) }
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return "sma(\(price(depth - 1)), \(window()))"
        case 1: return "ema(\(price(depth - 1)), \(window()))"
        case 2: return "wma(close, \(window()))"
        case 3: return "prev(\(price(depth - 1)), \(Int.random(in: 1...5, using: &rng)))"
        case 4: return "highest(\(price(depth - 1)), \(window()))"
        case 5: return "lowest(\(price(depth - 1)), \(window()))"
        case 6: return "bbands(close, \(window()), 2, 2).\(pick(["upperband", "middleband", "lowerband"]))"
        default: return "donchian(high, low, \(window()), \(window())).\(pick(["upper", "lower", "mid"]))"
        }
    }

    mutating func oscillator(_ depth: Int) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return "rsi(\(price(depth - 1)), \(window()))"
        case 1: return "stoch(high, low, close).\(pick(["slowk", "slowd"]))"
        case 2: return "cci(high, low, close, \(window()))"
        case 3: return "willr(high, low, close, \(window())) + 100"
        case 4: return "percent_rank(\(price(depth - 1)), \(window()))"
        case 5: return "mfi(high, low, close, volume, \(window()))"
        case 6: return "adx(high, low, close, \(window()))"
        case 7: return "50 + 10 * zscore(close, \(window()))"
        case 8: return "rsi(ema(close, \(window())), 14)"
        default: return "50 + change(close, \(window())) / stdev(close, \(window()))"
        }
    }

    mutating func condition(_ depth: Int) -> String {
        if depth > 0 && chance(0.3) {
            let op = pick(["and", "or"])
            return "(\(condition(depth - 1)) \(op) \(condition(depth - 1)))"
        }
        if depth > 0 && chance(0.08) { return "not \(condition(depth - 1))" }
        switch Int.random(in: 0..<9, using: &rng) {
        case 0, 1: return "crosses_\(pick(["above", "below"]))(\(price(depth)), \(price(depth)))"
        case 2: return "\(price(depth)) \(pick([">", "<", ">=", "<="])) \(price(depth))"
        case 3: return "\(oscillator(depth)) \(pick([">", "<"])) \(pick(["level", "30", "70", "50"]))"
        case 4: return "crosses_\(pick(["above", "below"]))(\(oscillator(depth)), \(pick(["level", "50"])))"
        case 5: return "bars_since(\(price(depth)) > \(price(depth))) \(pick(["<", ">", "=="])) \(Int.random(in: 0...5, using: &rng))"
        case 6: return "if(close > open, \(oscillator(depth)), 100 - \(oscillator(depth))) > level"
        case 7: return "atr(high, low, close, \(window())) / close \(pick([">", "<"])) 0.0\(Int.random(in: 1...9, using: &rng))"
        default: return "prev(\(oscillator(depth)) > level, \(Int.random(in: 1...3, using: &rng)))"
        }
    }

    /// A rule set using every declared parameter at least once (a trailing `and/or` keeps each
    /// one used without changing the language being exercised).
    mutating func ruleSet() -> RuleSet {
        let shorts = chance(0.5)
        let depth = Int.random(in: 1...3, using: &rng)
        var set = RuleSet(longEntry: condition(depth), longExit: chance(0.8) ? condition(depth) : nil)
        if shorts {
            set.shortEntry = condition(depth)
            set.shortExit = chance(0.8) ? condition(depth) : nil
        }
        set.longEntry! += " or (rsi(close, n1) > level and sma(close, n2) < 0)"
        return set
    }

    mutating func values() -> [Double] {
        [Double(Int.random(in: 2...60, using: &rng)), Double(Int.random(in: 2...60, using: &rng)), Double(Int.random(in: 20...80, using: &rng))]
    }
}
