import Foundation

/// UTC date ticks for a time axis of epoch-millisecond timestamps.
///
/// Semantics: the interval is the one of 1, 2, 5, 10, 15, 30 minutes; 1, 2, 3, 6, 12 hours;
/// 1, 2 days; 1, 2 weeks (Mondays); 1, 2, 3, 6 months; 1, 2, 5, 10, 20, 50 years whose length is
/// nearest to `span / target` in ratio (so the tick count is within a factor of about 1.9 of
/// `target`; charts ask for fewer if labels would overlap). Ticks sit on calendar boundaries
/// (minute multiples from midnight, midnights, first days of months, 1 January). Labels: `14:30` for minutes and hours with the
/// date (`5 Mar`) as context where the day changes; `5 Mar` for days and weeks with the year as
/// context where it changes; `Mar` for months with the year as context; `2021` for years.
public enum DateTicks {
    /// A calendar interval.
    public enum Unit: Sendable, Equatable { case minute, hour, day, week, month, year }

    /// The interval chosen for `span` milliseconds and about `target` ticks.
    public static func interval(span: Int64, target: Int) -> (unit: Unit, count: Int) {
        let wanted = Double(max(span, 1)) / Double(max(target, 1))
        if wanted > approximateLength((.year, 50)) * 1.5 {
            var years = 100
            while Double(years) * 365.2425 * 86_400_000 < wanted { years *= 10 }
            return (.year, years)
        }
        return candidates.min { abs(log(approximateLength($0) / wanted)) < abs(log(approximateLength($1) / wanted)) }!
    }

    /// Labelled ticks inside `[from, to]` (epoch ms, inclusive).
    public static func ticks(from: Int64, to: Int64, target: Int = 6) -> [Tick] {
        let lo = min(from, to), hi = max(from, to)
        let (unit, count) = interval(span: hi - lo, target: target)
        var out: [Tick] = []
        var previous: CivilDate? = nil
        for ms in positions(from: lo, to: hi, unit: unit, count: count) {
            let date = CivilDate(epochMilliseconds: ms)
            out.append(label(date, unit: unit, previous: previous, value: Double(ms)))
            previous = date
        }
        return out
    }

    static let candidates: [(unit: Unit, count: Int)] = [
        (.minute, 1), (.minute, 2), (.minute, 5), (.minute, 10), (.minute, 15), (.minute, 30),
        (.hour, 1), (.hour, 2), (.hour, 3), (.hour, 6), (.hour, 12),
        (.day, 1), (.day, 2), (.week, 1), (.week, 2),
        (.month, 1), (.month, 2), (.month, 3), (.month, 6),
        (.year, 1), (.year, 2), (.year, 5), (.year, 10), (.year, 20), (.year, 50),
    ]

    static func approximateLength(_ interval: (unit: Unit, count: Int)) -> Double {
        let minute = 60_000.0, day = 86_400_000.0
        let base: Double
        switch interval.unit {
        case .minute: base = minute
        case .hour: base = 60 * minute
        case .day: base = day
        case .week: base = 7 * day
        case .month: base = 30.436875 * day
        case .year: base = 365.2425 * day
        }
        return base * Double(interval.count)
    }

    static func positions(from lo: Int64, to hi: Int64, unit: Unit, count: Int) -> [Int64] {
        var out: [Int64] = []
        switch unit {
        case .minute, .hour, .day, .week:
            let length = Int64(approximateLength((unit, count)))
            // Weeks start on Monday; 1970-01-05 (day 4) was a Monday.
            let offset: Int64 = unit == .week ? 4 * CivilDate.millisecondsPerDay : 0
            var t = (floorDiv(lo - offset - 1, length) + 1) * length + offset
            while t <= hi { out.append(t); t += length }
        case .month:
            let start = CivilDate(epochMilliseconds: lo)
            var index = start.year * 12 + (start.month - 1)
            if CivilDate(year: start.year, month: start.month, day: 1).epochMilliseconds < lo { index += 1 }
            while index % count != 0 { index += 1 }
            while true {
                let t = CivilDate(year: floorDivInt(index, 12), month: index - floorDivInt(index, 12) * 12 + 1, day: 1).epochMilliseconds
                if t > hi { break }
                out.append(t)
                index += count
            }
        case .year:
            let start = CivilDate(epochMilliseconds: lo)
            var year = start.year
            if CivilDate(year: year, month: 1, day: 1).epochMilliseconds < lo { year += 1 }
            while year % count != 0 { year += 1 }
            while true {
                let t = CivilDate(year: year, month: 1, day: 1).epochMilliseconds
                if t > hi { break }
                out.append(t)
                year += count
            }
        }
        return out
    }

    static func label(_ date: CivilDate, unit: Unit, previous: CivilDate?, value: Double) -> Tick {
        let dayText = "\(date.day) \(date.monthName)"
        let newDay = previous.map { $0.year != date.year || $0.month != date.month || $0.day != date.day } ?? true
        let newYear = previous.map { $0.year != date.year } ?? true
        switch unit {
        case .minute, .hour:
            let time = (date.hour < 10 ? "0" : "") + "\(date.hour):" + (date.minute < 10 ? "0" : "") + "\(date.minute)"
            return Tick(value: value, label: time, context: newDay ? dayText : nil)
        case .day, .week:
            return Tick(value: value, label: dayText, context: newYear ? String(date.year) : nil)
        case .month:
            return Tick(value: value, label: date.monthName, context: newYear ? String(date.year) : nil)
        case .year:
            return Tick(value: value, label: String(date.year))
        }
    }
}

@inline(__always) func floorDivInt(_ a: Int, _ b: Int) -> Int {
    Int(floorDiv(Int64(a), Int64(b)))
}
