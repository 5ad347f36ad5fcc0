import Indicators

/// The text of `crucible indicator --list`, one block per registry entry, sorted by name.
enum IndicatorListing {
    static func text() -> String {
        var lines: [String] = []
        for d in IndicatorRegistry.all {
            lines.append("\(d.name)  — \(d.summary)")
            lines.append("    inputs:     " + d.inputs.map(\.rawValue).joined(separator: ", "))
            let parameters = d.parameters.map { "\($0.name)=\($0.defaultText)" } + d.conventions.map { "\($0.name)=\($0.value) (fixed)" }
            lines.append("    parameters: " + (parameters.isEmpty ? "none" : parameters.joined(separator: ", ")))
            lines.append("    outputs:    " + d.outputs.joined(separator: ", ")
                         + (d.lookAheadOutputs.isEmpty ? "" : "  (looks ahead, plotting only: " + d.lookAheadOutputs.joined(separator: ", ") + ")"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
