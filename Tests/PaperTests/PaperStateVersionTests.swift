import Foundation
import MarketData
import Paper
import Testing

/// State files written before `steps` (format version 1: the bars and equity tables themselves)
/// keep working: read as they are, rewritten to version 2 when a run continues them.
@Suite struct PaperStateVersionTests {
    /// A version 1 file reads like the version 2 file it was made from, and continuing it ends in
    /// the file an uninterrupted replay leaves.
    @Test func versionOneFileIsReadAndContinued() throws {
        let (strategy, text, data) = try PaperRestartTests.subject()
        try PaperHarness.withStatePaths(2) { paths in
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[0])
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[1], limit: 30)
            let written = try PaperHarness.dump(paths[1])
            try Self.rewriteAsVersion1(paths[1])
            let old = try PaperHarness.dump(paths[1])
            #expect(old["meta"] != written["meta"])
            #expect(old.filter { $0.key != "meta" } == written.filter { $0.key != "meta" })
            #expect(old["bars"]?.count == 30)

            try PaperHarness.replay(strategy, text: text, file: data, state: paths[1])
            #expect(try PaperHarness.dump(paths[1]) == PaperHarness.dump(paths[0]))
        }
    }

    /// Turns a file into the version 1 layout: `bars` and `equity` as tables with the columns
    /// docs/paper.md gave them, holding what the views show, and `format_version` 1.
    static func rewriteAsVersion1(_ path: String) throws {
        let db = try SQLiteConnection<PaperError>(path: path, readOnly: false)
        try db.execute("""
            BEGIN;
            CREATE TABLE bars_v1 (
                bar INTEGER PRIMARY KEY, ts INTEGER NOT NULL,
                open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL);
            CREATE TABLE equity_v1 (
                bar INTEGER PRIMARY KEY, ts INTEGER NOT NULL, equity REAL NOT NULL, cash REAL NOT NULL, position REAL NOT NULL);
            INSERT INTO bars_v1 SELECT bar, ts, open, high, low, close, volume FROM steps;
            INSERT INTO equity_v1 SELECT bar, ts, equity, cash, position FROM steps;
            DROP VIEW bars;
            DROP VIEW equity;
            DROP TABLE steps;
            ALTER TABLE bars_v1 RENAME TO bars;
            ALTER TABLE equity_v1 RENAME TO equity;
            UPDATE meta SET value = '1' WHERE key = 'format_version';
            COMMIT;
            """)
    }
}
