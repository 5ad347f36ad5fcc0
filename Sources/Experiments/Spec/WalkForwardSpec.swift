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

    /// Parses `<positive integer><m|h|d|w>`; nil when malformed or when the length in
    /// milliseconds would not fit in 64 bits.
    public static func duration(_ text: String) -> WindowLength? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else { return nil }
        let minute: Int64 = 60_000
        let scale: Int64
        switch unit {
        case "m": scale = minute
        case "h": scale = 60 * minute
        case "d": scale = 1_440 * minute
        case "w": scale = 10_080 * minute
        default: return nil
        }
        let (ms, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : .duration(milliseconds: ms)
    }
}
