/// CSV text of indicator outputs: `timestamp` then one column per output, empty cells for NaN,
/// numbers in Swift's shortest round-trip form.
enum IndicatorCSV {
    static func render(timestamps: [Int64], names: [String], columns: [[Double]]) -> String {
        var text = "timestamp," + names.joined(separator: ",") + "\n"
        text.reserveCapacity(timestamps.count * (14 + 20 * names.count))
        for i in timestamps.indices {
            text += String(timestamps[i])
            for column in columns {
                text += ","
                let v = column[i]
                if !v.isNaN { text += v.description }
            }
            text += "\n"
        }
        return text
    }
}
