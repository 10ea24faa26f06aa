/// One lexical unit of Glimpse, with where it came from.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    /// The token's meaning where it differs from its spelling: a phrase's contents
    /// without quotes and escapes, an image's or hit's number, a word as written.
    public var text: String
    public var range: SourceRange
    /// Whether the token is the first on its line. Error recovery uses it to find
    /// the next statement when a parenthesis was left open.
    public var startsLine: Bool

    public init(_ kind: TokenKind, _ text: String, _ range: SourceRange, startsLine: Bool = false) {
        self.kind = kind
        self.text = text
        self.range = range
        self.startsLine = startsLine
    }
}

/// The kinds of token; the lexical rules in Grammar/glimpse.ebnf name the same.
public enum TokenKind: String, Sendable, Equatable, CaseIterable {
    case word        // beach, king, café, mp3, x1
    case number      // 2, 0.5, 1e-3
    case phrase      // "ice cream"
    case image       // IMG_12 or [IMG_12]
    case hit         // #3
    case lastQuery = "last_query"  // _
    case plus = "+", minus = "-", star = "*", slash = "/"
    case leftParen = "(", rightParen = ")", comma = ",", equals = "=", semicolon = ";"
    case notEquals = "!=", tilde = "~", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case newline
    case invalid     // a character or construct the lexer could not read; a diagnostic says why
    case end

    /// How a token of this kind is named in diagnostics.
    public var spelledName: String {
        switch self {
        case .word: "a word"
        case .number: "a number"
        case .phrase: "a quoted phrase"
        case .image: "an image reference"
        case .hit: "a result reference"
        case .lastQuery: "'_'"
        case .newline: "end of line"
        case .end: "end of input"
        case .invalid: "an invalid character"
        default: "'\(rawValue)'"
        }
    }
}
