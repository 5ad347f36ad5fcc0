/// Bounds on rule programs, checked before any recursion so hostile input never exhausts the
/// stack or memory: an expression longer than `maxLength` characters, nesting deeper than
/// `maxDepth` or with more than `maxNodes` terms is refused with a rule error.
public enum RuleLimits {
    /// Characters in one expression.
    public static let maxLength = 4_096
    /// Nesting depth of one expression (parentheses, calls, operators and operands all count).
    public static let maxDepth = 128
    /// Terms (numbers, names, operators, calls) in one expression.
    public static let maxNodes = 1_024
    /// Declared parameters of one rule program (a dependency set is a 64-bit mask).
    public static let maxParameters = 64
    /// Longest look-back window or lag, in bars.
    public static let maxWindow = 100_000
}
