import Foundation
import MarketData

/// Locates files shipped with the repository (golden fixtures and bundled datasets) from the
/// test sources' own path, so tests run from any working directory of a clean clone.
public enum Fixtures {
    /// The repository's root folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/<relative>`.
    public static func url(_ relative: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
    }

    /// `datasets/<name>`.
    public static func dataset(_ name: String) -> URL {
        root.appendingPathComponent("datasets").appendingPathComponent(name)
    }

    /// Parses a JSON fixture into Foundation objects.
    public static func json(_ relative: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url(relative)))
    }

    /// Loads a bundled dataset as bars.
    public static func bars(_ name: String) throws -> BarSeries {
        try CSVBarReader.read(path: dataset(name).path)
    }
}
