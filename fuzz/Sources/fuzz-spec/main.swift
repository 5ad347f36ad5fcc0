import CFuzzerDriver
import Experiments
import Foundation

/// libFuzzer entry point: any bytes as an experiment spec. Decoding must return a spec or a
/// `SpecError` whose every problem names a path and says something — never trap.
func fuzzSpec(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(bytes: data, count: size)
    do {
        _ = try SpecDecoder.decode(bytes, baseDirectory: URL(fileURLWithPath: "/nonexistent-fuzz-base"))
    } catch {
        precondition(!error.problems.isEmpty, "a SpecError without problems")
        for problem in error.problems { precondition(!problem.message.isEmpty, "an empty message at \(problem.path)") }
    }
    return 0
}

// libFuzzer's command line (corpus folders, -max_total_time=…) goes straight to its driver.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzSpec(data, size) })
