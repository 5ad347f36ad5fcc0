/// Drawdown spells of a return series, measured on the wealth index.
///
/// Semantics: wealth W₀ = 1, Wₜ = Wₜ₋₁(1 + rₜ) (index t is the wealth after the t-th return,
/// i.e. 0-based return position t − 1). Running peak Pₜ = max_{u≤t} W_u. Period t is
/// underwater iff Wₜ < Pₜ (strict: a flat period at the peak is not). A spell is a maximal run
/// a…b of underwater periods with peak s = a − 1; it recovers at e = b + 1 when b < n
/// (duration e − s, peak to recovery) and is open otherwise (duration n − s, peak to the last
/// observation). The longest spell wins, ties to the earliest; the deepest spell holds the
/// first t where Wₜ/Pₜ − 1 is minimal.
public struct DrawdownDurations: Sendable, Equatable {
    /// One drawdown spell in wealth indices.
    public struct Spell: Sendable, Equatable {
        /// Wealth index of the peak (0 = initial capital).
        public var peakIndex: Int
        /// Wealth index of the lowest point.
        public var troughIndex: Int
        /// First wealth index back at or above the peak; nil while still open.
        public var recoveryIndex: Int?
        /// W_trough / W_peak − 1 (≤ 0).
        public var depth: Double
        /// Periods from the peak to the recovery (or to the last observation when open).
        public var duration: Int
        /// Number of underwater periods, b − a + 1.
        public var underwaterPeriods: Int
        /// Whether the wealth got back to the peak.
        public var recovered: Bool { recoveryIndex != nil }
    }

    /// All spells in time order.
    public var spells: [Spell]
    /// Largest drawdown (min over t of Wₜ/Pₜ − 1), 0 when there is none.
    public var maxDrawdown: Double

    /// The longest spell (earliest on ties), nil when there is none.
    public var longest: Spell? {
        var best: Spell?
        for s in spells where best == nil || s.duration > best!.duration { best = s }
        return best
    }

    /// The spell that contains the deepest point, nil when there is none.
    public var deepest: Spell? {
        var best: Spell?
        for s in spells where best == nil || s.depth < best!.depth { best = s }
        return best
    }

    /// Longest duration in periods (0 without a spell).
    public var maxDuration: Int { longest?.duration ?? 0 }

    /// Scans the wealth index once.
    public init(returns: [Double]) {
        let n = returns.count
        var spells: [Spell] = []
        var wealth = 1.0, peak = 1.0, peakIndex = 0
        var worst = 0.0
        // The open spell, if any: its start's peak index, its trough and depth so far, its
        // underwater count (plain locals: the hot loop never touches an optional struct).
        var isOpen = false
        var openPeak = 0, trough = 0, depth = 0.0, underwater = 0
        for t in stride(from: 1, through: n, by: 1) {
            wealth *= 1 + returns[t - 1]
            if wealth < peak {
                let dd = wealth / peak - 1
                // empyrical's anchor of 100 changes nothing in the ratio but its rounding.
                let ddEmpyrical = (wealth * 100 - peak * 100) / (peak * 100)
                worst = min(worst, ddEmpyrical)
                if !isOpen {
                    isOpen = true; openPeak = peakIndex; trough = t; depth = dd; underwater = 0
                }
                underwater += 1
                if dd < depth { depth = dd; trough = t }
            } else {
                if isOpen {
                    spells.append(Spell(peakIndex: openPeak, troughIndex: trough, recoveryIndex: t, depth: depth,
                                        duration: t - openPeak, underwaterPeriods: underwater))
                    isOpen = false
                }
                peak = wealth
                peakIndex = t
            }
        }
        if isOpen {
            spells.append(Spell(peakIndex: openPeak, troughIndex: trough, recoveryIndex: nil, depth: depth,
                                duration: n - openPeak, underwaterPeriods: underwater))
        }
        self.spells = spells
        self.maxDrawdown = worst
    }
}
