import Foundation
import Learning
import MarketData
import Optimization
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

    /// The largest spec file read (16 MiB; a spec is a few kilobytes).
    public static let maxSpecBytes = 16 << 20

    /// Decodes the spec file at `url`; relative paths inside it are resolved against its folder.
    public static func decode(contentsOf url: URL) throws(SpecError) -> ExperimentSpec {
        try load(contentsOf: url).spec
    }

    /// Reads and decodes the spec file at `url` — what `crucible validate` and `crucible run`
    /// both do — and returns the spec with its text (without a UTF-8 byte-order mark, which is
    /// accepted), whose SHA-256 the run records.
    public static func load(contentsOf url: URL) throws(SpecError) -> (spec: ExperimentSpec, text: String) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes(path: url.path, maxBytes: maxSpecBytes).copied
        } catch {
            throw SpecError([SpecProblem(path: "", message: error.description)])
        }
        let body = Array(withoutByteOrderMark(bytes))
        guard let text = String(validating: body, as: UTF8.self) else {
            throw SpecError([SpecProblem(path: "", message: "\(url.path): not UTF-8 text")])
        }
        return (try decode(Data(body), baseDirectory: url.deletingLastPathComponent()), text)
    }

    /// `bytes` without a leading UTF-8 byte-order mark.
    static func withoutByteOrderMark(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    }

    /// Decodes JSON text (a leading UTF-8 byte-order mark is skipped); relative data paths are
    /// resolved against `baseDirectory`.
    public static func decode(_ data: Data, baseDirectory: URL) throws(SpecError) -> ExperimentSpec {
        let json: JSONValue
        do {
            json = try JSONParser.parse(Array(withoutByteOrderMark([UInt8](data))))
        } catch {
            throw SpecError([SpecProblem(path: "", message: "not valid JSON: \(error.description)")])
        }
        return try decode(json, baseDirectory: baseDirectory)
    }

    /// Decodes a parsed JSON tree.
    public static func decode(_ json: JSONValue, baseDirectory: URL) throws(SpecError) -> ExperimentSpec {
        let decoder = SpecDecoder(baseDirectory: baseDirectory)
        let spec = decoder.spec(SpecField(value: json, path: .root, log: decoder.log))
        guard decoder.log.problems.isEmpty, var spec else {
            throw SpecError(decoder.log.problems)
        }
        spec.specFolder = baseDirectory.standardizedFileURL.path
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
        let (ml, modelNames) = root["ml"].map { self.ml($0, imported: data?.columns ?? []) } ?? (nil, [])
        let strategy = root["strategy"].flatMap { self.strategy($0, imported: data?.columns ?? [], models: modelNames) }
        if let strategy { checkModelsRead(root, ml: ml, strategy: strategy) }
        let descriptor = strategy.flatMap { try? StrategyRegistry.type(named: $0.name).descriptor }
        let engine = root["engine"].flatMap { self.engine($0, strategy: descriptor) }
        let objective = root["objective"].flatMap(self.objective)
        let optimizer = root["optimizer"].flatMap { self.optimizer($0, strategy: strategy) }
        // Optional sections: a section that fails has logged why, and the caller refuses the spec.
        let walkForward = root["walk_forward"].flatMap(self.walkForward)
        let monteCarlo = root["monte_carlo"].flatMap(self.monteCarlo)
        let compare = root["compare"].flatMap(self.compare)
        let output = root["output"].flatMap(self.output) ?? OutputSpec(folder: resolved(OutputSpec().folder))
        if let data, let engine { crossCheck(root, data: data, engine: engine, strategy: descriptor, monteCarlo: monteCarlo) }
        guard let name, let seed, let data, let strategy, let engine, let objective, let optimizer, root["ml"] == nil || ml != nil else { return nil }
        return ExperimentSpec(name: name, seed: UInt64(seed), data: data, strategy: strategy, engine: engine,
                              objective: objective, optimizer: optimizer, walkForward: walkForward,
                              monteCarlo: monteCarlo, compare: compare, output: output, ml: ml)
    }

    /// Longest experiment name: it names a folder, and file systems allow 255 bytes.
    static let maxNameLength = 100

    private func experimentName(_ field: SpecField) -> String? {
        guard case let .string(s) = field.value, !s.isEmpty, s != ".", s != "..",
              s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            return field.expected("a name of letters, digits, \".\", \"_\" and \"-\"")
        }
        guard s.utf8.count <= Self.maxNameLength else {
            field.problem("the name is \(s.utf8.count) characters long; at most \(Self.maxNameLength) are allowed (it names the results folder)")
            return nil
        }
        return s
    }

    /// Settings that are each valid alone but not together: finer bars and the intrabar rule
    /// that replays them (and synthetic Monte Carlo paths, which have none), the volume cap and
    /// the engine that has it, symbols and the strategy.
    private func crossCheck(_ root: SpecObject, data: DataSpec, engine: EngineSpec, strategy: StrategyDescriptor?,
                            monteCarlo: MonteCarloSpec?) {
        let dataPath = root.path.key("data"), enginePath = root.path.key("engine")
        let synthetic: [MonteCarloMethod] = [.gbm, .garch, .jumpDiffusion]
        if engine.config.intrabar == .subBars, let methods = monteCarlo?.methods,
           let k = methods.firstIndex(where: synthetic.contains) {
            log.add(root.path.key("monte_carlo").key("methods").index(k), MonteCarlo.syntheticSubBarsRefusal)
        }
        switch (engine.config.intrabar == .subBars, data.subBars != nil) {
        case (true, false):
            log.add(enginePath.key("intrabar"), "\"sub_bars\" replays finer bars of the same symbol; give them in data.sub_bars")
        case (false, true):
            log.add(dataPath.key("sub_bars"), "only used with engine.intrabar \"sub_bars\", which is not set")
        default: break
        }
        if engine.kind == .vectorized, engine.config.maxParticipation != nil {
            log.add(enginePath.key("max_participation"),
                    "the vectorized engine has no volume cap; use engine.kind \"event\" or remove max_participation")
        }
        if case let .store(_, symbols, _) = data.source, symbols.count > 1 {
            let who = strategy.map { $0.symbols == .single ? "\($0.name) trades one symbol" : "\($0.name) is a multi-symbol strategy" }
            log.add(dataPath.key("symbols"), "\(symbols.count) symbols listed, but a run trades one series\(who.map { " (\($0))" } ?? ""); "
                    + "list one symbol per spec (multi-symbol strategies run with crucible backtest --data A.csv --data B.csv)")
        }
    }
}
