/// Splits Glimpse text into tokens, following the lexical rules of Grammar/glimpse.ebnf.
///
/// The lexer never fails: what it cannot read becomes an `.invalid` token and a
/// diagnostic, so the parser can go on and report every problem in one pass.
public struct Lexer {
    private let source: Source
    private var scalars: [Unicode.Scalar] { source.scalars }
    private var position = 0
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []
    /// Open parentheses: a line break inside them does not end the statement.
    private var depth = 0
    /// No token yet on the current line.
    private var atLineStart = true

    public init(_ source: Source) {
        self.source = source
    }

    /// Tokens ending with `.end`, and the lexical diagnostics found on the way.
    public static func tokenize(_ source: Source) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source)
        lexer.run()
        return (lexer.tokens, lexer.diagnostics)
    }

    private mutating func run() {
        while let scalar = peek() {
            let start = position
            switch scalar {
            case " ", "\t", "\r", "\u{FEFF}":
                position += 1
            case "\n":
                position += 1
                if depth == 0 && !continuesOnNextLine { emit(.newline, "\n", from: start) }
                atLineStart = true
            case "-" where peek(1) == "-":
                while let next = peek(), next != "\n" { position += 1 }
            case "+": single(.plus)
            case "-": single(.minus)
            case "*": single(.star)
            case "/": single(.slash)
            case ",": single(.comma)
            case "=": single(.equals)
            case ";": single(.semicolon)
            case "~": single(.tilde)
            case "!" where peek(1) == "=": double(.notEquals)
            case "<" where peek(1) == "=": double(.lessOrEqual)
            case ">" where peek(1) == "=": double(.greaterOrEqual)
            case "<": single(.less)
            case ">": single(.greater)
            case "(":
                depth += 1
                single(.leftParen)
            case ")":
                depth = max(0, depth - 1)
                single(.rightParen)
            case "\"", "\u{201C}":
                phrase()
            case "[":
                bracketedImage()
            case "#":
                hit()
            case _ where Lexer.isDigit(scalar) || scalar == "." && peek(1).map(Lexer.isDigit) == true:
                numberOrWord()
            case _ where Lexer.isWordStart(scalar):
                word()
            default:
                position += 1
                emit(.invalid, String(scalar), from: start)
                report(.invalidCharacter, "unexpected character \(Lexer.describe(scalar))", from: start)
            }
        }
        // "found end of input" points just past the last token, not at a blank last line.
        let end = tokens.last(where: { $0.kind != .newline })?.range.upperBound ?? 0
        tokens.append(Token(.end, "", SourceRange(end, end), startsLine: false))
    }

    /// After an operator, a comma or an opening parenthesis the expression is not
    /// finished, so a line break continues it (as in the REPL's `...>` prompt).
    private var continuesOnNextLine: Bool {
        guard let last = tokens.last else { return false }
        switch last.kind {
        case .plus, .minus, .star, .slash, .comma, .equals, .leftParen,
             .notEquals, .tilde, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }

    private mutating func single(_ kind: TokenKind) {
        position += 1
        emit(kind, kind.rawValue, from: position - 1)
    }

    /// A two-character operator: `!=`, `<=`, `>=`.
    private mutating func double(_ kind: TokenKind) {
        position += 2
        emit(kind, kind.rawValue, from: position - 2)
    }

    private mutating func word() {
        let start = position
        while let scalar = peek(), Lexer.isWordPart(scalar) { position += 1 }
        let text = source.text(in: SourceRange(start, position))
        if let number = Lexer.imageNumber(text) {
            emit(.image, number, from: start)
        } else if text == "_" {
            emit(.lastQuery, text, from: start)
        } else {
            emit(.word, text, from: start)
        }
    }

    /// A number, unless letters follow without a space (`3d`, `1st`): then it is a word.
    private mutating func numberOrWord() {
        let start = position
        while let scalar = peek(), Lexer.isDigit(scalar) { position += 1 }
        if peek() == ".", peek(1).map(Lexer.isDigit) == true {
            position += 1
            while let scalar = peek(), Lexer.isDigit(scalar) { position += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1) == "+" || peek(1) == "-" ? 1 : 0
            if peek(1 + sign).map(Lexer.isDigit) == true {
                position += 1 + sign
                while let scalar = peek(), Lexer.isDigit(scalar) { position += 1 }
            }
        }
        let text = source.text(in: SourceRange(start, position))
        // Only plain digits can begin a word: after `1.5` or `.5` the word lexer would
        // stop at the '.' and read nothing, so `1.5x` is a number, then a word.
        if let next = peek(), Lexer.isWordPart(next), text.unicodeScalars.allSatisfy(Lexer.isDigit) {
            position = start
            word()
            return
        }
        emit(.number, text, from: start)
        if let value = Double(text), !value.isFinite {
            report(.invalidNumber, "number '\(text)' is too large", from: start)
        }
    }

    private mutating func phrase() {
        let start = position
        let closing: Unicode.Scalar = scalars[position] == "\"" ? "\"" : "\u{201D}"
        position += 1
        var contents = String.UnicodeScalarView()
        while let scalar = peek() {
            if scalar == "\n" { break }
            position += 1
            if scalar == closing {
                emit(.phrase, String(contents), from: start)
                return
            }
            if scalar == "\\", let escaped = peek(), escaped == "\"" || escaped == "\\" {
                position += 1
                contents.append(escaped)
            } else {
                contents.append(scalar)
            }
        }
        emit(.invalid, String(contents), from: start)
        if peek() == nil {
            // At the very end the phrase may simply not be typed yet: the REPL reads on.
            report(.unexpectedEndOfInput, "unterminated quoted phrase", from: start)
        } else {
            report(.unterminatedPhrase, "unterminated quoted phrase; add a closing '\"'", from: start)
        }
    }

    /// `[IMG_12]`, the origin demo's spelling of an image reference.
    private mutating func bracketedImage() {
        let start = position
        position += 1
        let wordStart = position
        while let scalar = peek(), Lexer.isWordPart(scalar) { position += 1 }
        let inner = source.text(in: SourceRange(wordStart, position))
        if let number = Lexer.imageNumber(inner), peek() == "]" {
            position += 1
            emit(.image, number, from: start)
        } else {
            if peek() == "]" { position += 1 }
            emit(.invalid, source.text(in: SourceRange(start, position)), from: start)
            report(.invalidImageReference, "expected an image reference like '[IMG_12]'", from: start)
        }
    }

    /// `#3`: the third result of the previous listing.
    private mutating func hit() {
        let start = position
        position += 1
        let digitsStart = position
        while let scalar = peek(), Lexer.isDigit(scalar) { position += 1 }
        let digits = source.text(in: SourceRange(digitsStart, position))
        if digits.isEmpty || peek().map(Lexer.isWordPart) == true {
            while let scalar = peek(), Lexer.isWordPart(scalar) { position += 1 }
            emit(.invalid, source.text(in: SourceRange(start, position)), from: start)
            report(.invalidHitReference, "expected a result number after '#', like '#1'", from: start)
        } else {
            emit(.hit, digits, from: start)
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func emit(_ kind: TokenKind, _ text: String, from start: Int) {
        tokens.append(Token(kind, text, SourceRange(start, position), startsLine: atLineStart && kind != .newline))
        atLineStart = false
    }

    private mutating func report(_ id: DiagnosticID, _ message: String, from start: Int) {
        diagnostics.append(Diagnostic(id, message, at: SourceRange(start, max(position, start + 1))))
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar >= "0" && scalar <= "9"
    }

    static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        isWordStart(scalar) || isDigit(scalar) || scalar.properties.numericType != nil
            || scalar.properties.generalCategory == .nonspacingMark
            || scalar.properties.generalCategory == .spacingMark
    }

    /// The number in `IMG_12` (any letter case), or nil for other words.
    static func imageNumber(_ word: String) -> String? {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count > 4,
              String(String.UnicodeScalarView(scalars[0..<4])).uppercased() == "IMG_",
              scalars[4...].allSatisfy(isDigit)
        else { return nil }
        return String(String.UnicodeScalarView(scalars[4...]))
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + String(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))
        if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.generalCategory == .format {
            return code
        }
        return "'\(scalar)' (\(code))"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
