import GlimpseLanguage

/// How results are printed: `--format` in scripts, `.mode` in the REPL.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people.
    case table
    /// One JSON object per result line, for notebooks and other tools.
    case json
    /// Comma-separated values with one header row.
    case csv
    /// Image file paths (or words), one per line, for piping into viewers.
    case paths

    public func makeFormatter(style: TableStyle = TableStyle()) -> any OutcomeFormatter {
        switch self {
        case .table: TableFormatter(style: style)
        case .json: JSONLinesFormatter()
        case .csv: CSVFormatter()
        case .paths: PathsFormatter()
        }
    }
}

/// Turns the outcome of each statement into text for one output format.
public protocol OutcomeFormatter {
    /// The text for the outcome of statement number `statement` (1-based); empty
    /// when the outcome prints nothing in this format.
    mutating func format(_ outcome: Outcome, statement: Int) -> String
    /// Text for standard output when a statement fails (the rendered diagnostic
    /// always goes to standard error); empty for formats with no error records.
    mutating func format(failure: Diagnostic, statement: Int, source: Source) -> String
}

/// How a table looks: set by the REPL from the terminal.
public struct TableStyle: Sendable {
    /// Print the query as evaluated above each listing (scripts do; the REPL,
    /// where the user just typed it, does not).
    public var echoQuery: Bool
    /// The widest line allowed; titles and tags are cut to fit. nil: no limit.
    public var width: Int?

    public init(echoQuery: Bool = true, width: Int? = nil) {
        self.echoQuery = echoQuery
        self.width = width
    }
}
