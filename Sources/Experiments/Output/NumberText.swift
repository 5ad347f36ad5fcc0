/// Numbers as text for every file Crucible writes: the shortest decimal that reads back to the
/// same Double (Swift's own algorithm), so output is exact and byte-stable across runs.
public enum NumberText {
    /// `0.1`, `1e-05`, `12.0`, `-3.5`; non-finite values are `nan`, `inf`, `-inf`.
    public static func shortest(_ value: Double) -> String {
        value.description
    }
}
