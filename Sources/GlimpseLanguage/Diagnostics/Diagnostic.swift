/// A problem found in a query, as data: rendering and exit codes happen at the edge.
public struct Diagnostic: Sendable, Equatable, Error {
    public var id: DiagnosticID
    public var severity: Severity
    /// Lowercase, quoting the offending text: `unknown word 'beahc'`.
    public var message: String
    public var range: SourceRange
    /// Further lines, such as suggestions: `did you mean 'beach'?`.
    public var notes: [String]

    public init(_ id: DiagnosticID, _ message: String, at range: SourceRange,
                severity: Severity = .error, notes: [String] = []) {
        self.id = id
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
    }

    public enum Severity: String, Sendable {
        case error, warning, note
    }

    /// Whether the problem is in the text itself (exit 65) rather than in what it
    /// asked of the space (exit 70) or in reading the space (exit 74).
    public var isSyntax: Bool { id.stage == .syntax }

    /// True when more input could complete the text: an unclosed parenthesis, a
    /// trailing operator. The REPL then reads another line instead of reporting.
    public var wantsMoreInput: Bool
    {
        id == .unexpectedEndOfInput
    }
}

/// Stable identifiers of diagnostics, for tests, tools and documentation.
public enum DiagnosticID: String, Sendable, CaseIterable {
    // lexical and syntactic (exit 65)
    case invalidCharacter = "syntax.invalid-character"
    case unterminatedPhrase = "syntax.unterminated-string"  // the id is older than the name PHRASE; ids stay
    case invalidNumber = "syntax.invalid-number"
    case invalidImageReference = "syntax.invalid-image"
    case invalidHitReference = "syntax.invalid-hit"
    case unexpectedToken = "syntax.unexpected-token"
    case unexpectedEndOfInput = "syntax.unexpected-end"
    case missingOperator = "syntax.missing-operator"
    case invalidCount = "syntax.invalid-count"
    case invalidClause = "syntax.invalid-clause"
    case keywordAsName = "syntax.keyword-as-name"
    case unknownFunction = "syntax.unknown-function"
    case wrongArgumentCount = "syntax.argument-count"
    case tooDeep = "syntax.too-deep"
    case emptyPhrase = "syntax.empty-phrase"
    case unknownField = "syntax.unknown-field"
    case invalidCondition = "syntax.invalid-condition"
    case invalidDate = "syntax.invalid-date"
    // evaluation (exit 70)
    case unknownWord = "name.unknown-word"
    case unknownImage = "name.unknown-image"
    case noListing = "name.no-listing"
    case hitOutOfRange = "name.hit-out-of-range"
    case noLastQuery = "name.no-last-query"
    case unknownCollection = "name.unknown-collection"
    case typeMismatch = "type.mismatch"
    case zeroVector = "value.zero-vector"
    case divisionByZero = "value.division-by-zero"
    case notFinite = "value.not-finite"
    case noImages = "space.no-images"
    case noFileFacts = "space.no-file-facts"
    case noCollections = "space.no-collections"
    case imageUnavailable = "image.unavailable"
    case distinctUnavailable = "space.no-distinct"
    // reading what the space keeps elsewhere (exit 74)
    case imagesUnreadable = "io.images-unreadable"

    public enum Stage: Sendable { case syntax, evaluation, input }

    public var stage: Stage {
        if rawValue.hasPrefix("syntax.") { return .syntax }
        return rawValue.hasPrefix("io.") ? .input : .evaluation
    }
}
