extension ValidationReport {
    /// Adds the counts of `other`, the report of the next chunk of the same series (a
    /// download validated page by page), to this one: counts add up, the range widens, the
    /// longest gap is the longer one and examples are kept up to three of each kind.
    public mutating func absorb(_ other: ValidationReport) {
        if rows == 0 { firstTs = other.firstTs }
        if other.rows > 0 { lastTs = other.lastTs }
        rows += other.rows
        gaps += other.gaps
        missingBars += other.missingBars
        if other.longestGapBars > longestGapBars { longestGapBars = other.longestGapBars; longestGapAfterTs = other.longestGapAfterTs }
        duplicates += other.duplicates
        unsorted += other.unsorted
        misaligned += other.misaligned
        ohlcViolations += other.ohlcViolations
        zeroVolume += other.zeroVolume
        nonPositive += other.nonPositive
        nan += other.nan
        spikes += other.spikes
        droppedOutOfOrder += other.droppedOutOfOrder
        droppedInvalid += other.droppedInvalid
        filled += other.filled
        rowsOut += other.rowsOut
        for example in other.examples where examples.count < 30 && examples.lazy.filter({ $0.kind == example.kind }).count < 3 {
            examples.append(example)
        }
    }
}
