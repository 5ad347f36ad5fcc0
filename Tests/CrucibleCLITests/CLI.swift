import Foundation
import TestSupport

/// Runs the built `crucible` binary as a user would and captures what it printed.
///
/// The binary sits next to the test bundle in the build folder (the test target depends on the
/// `crucible` target, so it is built first).
enum CLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Exit or signal (`status` is then the signal number).
        var reason: Process.TerminationReason = .exit
    }

    struct NotBuilt: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "crucible binary not found; looked in " + searched.joined(separator: ", ") }
    }

    static let binary: Result<URL, NotBuilt> = {
        var folders: [URL] = []
        for bundle in [Bundle.main] + Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in folders {
            let candidate = folder.appendingPathComponent("crucible")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return .success(candidate) }
        }
        return .failure(NotBuilt(searched: folders.map(\.path)))
    }()

    /// Runs `crucible arguments…` in the repository root (or `directory`) and waits for it,
    /// at most `timeout` seconds (then it is killed, and reported as ended by a signal);
    /// `environment` is added to the inherited one (a nil value removes a variable).
    static func run(_ arguments: [String], in directory: URL? = nil, timeout: Double = 300,
                    environment: [String: String?] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = try binary.get()
        process.arguments = arguments
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            for (name, value) in environment { env[name] = value }
            process.environment = env
        }
        process.currentDirectoryURL = directory ?? Fixtures.root
        // Output goes to files, so a large output cannot fill a pipe and block the child.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
                      reason: process.terminationReason)
    }

    /// A running `crucible` process whose output goes to files.
    final class Running: @unchecked Sendable {
        let process = Process()
        let folder: URL
        init(_ arguments: [String], environment: [String: String?]) throws {
            process.executableURL = try binary.get()
            process.arguments = arguments
            process.currentDirectoryURL = Fixtures.root
            if !environment.isEmpty {
                var env = ProcessInfo.processInfo.environment
                for (name, value) in environment { env[name] = value }
                process.environment = env
            }
            folder = try temporaryFolder()
            for name in ["stdout", "stderr"] { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: nil) }
            process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("stdout"))
            process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("stderr"))
        }

        /// Waits for the exit without blocking a thread (tests' in-process servers share the pool).
        func finish() async throws -> Output {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                let once = Once(done)
                process.terminationHandler = { _ in once.resume() }
                if !process.isRunning { once.resume() }
            }
            defer { try? FileManager.default.removeItem(at: folder) }
            return Output(status: process.terminationStatus,
                          stdout: String(decoding: try Data(contentsOf: folder.appendingPathComponent("stdout")), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: folder.appendingPathComponent("stderr")), as: UTF8.self))
        }
    }

    /// Resumes a continuation exactly once, whoever calls first.
    final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Void, Never>?
        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }
        func resume() {
            lock.lock()
            let c = continuation
            continuation = nil
            lock.unlock()
            c?.resume()
        }
    }

    /// Starts `crucible arguments…` in the repository root; `environment` is added to the
    /// inherited one (a nil value removes a variable).
    static func start(_ arguments: [String], environment: [String: String?] = [:]) throws -> Running {
        let running = try Running(arguments, environment: environment)
        try running.process.run()
        return running
    }

    /// Runs `crucible arguments…` to the end without blocking a thread.
    static func runAsync(_ arguments: [String], environment: [String: String?] = [:]) async throws -> Output {
        try await start(arguments, environment: environment).finish()
    }

    /// A fresh temporary folder, removed by the caller with `removeItem`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Parses a JSON object printed or written by the CLI.
    static func object(_ data: Data) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: data)
        guard let object = value as? [String: Any] else { throw Failure("expected a JSON object, got \(type(of: value))") }
        return object
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
