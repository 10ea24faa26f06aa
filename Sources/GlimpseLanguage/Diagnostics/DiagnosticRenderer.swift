/// Turns diagnostics into the text a person reads:
///
///     tour.gq:3:7: error: unknown word 'beahc'
///         3 | top 5 beahc + sunrise
///           |       ^~~~~
///     note: did you mean 'beach', 'bench' or 'reach'?
public struct DiagnosticRenderer: Sendable {
    public var colour: Bool

    public init(colour: Bool = false) {
        self.colour = colour
    }

    public func render(_ diagnostic: Diagnostic, in source: Source) -> String {
        let start = source.location(of: diagnostic.range.lowerBound)
        let lineText = source.line(start.line)
        let lineLength = lineText.unicodeScalars.count
        let column = min(start.column, lineLength + 1)
        // Underline to the end of the range, or of the line when the range spans lines.
        let end = source.location(of: max(diagnostic.range.lowerBound, diagnostic.range.upperBound - 1))
        let lastColumn = end.line == start.line ? min(end.column, lineLength) : lineLength
        let width = max(1, lastColumn - column + 1)

        let gutter = String(start.line)
        let pad = String(repeating: " ", count: gutter.count)
        var out = "\(source.name):\(start.line):\(column): \(paint(diagnostic.severity.rawValue + ":", severityStyle(diagnostic.severity))) \(paint(diagnostic.message, "1"))\n"
        out += "\(pad) |\n"
        out += "\(gutter) | \(visible(lineText))\n"
        let marker = "^" + String(repeating: "~", count: width - 1)
        out += "\(pad) | \(indent(lineText, upTo: column - 1))\(paint(marker, "32;1"))\n"
        for note in diagnostic.notes {
            out += "\(paint("note:", "36;1")) \(note)\n"
        }
        return out
    }

    public func render(_ diagnostics: [Diagnostic], in source: Source) -> String {
        diagnostics.map { render($0, in: source) }.joined()
    }

    private func severityStyle(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "31;1"
        case .warning: "35;1"
        case .note: "36;1"
        }
    }

    private func paint(_ text: String, _ style: String) -> String {
        colour ? "\u{1B}[\(style)m\(text)\u{1B}[0m" : text
    }

    /// Control characters are shown as U+FFFD so they cannot move the cursor or
    /// hide the line; tabs stay tabs so the caret line can copy them.
    private func visible(_ line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.map { scalar in
            scalar == "\t" || scalar.value >= 0x20 && scalar.value != 0x7F ? scalar : "\u{FFFD}"
        }))
    }

    /// Spaces under the text before the caret, keeping tabs so columns line up.
    private func indent(_ line: String, upTo count: Int) -> String {
        String(line.unicodeScalars.prefix(count).map { $0 == "\t" ? "\t" : " " })
    }
}
