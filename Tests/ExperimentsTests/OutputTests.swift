import Foundation
import Testing
import Optimization
@testable import Experiments

@Suite struct OutputTests {
    @Test func atomicWriteReplacesTheFileAndLeavesNothingElse() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("summary.json")
        try AtomicFile.write("old\n", to: url)
        try AtomicFile.write("new\n", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "new\n")
        #expect(try folder.contents() == ["summary.json"])
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("ranked.csv")
        try AtomicFile.write("complete\n", to: url)
        let failure = OutputError.cannotWrite(path: url.path, reason: "stopped half way")
        #expect(throws: failure) {
            try AtomicFile.write(to: url) { sink throws(OutputError) in
                // More than one buffer's worth reaches the temporary file before the failure.
                for _ in 0..<10_000 { sink.append("partial row of a large file\n") }
                throw failure
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "complete\n")
        #expect(try folder.contents() == ["ranked.csv"])
    }

    @Test func writingIntoAMissingFolderFails() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("missing/ranked.csv")
        #expect(throws: OutputError.self) { try AtomicFile.write("x", to: url) }
        #expect(try folder.contents() == [])
    }

    @Test func largeStreamedFilesArriveWhole() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("big.csv")
        try AtomicFile.write(to: url) { sink throws(OutputError) in
            for i in 0..<50_000 { sink.append("\(i)\n") }
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 50_000 && lines.first == "0" && lines.last == "49999")
    }

    @Test func manifestAndSummaryJSON() throws {
        let manifest = RunManifest(runID: "20261122T013912Z", name: "grid", specSHA256: "aa", dataSHA256: "bb",
                                   engineVersion: "0.1.0", seed: 18_446_744_073_709_551_615, threads: 4,
                                   wallTimeSeconds: 12.5, started: "2026-11-22T01:39:12Z", resumed: false,
                                   specFolder: "/work/experiments", data: "/work/datasets/btcusdt_1h.csv")
        #expect(manifest.json.rendered(pretty: true) == """
            {
              "run_id": "20261122T013912Z",
              "name": "grid",
              "spec_sha256": "aa",
              "data_sha256": "bb",
              "engine_version": "0.1.0",
              "seed": "18446744073709551615",
              "threads": 4,
              "wall_time_seconds": 12.5,
              "started": "2026-11-22T01:39:12Z",
              "resumed": false,
              "spec_folder": "/work/experiments",
              "data": "/work/datasets/btcusdt_1h.csv"
            }
            """)
        let run = RankingTests.run(.maximize)
        let summary = ExperimentSummary(run: run, optimizer: .grid, counts: [.ok: 2, .failed: 1],
                                        top: [RankingTests.trial(1, 2.0)], statistics: [("pbo", 0.25), ("dsr", nil)])
        #expect(summary.json.rendered() == """
            {"name": "t", "seed": "9", "objective": {"metric": "sharpe_ratio", "direction": "maximize"}, \
            "optimizer": "grid", "trials": {"total": 3, "ok": 2, "infeasible": 0, "failed": 1}, \
            "statistics": {"pbo": 0.25, "dsr": null}, \
            "best": {"trial": 1, "status": "ok", "objective": 2.0, "parameters": {"fast": 5, "kind": "ema, fast"}, \
            "metrics": {"sharpe_ratio": 2.0, "trade_count": 1.0}}, \
            "top": [{"trial": 1, "status": "ok", "objective": 2.0, "parameters": {"fast": 5, "kind": "ema, fast"}, \
            "metrics": {"sharpe_ratio": 2.0, "trade_count": 1.0}}]}
            """)
        // The writer's JSON reads back with the project's parser.
        #expect(throws: Never.self) { try JSONValue.parse(Data(summary.json.rendered(pretty: true).utf8)) }
    }

    @Test func jsonStringsAreEscaped() {
        #expect(JSONText.string("a\"b\\c\nd\u{01}é").rendered() == #""a\"b\\c\nd\u0001é""#)
        #expect(JSONText.array([.number(.nan), .number(-0.0), .number(1e-7), .int(-3)]).rendered() == "[null, -0.0, 1e-07, -3]")
    }

    @Test func resultsFolderLayoutAndRunIDs() throws {
        let root = try TemporaryFolder()
        let date = Date(timeIntervalSince1970: 1_795_311_552)   // 2026-11-22T01:39:12Z
        let folder = try ResultsFolder.createNew(root: root.url.path, name: "grid", at: date)
        #expect(folder.url.path == root.url.appendingPathComponent("grid/20261122T013912Z").path)
        // A second run in the same second gets its own folder.
        let second = try ResultsFolder.createNew(root: root.url.path, name: "grid", at: date)
        #expect(second.url.lastPathComponent == "20261122T013912Z-2")
        try folder.writeSpec("{\"name\": \"grid\"}\n")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("spec.json"), encoding: .utf8) == "{\"name\": \"grid\"}\n")
    }

    @Test func aRunFolderIsCreatedFreshNeverOverAFileOrAFullFolder() throws {
        let root = try TemporaryFolder()
        let file = root.url.appendingPathComponent("notes.txt")
        try Data("keep me".utf8).write(to: file)
        #expect(throws: OutputError.self) { try ResultsFolder.createFresh(at: file) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me")
        #expect(throws: OutputError.self) { try ResultsFolder.createFresh(at: root.url) }          // holds notes.txt
        #expect(throws: OutputError.self) { try ResultsFolder.createFresh(at: file.appendingPathComponent("run")) }
        let empty = root.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        #expect(try ResultsFolder.createFresh(at: empty).url == empty)
    }
}
