/// Why a report could not be built from a results folder.
public enum ReportError: Error, CustomStringConvertible, Sendable {
    /// A file of the results folder is missing or unreadable.
    case missingFile(path: String, reason: String)
    /// A file of the results folder does not hold what it should.
    case malformed(path: String, reason: String)
    /// The spec copy no longer decodes (e.g. its data file cannot be found from any folder tried).
    case spec(path: String, problems: String)
    /// The dataset's bytes changed since the run: its SHA-256 differs from the manifest's.
    case dataChanged(path: String, expected: String, actual: String)
    /// The run's data could not be loaded.
    case data(String)
    /// The results store could not be read.
    case store(String)

    public var description: String {
        switch self {
        case let .missingFile(path, reason): return "\(path): cannot read: \(reason)"
        case let .malformed(path, reason): return "\(path): \(reason)"
        case let .spec(path, problems): return "\(path): the run's spec no longer decodes:\n\(problems)"
        case let .dataChanged(path, expected, actual):
            return "\(path): the dataset changed since the run (SHA-256 \(actual), the manifest records \(expected)); "
                + "refusing to draw buy-and-hold and trades on different prices — restore the file or run the experiment again"
        case let .data(message): return "data: \(message)"
        case let .store(message): return "results store: \(message)"
        }
    }
}
