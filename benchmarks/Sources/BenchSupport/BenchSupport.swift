import Foundation

// Small helpers every benchmark executable shares: command-line options, clocks, peak memory.

/// The value following `name` on the command line (`--threads 4` → "4"), if any.
public func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

/// The integer following `name` on the command line, or `fallback` when absent or not an integer.
public func option(_ name: String, _ fallback: Int) -> Int {
    option(name).flatMap(Int.init) ?? fallback
}

/// Monotonic wall-clock seconds.
public func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU seconds used by the whole process (all threads): tells the code's speed apart from the
/// share of a busy machine it was given.
public func cpuTime() -> Double { clockSeconds(CLOCK_PROCESS_CPUTIME_ID) }

/// CPU seconds used by the calling thread.
public func threadCPUTime() -> Double { clockSeconds(CLOCK_THREAD_CPUTIME_ID) }

func clockSeconds(_ clock: clockid_t) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Peak resident memory (VmHWM) in MiB, from /proc/self/status; NaN where unavailable.
public func peakRSS() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Double($0) } ?? .nan
        return kb / 1024
    }
    return .nan
}

/// Order statistics of benchmark samples.
public enum Stats {
    /// Linear-interpolation quantile (numpy's default), as in the peers' tables.
    public static func quantile(_ values: [Double], _ q: Double) -> Double {
        let s = values.sorted()
        guard s.count > 1 else { return s.first ?? .nan }
        let h = q * Double(s.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
}
