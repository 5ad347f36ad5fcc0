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
}
