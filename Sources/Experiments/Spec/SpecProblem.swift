/// One thing wrong with a spec: where (a JSON path such as `optimizer.budget` or
/// `strategy.constraints[0]`) and what was expected.
public struct SpecProblem: Sendable, Equatable, CustomStringConvertible {
    /// The JSON path; empty for the document itself.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message` (the document itself is called `spec`).
    public var description: String { "\(path.isEmpty ? "spec" : path): \(message)" }
}

/// Every problem found in a spec, in document order (the order the decoder visits fields).
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [SpecProblem]

    public init(_ problems: [SpecProblem]) { self.problems = problems }

    /// One problem per line.
    public var description: String { lines().joined(separator: "\n") }

    /// The lines `crucible validate` prints: each starts with the JSON path, prefixed by
    /// `file: ` when a file name is given (several specs checked at once).
    public func lines(file: String? = nil) -> [String] {
        problems.map { problem in file.map { "\($0): \(problem)" } ?? problem.description }
    }
}
