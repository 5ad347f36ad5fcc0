import CFuzzerDriver
import Foundation
import MarketData

/// libFuzzer entry point: any bytes as a CSV file of bars. Reading (and then validating under
/// the `warn` policy, which inspects every bar) must give bars or a `DataError` — never trap.
func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let buffer = UnsafeBufferPointer(start: data, count: size)
    guard let csv = try? CSVBarReader.parse(buffer, path: "fuzz.csv", options: CSVReadOptions()) else { return 0 }
    _ = try? BarValidator.validate(csv, policy: .warn)
    return 0
}

// libFuzzer's command line (corpus folders, -max_total_time=…) goes straight to its driver.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzCSV(data, size) })
