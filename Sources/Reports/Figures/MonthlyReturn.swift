/// The return of one UTC calendar month.
public struct MonthlyReturn: Sendable, Equatable {
    public var year: Int
    /// 1...12
    public var month: Int
    /// Simple return as a fraction (0.05 = +5%).
    public var value: Double

    public init(year: Int, month: Int, value: Double) {
        self.year = year
        self.month = month
        self.value = value
    }
}
