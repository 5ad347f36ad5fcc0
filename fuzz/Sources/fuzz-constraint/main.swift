import CFuzzerDriver
import Foundation
import Optimization

/// The space every input is parsed against: two integers, a double and a category.
let parameters = [
    Parameter("fast", .intRange(lower: 2, upper: 50, step: 1, log: false)),
    Parameter("slow", .intRange(lower: 10, upper: 200, step: 10, log: false)),
    Parameter("k", .doubleRange(lower: 0.5, upper: 3, step: nil, log: false)),
    Parameter("kind", .choice(["ema", "sma"])),
]
let point: [ParameterValue] = [.int(5), .int(20), .double(1.5), .string("ema")]

/// libFuzzer entry point: any bytes as a constraint expression. Parsing must give a
/// constraint (which then evaluates without trapping) or a `SpaceError` — never trap or
/// overflow the stack.
func fuzzConstraint(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let constraint = try? Constraint(text, parameters: parameters) {
        _ = constraint.isSatisfied(by: point)
    }
    return 0
}

// libFuzzer's command line (corpus folders, -max_total_time=…) goes straight to its driver.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzConstraint(data, size) })
