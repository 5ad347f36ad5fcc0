/// Walk-forward validation windows.
///
/// Semantics: the data is cut into folds of `train` then `test`, advancing by `step` (default:
/// `test`). `rolling` moves the start of the training window with each fold; `anchored` keeps
/// it at the first bar. Each fold runs the spec's optimizer on its training window and
/// evaluates the chosen parameters on the following test window.
public struct WalkForwardSpec: Sendable, Equatable {
    public var mode: Mode
    public var train: WindowLength
    public var test: WindowLength
    public var step: WindowLength

    public init(mode: Mode, train: WindowLength, test: WindowLength, step: WindowLength? = nil) {
        self.mode = mode
        self.train = train
        self.test = test
        self.step = step ?? test
    }

    public enum Mode: String, Sendable, CaseIterable {
        case rolling, anchored
    }
}

/// A window length: a number of bars (a JSON integer) or a duration (a string such as `"90d"`,
/// `"12h"`, `"8w"`, `"30m"`), in milliseconds.
public enum WindowLength: Sendable, Equatable {
    case bars(Int)
    case duration(milliseconds: Int64)

    /// Parses `<positive integer><m|h|d|w>`.
    public static func duration(_ text: String) -> WindowLength? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else { return nil }
        let minute: Int64 = 60_000
        switch unit {
        case "m": return .duration(milliseconds: count * minute)
        case "h": return .duration(milliseconds: count * 60 * minute)
        case "d": return .duration(milliseconds: count * 1_440 * minute)
        case "w": return .duration(milliseconds: count * 10_080 * minute)
        default: return nil
        }
    }
}
