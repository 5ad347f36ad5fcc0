/// Presentation helpers: the derived series charts draw, computed from plain arrays.
///
/// These exist so the rendering layer works on its own; the Analytics module owns the official
/// metrics. Non-finite inputs propagate as NaN in the output (charts skip NaN points).
public enum Figures {}
