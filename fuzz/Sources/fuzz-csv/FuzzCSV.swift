import MarketData

/// libFuzzer entry point: any bytes as a CSV file of bars. Reading (and then validating under
/// the `warn` policy, which inspects every bar) must give bars or a `DataError` — never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    guard let csv = try? CSVBarReader.parse(buffer, path: "fuzz.csv", options: CSVReadOptions()) else { return 0 }
    _ = try? BarValidator.validate(csv, policy: .warn)
    return 0
}
