import Experiments
import Foundation
import MarketData

/// Everything a report draws from one results folder: the manifest, the summary's statistics,
/// the decoded spec, the run record and trials from `results.sqlite`, and the run's bars.
///
/// Semantics: the spec copy (`spec.json`) names its data relative to the original spec's
/// folder, which the manifest records as `spec_folder`; it is decoded against
/// `specDirectories` when given (a moved project), else against that folder. (Folders written
/// before the manifest recorded it are tried against the results folder, `./experiments` and
/// `.`, the first that decodes wins.)
/// The bars are loaded as the runner loads them and their SHA-256 must equal the manifest's
/// `data_sha256`, otherwise loading fails with `ReportError.dataChanged`.
struct RunResults {
    let folder: URL
    let runID: String
    let manifest: [String: JSONValue]
    let summary: [String: JSONValue]
    let statistics: [String: Double]
    let specJSON: [String: JSONValue]
    let spec: ExperimentSpec
    let dataPath: String
    let bars: BarSeries
    let run: RunRecord
    let store: ResultsStore

    init(folder: URL, specDirectories: [URL]) throws(ReportError) {
        self.folder = folder
        manifest = try Self.object(folder.appendingPathComponent("manifest.json"))
        let summary = try Self.object(folder.appendingPathComponent("summary.json"))
        self.summary = summary
        var statistics: [String: Double] = [:]
        if case let .object(members)? = summary["statistics"] {
            for (name, value) in members { if let number = value.doubleValue { statistics[name] = number } }
        }
        self.statistics = statistics
        guard case let .string(runID)? = manifest["run_id"], case let .string(dataSHA)? = manifest["data_sha256"] else {
            throw .malformed(path: folder.appendingPathComponent("manifest.json").path, reason: "expected run_id and data_sha256")
        }
        self.runID = runID

        let specURL = folder.appendingPathComponent("spec.json")
        let specData = try Self.contents(specURL)
        guard case let .object(specJSON)? = try? JSONValue.parse(specData) else {
            throw .malformed(path: specURL.path, reason: "not a JSON object")
        }
        self.specJSON = specJSON
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var decoded: ExperimentSpec?
        var firstProblems = ""
        let recorded: [URL]
        if case let .string(specFolder)? = manifest["spec_folder"] {
            recorded = [URL(fileURLWithPath: specFolder)]
        } else {
            recorded = [folder, cwd.appendingPathComponent("experiments"), cwd]
        }
        for base in specDirectories.isEmpty ? recorded : specDirectories {
            do {
                decoded = try SpecDecoder.decode(specData, baseDirectory: base)
                break
            } catch {
                if firstProblems.isEmpty { firstProblems = error.description }
            }
        }
        guard let spec = decoded else { throw .spec(path: specURL.path, problems: firstProblems) }
        self.spec = spec

        switch spec.data.source {
        case let .file(path, _):
            let cwd = FileManager.default.currentDirectoryPath + "/"
            dataPath = path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
        case let .store(path, symbols, timeframe): dataPath = "\(path ?? BarStore.defaultPath) (\(symbols.joined(separator: ", ")) \(timeframe))"
        }
        let data: ExperimentData
        do { data = try ExperimentData.load(spec.data) } catch { throw .data(error.description) }
        guard data.sha256 == dataSHA else { throw .dataChanged(path: dataPath, expected: dataSHA, actual: data.sha256) }
        bars = data.bars

        let storePath = folder.appendingPathComponent("results.sqlite").path
        guard FileManager.default.fileExists(atPath: storePath) else {
            throw .missingFile(path: storePath, reason: "no such file")
        }
        do {
            store = try ResultsStore(path: storePath)
            guard let run = try store.run(id: runID) else { throw ReportError.store("\(storePath) holds no run \(runID)") }
            self.run = run
        } catch let error as ReportError {
            throw error
        } catch {
            throw .store(String(describing: error))
        }
    }

    /// The statistic `name` of `summary.json`, when defined.
    func statistic(_ name: String) -> Double? { statistics[name] }

    /// A string member of the manifest.
    func manifestText(_ key: String) -> String? {
        switch manifest[key] {
        case let .string(s)?: return s
        case let .integer(i)?: return String(i)
        case let .number(d)?: return String(d)
        case let .bool(b)?: return String(b)
        default: return nil
        }
    }

    /// The index of metric `name` in the run's metric list.
    func metricIndex(_ name: String) -> Int? { run.metricNames.firstIndex(of: name) }

    /// The bytes of a file of the folder; a missing or unreadable one is named with the reason.
    private static func contents(_ url: URL) throws(ReportError) -> Data {
        do {
            return Data(try FileBytes(path: url.path, maxBytes: 1 << 30).copied)
        } catch {
            if case .fileNotFound = error { throw .missingFile(path: url.path, reason: "no such file") }
            if case let .unreadable(_, reason) = error { throw .missingFile(path: url.path, reason: reason) }
            throw .missingFile(path: url.path, reason: error.description)
        }
    }

    private static func object(_ url: URL) throws(ReportError) -> [String: JSONValue] {
        let data = try contents(url)
        guard case let .object(members)? = try? JSONValue.parse(data) else {
            throw .malformed(path: url.path, reason: "not a JSON object")
        }
        return members
    }
}
