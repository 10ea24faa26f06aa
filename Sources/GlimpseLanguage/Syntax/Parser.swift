/// Builds a `Script` from tokens by recursive descent.
///
/// One function per syntax rule of Grammar/glimpse.ebnf, with the rule's name in
/// camelCase and the rule as a comment above it (GrammarTests checks both ways).
/// On an error the parser records a diagnostic, skips to the end of the statement
/// and goes on, so one run reports every syntax error of a script.
public struct Parser {
    private let tokens: [Token]
    private let source: Source
    private var index = 0
    private var diagnostics: [Diagnostic]
    /// Where diagnostics start, so that checking for an earlier one at the same
    /// place stays O(1): a script of 100,000 bad lines must not take quadratic time.
    private var reportedOffsets: Set<Int>
    private var depth = 0
    /// Nesting plus operators in a row: `a + b + c` is `(a + b) + c`, so a long sum
    /// is a deep tree, and evaluating or printing it recurses once per level.
    private var treeDepth = 0

    /// Nesting beyond this is refused rather than risking the stack.
    public static let maximumDepth = 256
    /// How deep the tree of one expression may grow, counting each operator of a
    /// chain as a level. A bound this low keeps every recursion over the tree far
    /// from the end of the stack, even in a debug build.
    public static let maximumTreeDepth = 512
    /// The largest K of `top K` and `words K`.
    public static let maximumCount = 10_000

    private init(source: Source) {
        self.source = source
        let lexed = Lexer.tokenize(source)
        self.tokens = lexed.tokens
        self.diagnostics = lexed.diagnostics
        self.reportedOffsets = Set(lexed.diagnostics.map(\.range.lowerBound))
    }

    /// Parses a whole script; the diagnostics are empty when it is well formed.
    public static func parse(_ source: Source) -> (script: Script, diagnostics: [Diagnostic]) {
        var parser = Parser(source: source)
        let script = parser.script()
        return (script, parser.diagnostics.sorted { $0.range.lowerBound < $1.range.lowerBound })
    }

    private struct Failure: Error {}

    /// What the clauses after a listing's query said, and where the statement ends.
    private struct ListingClauses {
        var includeQuery = false
        var among: Count?
        var end: SourceRange
    }

    // MARK: - Rules, in the order of the grammar

    // script = { separator } [ statement { separator { separator } statement } { separator } ] ;
    private mutating func script() -> Script {
        var statements: [Statement] = []
        while true {
            while separator() {}
            if current.kind == .end { break }
            do {
                let parsed = try statement()
                try expectEndOfStatement()
                statements.append(parsed)
            } catch {
                recover()
            }
        }
        return Script(statements: statements)
    }

    // separator = ";" | NEWLINE ;
    /// Reads one separator; false, reading nothing, when the next token is none.
    private mutating func separator() -> Bool {
        guard current.kind == .semicolon || current.kind == .newline else { return false }
        advance()
        return true
    }

    // statement = binding | top_statement | words_statement | show_statement | expression ;
    private mutating func statement() throws(Failure) -> Statement {
        if current.kind == .word, let keyword = Keyword(rawValue: current.text) {
            switch keyword {
            case .let where peek(1).kind == .word:
                return try binding()
            case .top:
                return try topStatement()
            case .words:
                return try wordsStatement()
            case .show:
                return try showStatement()
            default:
                break
            }
        }
        let value = try expression()
        return Statement(.expression(value), range: value.range)
    }

    // binding = "let" WORD "=" expression ;
    private mutating func binding() throws(Failure) -> Statement {
        let start = advance().range
        let nameToken = advance()
        if Keyword(rawValue: nameToken.text) != nil {
            report(.keywordAsName, "'\(nameToken.text)' is a keyword and cannot name a variable", at: nameToken.range)
            throw Failure()
        }
        try expect(.equals, "'=' after the variable name")
        let value = try expression()
        return Statement(.binding(name: Name(nameToken.text, range: nameToken.range), value: value),
                         range: start.joined(value.range))
    }

    // top_statement = "top" [ count ] expression [ including ] ;
    private mutating func topStatement() throws(Failure) -> Statement {
        let start = advance().range
        let count = try self.count()
        let query = try expression()
        var clauses = ListingClauses(end: query.range)
        // The clauses of 'words' are read here too, to say what is wrong with them:
        // a second 'including query' (including reports it), or any 'among'.
        while startsWordsClause {
            if startsAmong {
                report(.invalidClause, "'among' limits the words of 'words'; images have no frequency order", at: advance().range,
                       notes: ["'words 10 IMG_42 among 20000' lists the 10 words nearest IMG_42 among the first (most frequent) 20,000"])
                throw Failure()
            }
            try including(&clauses)
        }
        return Statement(.top(count: count, query: query, includeQuery: clauses.includeQuery), range: start.joined(clauses.end))
    }

    // words_statement = "words" [ count ] expression { words_clause } ;
    private mutating func wordsStatement() throws(Failure) -> Statement {
        let start = advance().range
        let count = try self.count()
        let query = try expression()
        var clauses = ListingClauses(end: query.range)
        while startsWordsClause {
            try wordsClause(&clauses)
        }
        return Statement(.words(count: count, query: query, includeQuery: clauses.includeQuery, among: clauses.among),
                         range: start.joined(clauses.end))
    }

    // words_clause = among | including ;
    /// Each clause at most once: a repeated one is reported at its first word.
    private mutating func wordsClause(_ clauses: inout ListingClauses) throws(Failure) {
        if startsAmong {
            try among(&clauses)
        } else {
            try including(&clauses)
        }
    }

    // among = "among" NUMBER ;  (a whole number of at least 1: how many of the first words count)
    private mutating func among(_ clauses: inout ListingClauses) throws(Failure) {
        let keyword = advance().range
        guard clauses.among == nil else {
            report(.invalidClause, "'among' is already given", at: keyword)
            throw Failure()
        }
        guard current.kind == .number else {
            report(.invalidClause, "'among' needs a number of words, as in 'among 20000'", at: isEndOfStatement(current) ? keyword : current.range)
            throw Failure()
        }
        let token = advance()
        guard let value = Double(token.text), value.rounded() == value, value >= 1, value <= Double(Int32.max) else {
            report(.invalidCount, "'among' needs a whole number of words of at least 1, not '\(token.text)'", at: token.range)
            throw Failure()
        }
        clauses.among = Count(Int(value), range: token.range)
        clauses.end = token.range
    }

    // including = "including" "query" ;
    private mutating func including(_ clauses: inout ListingClauses) throws(Failure) {
        let clause = advance().range.joined(advance().range)
        guard !clauses.includeQuery else {
            report(.invalidClause, "'including query' is already given", at: clause)
            throw Failure()
        }
        clauses.includeQuery = true
        clauses.end = clause
    }

    // show_statement = "show" expression ;
    private mutating func showStatement() throws(Failure) -> Statement {
        let start = advance().range
        let target = try expression()
        return Statement(.show(target), range: start.joined(target.range))
    }

    // count = NUMBER ;  (only when an expression follows, so `top 2*park` weighs park)
    private mutating func count() throws(Failure) -> Count? {
        if current.kind == .minus, peek(1).kind == .number, startsExpression(peek(2)) || isEndOfStatement(peek(2)) {
            let range = current.range.joined(peek(1).range)
            report(.invalidCount, "the number of results must be at least 1", at: range)
            throw Failure()
        }
        guard current.kind == .number, startsExpression(peek(1)) || isEndOfStatement(peek(1)) else { return nil }
        let token = advance()
        guard let value = Double(token.text), value.rounded() == value, value >= 1 else {
            report(.invalidCount, "the number of results must be a whole number of at least 1, not '\(token.text)'", at: token.range)
            throw Failure()
        }
        guard value <= Double(Parser.maximumCount) else {
            report(.invalidCount, "the number of results must be at most \(Parser.maximumCount), not '\(token.text)'", at: token.range)
            throw Failure()
        }
        if isEndOfStatement(current) {
            try expectationFailed("an expression after the count")
        }
        return Count(Int(value), range: token.range)
    }

    // expression = sum ;
    private mutating func expression() throws(Failure) -> Expression {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth {
            report(.tooDeep, "the expression is nested too deeply (more than \(Parser.maximumDepth) levels)", at: current.range)
            throw Failure()
        }
        let outer = treeDepth
        defer { treeDepth = outer }
        try deeper()
        return try sum()
    }

    // sum = product { ( "+" | "-" ) product } ;
    private mutating func sum() throws(Failure) -> Expression {
        var left = try product()
        let outer = treeDepth
        defer { treeDepth = outer }
        while current.kind == .plus || current.kind == .minus {
            try deeper()
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            let right = try product()
            left = Expression(.binary(op, left, right), range: left.range.joined(right.range))
        }
        return left
    }

    // product = unary { ( "*" | "/" ) unary } ;
    private mutating func product() throws(Failure) -> Expression {
        var left = try unary()
        let outer = treeDepth
        defer { treeDepth = outer }
        while current.kind == .star || current.kind == .slash {
            try deeper()
            let op: BinaryOperator = advance().kind == .star ? .multiply : .divide
            let right = try unary()
            left = Expression(.binary(op, left, right), range: left.range.joined(right.range))
        }
        return left
    }

    // unary = ( "-" | "+" ) unary | primary ;
    private mutating func unary() throws(Failure) -> Expression {
        if current.kind == .minus || current.kind == .plus {
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maximumDepth {
                report(.tooDeep, "the expression is nested too deeply (more than \(Parser.maximumDepth) levels)", at: current.range)
                throw Failure()
            }
            let outer = treeDepth
            defer { treeDepth = outer }
            try deeper()
            let sign = advance()
            let operand = try unary()
            if sign.kind == .plus { return Expression(operand.kind, range: sign.range.joined(operand.range)) }
            return Expression(.negate(operand), range: sign.range.joined(operand.range))
        }
        return try primary()
    }

    // primary = WORD | PHRASE | IMAGE | HIT | NUMBER | call | "(" expression ")" ;
    private mutating func primary() throws(Failure) -> Expression {
        let token = current
        switch token.kind {
        case .word where peek(1).kind == .leftParen:
            return try call()
        case .word:
            advance()
            return Expression(.word(token.text), range: token.range)
        case .phrase:
            advance()
            guard token.text.contains(where: { !$0.isWhitespace }) else {
                report(.emptyPhrase, "a quoted phrase needs at least one word", at: token.range)
                throw Failure()
            }
            return Expression(.phrase(token.text), range: token.range)
        case .image:
            advance()
            guard let number = Int(token.text), number >= 1 else {
                report(.invalidImageReference, "no image has the id 'IMG_\(token.text)'; ids start at IMG_1", at: token.range)
                throw Failure()
            }
            return Expression(.image(number), range: token.range)
        case .hit:
            advance()
            guard let number = Int(token.text), number >= 1 else {
                report(.invalidHitReference, "result numbers start at #1", at: token.range)
                throw Failure()
            }
            return Expression(.hit(number), range: token.range)
        case .number:
            advance()
            guard let value = Double(token.text), value.isFinite else { throw Failure() }  // the lexer reported it
            return Expression(.number(value), range: token.range)
        case .leftParen:
            advance()
            let inner = try expression()
            let close = try expect(.rightParen, "')' to close the '('", opening: token.range)
            return Expression(.group(inner), range: token.range.joined(close.range))
        case .invalid:
            throw Failure()  // the lexer reported it
        default:
            try expectationFailed("an expression")
        }
    }

    // call = WORD "(" [ expression { "," expression } ] ")" ;   (the WORD names a Function)
    /// Resolves the function and checks the arguments' number and kind, so that a
    /// `Call` in the tree is always one the evaluator can run.
    private mutating func call() throws(Failure) -> Expression {
        let nameToken = advance()
        let open = advance()
        var arguments: [Expression] = []
        if current.kind != .rightParen {
            arguments.append(try expression())
            while current.kind == .comma {
                advance()
                arguments.append(try expression())
            }
        }
        let close = try expect(.rightParen, "')' to end the call to '\(nameToken.text)'", opening: open.range)
        let range = nameToken.range.joined(close.range)
        guard let function = Function(rawValue: nameToken.text) else {
            let known = Function.allCases.map { "'\($0.name)'" }.joined(separator: ", ")
            report(.unknownFunction, "unknown function '\(nameToken.text)'", at: nameToken.range,
                   notes: ["the functions are \(known)"])
            throw Failure()
        }
        guard function.arity.contains(arguments.count) else {
            let wanted = function.arity.upperBound == Int.max
                ? "at least \(function.arity.lowerBound) argument"
                : function.arity.lowerBound == 1 && function.arity.upperBound == 1 ? "1 argument"
                : "\(function.arity.lowerBound) arguments"
            report(.wrongArgumentCount, "'\(function.name)' takes \(wanted), not \(arguments.count)", at: range,
                   notes: ["usage: \(function.signature)"])
            throw Failure()
        }
        let call: Call
        switch function {
        case .mean:
            call = .mean(arguments)
        case .norm:
            call = .norm(arguments[0])
        case .sim:
            call = .sim(arguments[0], arguments[1])
        case .image:
            guard case .phrase(let file) = arguments[0].kind else {
                report(.typeMismatch, "'image' takes a file name in quotes, like image(\"photo.jpg\")", at: arguments[0].range)
                throw Failure()
            }
            call = .image(file: file, at: arguments[0].range)
        }
        return Expression(.call(call), range: range)
    }

    // MARK: - Checks between rules

    /// After a statement: a separator or the end of the input must follow.
    private mutating func expectEndOfStatement() throws(Failure) {
        if isEndOfStatement(current) { return }
        if startsExpression(current), let previous = index > 0 ? tokens[index - 1] : nil {
            let left = source.text(in: previous.range)
            let right = source.text(in: current.range)
            report(.missingOperator, "expected an operator between '\(left)' and '\(right)'", at: current.range,
                   notes: ["did you mean '\(left) + \(right)'?"])
        } else {
            report(.unexpectedToken, "expected the end of the statement, found \(describe(current))", at: current.range)
        }
        throw Failure()
    }

    /// One level deeper in the tree being built; refused past `maximumTreeDepth`.
    private mutating func deeper() throws(Failure) {
        treeDepth += 1
        if treeDepth > Parser.maximumTreeDepth {
            report(.tooDeep, "the expression is too long: more than \(Parser.maximumTreeDepth) operations deep", at: current.range,
                   notes: ["split it with 'let', or use mean(...) for many terms"])
            throw Failure()
        }
    }

    /// `among` and `including query` are clause words only where a clause may stand,
    /// right after a listing's query; anywhere else they are words.
    private var startsWordsClause: Bool { startsAmong || startsIncluding }

    private var startsAmong: Bool { current.kind == .word && current.text == "among" }

    private var startsIncluding: Bool {
        current.kind == .word && current.text == "including" && peek(1).kind == .word && peek(1).text == "query"
    }

    // MARK: - Tokens

    private var current: Token { tokens[min(index, tokens.count - 1)] }

    private func peek(_ offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    @discardableResult
    private mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    @discardableResult
    private mutating func expect(_ kind: TokenKind, _ what: String, opening: SourceRange? = nil) throws(Failure) -> Token {
        if current.kind == kind { return advance() }
        try expectationFailed(what, opening: opening)
    }

    /// Reports what was expected and where. At the end of the input, after an
    /// operator or inside an open parenthesis, the problem is missing text: the
    /// REPL reads another line instead of reporting it.
    private mutating func expectationFailed(_ what: String, opening: SourceRange? = nil) throws(Failure) -> Never {
        if current.kind == .invalid { throw Failure() }  // the lexer reported it
        let found = describe(current)
        var notes: [String] = []
        if let opening {
            let location = source.location(of: opening.lowerBound)
            notes.append("the '(' is at line \(location.line), column \(location.column)")
        }
        let id: DiagnosticID = current.kind == .end && (opening != nil || previousAwaitsOperand) ? .unexpectedEndOfInput : .unexpectedToken
        report(id, "expected \(what), found \(found)", at: current.range, notes: notes)
        throw Failure()
    }

    private var previousAwaitsOperand: Bool {
        guard index > 0 else { return false }
        switch tokens[index - 1].kind {
        case .plus, .minus, .star, .slash, .comma, .equals, .leftParen: return true
        default: return false
        }
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .end, .newline: token.kind.spelledName
        default: "'\(source.text(in: token.range))'"
        }
    }

    private func startsExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .word, .number, .phrase, .image, .hit, .leftParen, .minus, .plus: true
        default: false
        }
    }

    private func isEndOfStatement(_ token: Token) -> Bool {
        token.kind == .newline || token.kind == .semicolon || token.kind == .end
    }

    /// Skips the rest of a statement that had an error: to the next separator, or
    /// to a keyword that begins a line, since an unclosed parenthesis hides the
    /// line breaks after it.
    private mutating func recover() {
        while !isEndOfStatement(current) {
            // The failing token is never its own statement's keyword (statements
            // consume their keyword first), so stopping here always makes progress.
            if current.startsLine, current.kind == .word, Keyword(rawValue: current.text) != nil { return }
            advance()
        }
    }

    private mutating func report(_ id: DiagnosticID, _ message: String, at range: SourceRange, notes: [String] = []) {
        // The lexer may already have reported this spot; one message per place is enough.
        guard reportedOffsets.insert(range.lowerBound).inserted else { return }
        diagnostics.append(Diagnostic(id, message, at: range, notes: notes))
    }
}
