extension Figures {
    /// Simple returns per UTC calendar month from an equity curve.
    ///
    /// Semantics: a month's return is its last equity value divided by the previous month's last
    /// value, minus one; the first month is measured from the first equity value. Months without
    /// bars are absent (no zero is invented). `ts` must be increasing epoch milliseconds.
    public static func monthlyReturns(ts: [Int64], equity: [Double]) -> [MonthlyReturn] {
        let count = min(ts.count, equity.count)
        guard count > 0 else { return [] }
        var out: [MonthlyReturn] = []
        var base = equity[0]
        var current = CivilDate(epochMilliseconds: ts[0])
        var last = equity[0]
        for i in 0..<count {
            let date = CivilDate(epochMilliseconds: ts[i])
            if date.year != current.year || date.month != current.month {
                out.append(MonthlyReturn(year: current.year, month: current.month, value: last / base - 1))
                base = last
                current = date
            }
            last = equity[i]
        }
        out.append(MonthlyReturn(year: current.year, month: current.month, value: last / base - 1))
        return out
    }
}
