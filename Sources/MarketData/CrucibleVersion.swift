/// The engine version recorded in every result manifest.
public enum CrucibleVersion {
    public static let current = "0.1.0"
}
