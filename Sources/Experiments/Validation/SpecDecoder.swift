import Foundation
import Strategies

/// Reads an experiment spec from JSON, checking it against the same rules the runner relies on.
///
/// Every problem is collected (not just the first) and reported with its JSON path and what was
/// expected: `optimizer.budget: expected a positive integer, got "ten"`. Unknown keys are
/// errors, with a suggestion when one is close to a known key. The strategy name is checked
/// against `StrategyRegistry`, every parameter against the strategy's `ParameterSpec`s,
/// constraint expressions are parsed and their names checked, and a dataset file that does not
/// exist is reported at `data.file`.
public struct SpecDecoder {
    let log = ProblemLog()
    /// The folder relative data paths are resolved against (the spec file's folder).
    let baseDirectory: URL

    /// Decodes the spec file at `url`; relative paths inside it are resolved against its folder.
    public static func decode(contentsOf url: URL) throws(SpecError) -> ExperimentSpec {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SpecError([SpecProblem(path: "", message: "cannot read \(url.path): \(error.localizedDescription)")])
        }
        return try decode(data, baseDirectory: url.deletingLastPathComponent())
    }

    /// Decodes JSON text; relative data paths are resolved against `baseDirectory`.
    public static func decode(_ data: Data, baseDirectory: URL) throws(SpecError) -> ExperimentSpec {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw SpecError([SpecProblem(path: "", message: "not valid JSON: \(error.description)")])
        }
        return try decode(json, baseDirectory: baseDirectory)
    }

    /// Decodes a parsed JSON tree.
    public static func decode(_ json: JSONValue, baseDirectory: URL) throws(SpecError) -> ExperimentSpec {
        let decoder = SpecDecoder(baseDirectory: baseDirectory)
        let spec = decoder.spec(SpecField(value: json, path: .root, log: decoder.log))
        guard decoder.log.problems.isEmpty, let spec else {
            throw SpecError(decoder.log.problems)
        }
        return spec
    }

    /// The whole document, in the order of `SpecVocabulary.spec.keys`.
    private func spec(_ field: SpecField) -> ExperimentSpec? {
        guard let root = field.object(SpecVocabulary.spec) else { return nil }
        // `$schema` only points editors at experiments/schema.json; it must be a string.
        _ = root["$schema"]?.string()
        let name = root["name"].flatMap(experimentName)
        let seed = root["seed"].flatMap { $0.nonNegativeInt() }
        let data = root["data"].flatMap(self.data)
        let strategy = root["strategy"].flatMap { self.strategy($0, imported: data?.columns ?? []) }
        let descriptor = strategy.flatMap { try? StrategyRegistry.type(named: $0.name).descriptor }
        let engine = root["engine"].flatMap { self.engine($0, strategy: descriptor) }
        let objective = root["objective"].flatMap(self.objective)
        let optimizer = root["optimizer"].flatMap { self.optimizer($0, strategy: strategy) }
        // Optional sections: a section that fails has logged why, and the caller refuses the spec.
        let walkForward = root["walk_forward"].flatMap(self.walkForward)
        let monteCarlo = root["monte_carlo"].flatMap(self.monteCarlo)
        let compare = root["compare"].flatMap(self.compare)
        let output = root["output"].flatMap(self.output) ?? OutputSpec()
        guard let name, let seed, let data, let strategy, let engine, let objective, let optimizer else { return nil }
        return ExperimentSpec(name: name, seed: UInt64(seed), data: data, strategy: strategy, engine: engine,
                              objective: objective, optimizer: optimizer, walkForward: walkForward,
                              monteCarlo: monteCarlo, compare: compare, output: output)
    }

    private func experimentName(_ field: SpecField) -> String? {
        guard case let .string(s) = field.value, !s.isEmpty, s != ".", s != "..",
              s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            return field.expected("a name of letters, digits, \".\", \"_\" and \"-\"")
        }
        return s
    }
}
