import Testing
import Foundation
@testable import MarketData

@Suite struct FileBytesTests {
    /// Below and at the mapping threshold the bytes are the file's, whichever way they were read.
    @Test(arguments: [1_000, FileBytes.mapThreshold + 3])
    func holdsTheFilesBytes(_ size: Int) throws {
        var data = Data(repeating: UInt8(ascii: "7"), count: size)
        for (k, position) in [0, size / 3, size / 2, size - 1].enumerated() { data[position] = UInt8(k) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-filebytes-\(UUID().uuidString)")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FileBytes(path: url.path)
        #expect(file.bytes.count == size)
        let same = withExtendedLifetime(file) { data.withUnsafeBytes { memcmp($0.baseAddress!, file.bytes.baseAddress!, size) == 0 } }
        #expect(same)
    }

    /// A mapped file read front to back through its window (pages dropped behind, refetched if
    /// read again): the CSV parse and the SHA-256 equal those of the same bytes held in memory,
    /// the hash taken in a second pass over pages the parse dropped.
    @Test func aWindowedReadSeesTheFileAsItIs() throws {
        // A block of 10,000 rows repeated past the mapping threshold plus a window (the
        // parser does not check the order; validation would).
        var block = ""
        for i in 0..<10_000 {
            let price = 100 + Double(i % 97) / 8
            block += "\(1_600_000_000_000 + Int64(i) * 60_000),\(price),\(price + 1),\(price - 1),\(price + 0.5),\(i % 13)\n"
        }
        let repeats = (FileBytes.mapThreshold + FileBytes.Window.size) / block.utf8.count + 1
        var bytes = Array("timestamp,open,high,low,close,volume\n".utf8)
        for _ in 0..<repeats { bytes += block.utf8 }
        let text = bytes
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-window-\(UUID().uuidString).csv")
        try Data(text).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let options = CSVReadOptions(timeframe: .m1)
        let inMemory = try bytes.withUnsafeBufferPointer { buffer in try CSVBarReader.parse(buffer, path: url.path, options: options) }
        let file = try FileBytes(path: url.path)
        let mapped = try CSVBarReader.parse(file, path: url.path, options: options)
        #expect(mapped.bars == inMemory.bars)
        #expect(mapped.bars.count == 10_000 * repeats)
        #expect(file.sha256() == SHA256.hex(bytes))        // after the parse dropped the pages behind it
    }
}
