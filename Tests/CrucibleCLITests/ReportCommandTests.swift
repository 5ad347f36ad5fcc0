import Foundation
import Testing
import TestSupport

/// `crucible run` ends by writing `report.html` and says where; `crucible report` rebuilds it.
@Suite struct ReportCommandTests {
    @Test func runWritesTheReportAndReportRebuildsIt() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("grid.json")
        try Data(CompareResultFoldersTests.spec(name: "grid", walkForward: false, output: folder).utf8).write(to: spec)
        let out = folder.appendingPathComponent("run").path
        let run = try CLI.run(["run", spec.path, "--out", out, "--quiet", "--threads", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let written = URL(fileURLWithPath: out).appendingPathComponent("report.html")
        #expect(run.stdout.contains("report → \(written.path)"), "\(run.stdout)")
        let first = try String(contentsOf: written, encoding: .utf8)
        #expect(first.hasPrefix("<!DOCTYPE html>"))

        let copy = folder.appendingPathComponent("copy.html")
        let again = try CLI.run(["report", out, "--out", copy.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: copy, encoding: .utf8) == first)
    }

    @Test func aFolderThatIsNotARunIsRefusedByName() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["report", folder.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("manifest.json"), "\(run.stderr)")
    }
}
