/// Little-endian 8-byte encoding of number columns stored as SQLite BLOBs (curves and daily
/// returns): one row per series instead of one row per value, read back bit for bit.
enum BlobCoding {
    /// The bit patterns of `values`, 8 little-endian bytes each.
    static func encode<T: FixedWidthInteger>(bits values: some Collection<T>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for v in values { withUnsafeBytes(of: UInt64(truncatingIfNeeded: v).littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    static func encode(_ values: [Double]) -> [UInt8] { encode(bits: values.lazy.map(\.bitPattern)) }
    static func encode(_ values: [Int64]) -> [UInt8] { encode(bits: values) }

    /// The 64-bit words of `bytes`, nil when its length is not a multiple of 8.
    static func words(_ bytes: [UInt8]) -> [UInt64]? {
        guard bytes.count % 8 == 0 else { return nil }
        return stride(from: 0, to: bytes.count, by: 8).map { offset in
            var bits: UInt64 = 0
            for k in 0..<8 { bits |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
            return bits
        }
    }

    static func doubles(_ bytes: [UInt8]) -> [Double]? { words(bytes)?.map(Double.init(bitPattern:)) }

    /// Optional figures (a trial's metrics, nil when undefined) as doubles with NaN for nil:
    /// a defined metric is never NaN.
    static func encode(_ values: [Double?]) -> [UInt8] { encode(values.map { $0 ?? .nan }) }
    /// One pass over the bytes (a million trials' metrics are read for every ranked output).
    static func optionalDoubles(_ bytes: [UInt8]) -> [Double?]? {
        guard bytes.count % 8 == 0 else { return nil }
        return bytes.withUnsafeBytes { raw in
            (0..<raw.count / 8).map { k in
                let value = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)))
                return value.isNaN ? nil : value
            }
        }
    }
    static func int64s(_ bytes: [UInt8]) -> [Int64]? { words(bytes)?.map { Int64(bitPattern: $0) } }
}
