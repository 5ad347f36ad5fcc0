/// A location in a JSON document, rendered the way problems name it: keys joined by dots,
/// array indices in brackets (`strategy.constraints[1]`), keys that are not plain names
/// quoted (`strategy.parameters["a b"]`).
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public private(set) var description: String

    /// The document itself.
    public static let root = JSONPath(description: "")

    private init(description: String) { self.description = description }

    /// The member `key` of this object.
    public func key(_ key: String) -> JSONPath {
        let plain = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "$" }
        if !plain { return JSONPath(description: description + "[\"\(key)\"]") }
        return JSONPath(description: description.isEmpty ? key : description + "." + key)
    }

    /// The element `index` of this array.
    public func index(_ index: Int) -> JSONPath {
        JSONPath(description: description + "[\(index)]")
    }
}
