/// The most memory one allocation sized by user input (a spec field, a command-line option)
/// may take. Sizes are checked against it before anything is allocated, so a hostile or
/// mistyped count (`paths: 1e9`, `--bars 100000000000`) is refused with the figure it would
/// have cost instead of exhausting the machine.
public enum AllocationLimit {
    /// 4 GiB.
    public static let bytes = 4 << 30

    /// Nil when `count` items of `bytesEach` bytes fit in the limit; otherwise the reason, e.g.
    /// `1000000000 paths would take about 864 GB (864 bytes each); at most 4970969 fit in the 4 GiB limit`.
    public static func exceeded(_ count: Int, bytesEach: Int, what: String) -> String? {
        let each = max(bytesEach, 1)
        let (total, overflow) = count.multipliedReportingOverflow(by: each)
        guard overflow || total > bytes else { return nil }
        let size = overflow ? "more than \(Int.max) bytes" : "about \(readable(total))"
        return "\(count) \(what) would take \(size) (\(each) bytes each); at most \(bytes / each) fit in the \(readable(bytes)) limit"
    }

    /// Bytes as text with a binary unit (`4 GiB`, `864 GiB`), two significant figures at least.
    static func readable(_ n: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(n), k = 0
        while value >= 1024 && k < units.count - 1 { value /= 1024; k += 1 }
        let shown = value >= 10 || value == value.rounded() ? String(Int(value.rounded())) : String(Double(Int(value * 10)) / 10)
        return "\(shown) \(units[k])"
    }
}
