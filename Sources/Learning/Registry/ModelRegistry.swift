import Foundation
import MarketData

/// The `models` table in an SQLite file: the shared registry (`results/models.sqlite` by
/// default) or a run's `results.sqlite` (`crucible run` registers the models it trains there).
/// `schema` is the table's one definition. Each `register` is one transaction; ids are content
/// hashes, so registering the same model twice keeps one row.
public final class ModelRegistry {
    /// The shared registry's default location, relative to the working directory.
    public static let defaultPath = "results/models.sqlite"

    public let path: String
    private let db: SQLiteConnection<LearningError>

    static let schema = """
        CREATE TABLE IF NOT EXISTS models (
            model_id TEXT PRIMARY KEY,
            symbol TEXT NOT NULL,
            timeframe TEXT NOT NULL,
            model_type TEXT NOT NULL,
            task TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            metrics TEXT NOT NULL,
            features TEXT NOT NULL,
            label TEXT NOT NULL,
            parameters TEXT NOT NULL,
            train_start INTEGER NOT NULL,
            train_end INTEGER NOT NULL,
            data_sha256 TEXT NOT NULL,
            model BLOB NOT NULL
        )
        """
    private static let columns = """
        model_id, symbol, timeframe, model_type, task, created_at, metrics, features, label, parameters,
        train_start, train_end, data_sha256
        """

    /// Opens (creating the file, its folder and the table when missing) the registry at `path`;
    /// with `readOnly` the file must exist and hold a `models` table, and nothing in it changes
    /// (`register` then fails).
    public init(path: String = ModelRegistry.defaultPath, readOnly: Bool = false) throws(LearningError) {
        self.path = path
        if readOnly {
            db = try SQLiteConnection<LearningError>(path: path, readOnly: true)
            var tables = 0
            try db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'models'").query { tables = Int($0.int64(0)) }
            guard tables == 1 else { throw .storeUnavailable(path: path, reason: "the file has no models table (no model was registered in it)") }
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw .storeUnavailable(path: path, reason: "cannot create folder \(folder): \(error.localizedDescription)")
            }
        }
        db = try SQLiteConnection<LearningError>(path: path, readOnly: false)
        try db.execute("PRAGMA journal_mode = WAL")
        try db.execute(Self.schema)
    }

    /// Stores `record`; returns false when a model with its id was already registered (the
    /// stored row is kept).
    @discardableResult
    public func register(_ record: ModelRecord) throws(LearningError) -> Bool {
        try db.transaction { () throws(LearningError) -> Bool in
            try db.prepare("INSERT OR IGNORE INTO models (\(Self.columns), model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").run([
                .text(record.id), .text(record.symbol), .text(record.timeframe), .text(record.modelType.rawValue),
                .text(record.task.rawValue), .int(record.createdAt), .text(record.metricsJSON), .text(record.featuresJSON),
                .text(record.labelJSON), .text(record.parametersJSON), .int(record.trainingStart), .int(record.trainingEnd),
                .text(record.dataSHA256), .blob(record.model),
            ])
            return db.changes == 1
        }
    }

    /// Every registered model without its bytes (`model` empty), oldest first (ties by id).
    public func list() throws(LearningError) -> [ModelRecord] {
        try records(where: "", [], withModel: false)
    }

    /// The model `id` with its bytes.
    public func show(id: String) throws(LearningError) -> ModelRecord {
        guard let record = try records(where: "WHERE model_id = ?", [.text(id)], withModel: true).first else {
            throw .unknownModel(id: id, path: path)
        }
        return record
    }

    /// The model `id`, restored and ready to predict.
    public func load(id: String) throws(LearningError) -> (record: ModelRecord, model: TrainedModel) {
        let record = try show(id: id)
        return (record, try TrainedModel.load(kind: record.modelType, bytes: record.model))
    }

    private func records(where clause: String, _ values: [SQLiteValue], withModel: Bool) throws(LearningError) -> [ModelRecord] {
        let sql = "SELECT \(Self.columns)\(withModel ? ", model" : "") FROM models \(clause) ORDER BY created_at, model_id"
        var out: [ModelRecord] = []
        try db.prepare(sql).query(values) { row throws(LearningError) in
            let type = row.text(3), task = row.text(4)
            guard let kind = ModelKind(rawValue: type), let task = Task(rawValue: task) else {
                throw .store(path: path, message: "model \(row.text(0)) has an unknown model_type '\(type)' or task '\(task)'")
            }
            out.append(ModelRecord(id: row.text(0), symbol: row.text(1), timeframe: row.text(2), modelType: kind, task: task,
                                   createdAt: row.int64(5), metricsJSON: row.text(6), featuresJSON: row.text(7),
                                   labelJSON: row.text(8), parametersJSON: row.text(9), trainingStart: row.int64(10),
                                   trainingEnd: row.int64(11), dataSHA256: row.text(12), model: withModel ? row.blob(13) : []))
        }
        return out
    }
}
