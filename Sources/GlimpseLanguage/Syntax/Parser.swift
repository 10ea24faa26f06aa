import GlimpseCore

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
    /// The `(` of the condition groups being read: at the end of the input inside one, a
    /// missing comparison is text not typed yet (the REPL reads on), as in an expression.
    private var conditionGroups: [SourceRange] = []

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

    /// What the clauses of a listing said so far, and where the statement ends.
    private struct ClauseState {
        var clauses = ListingClauses()
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

    // statement = binding | explain_statement | top_statement | words_statement | show_statement | expression ;
    private mutating func statement() throws(Failure) -> Statement {
        if current.kind == .word, let keyword = Keyword(rawValue: current.text) {
            switch keyword {
            case .let where peek(1).kind == .word:
                return try binding()
            case .explain where peek(1).kind == .word && (peek(1).text == Keyword.top.rawValue || peek(1).text == Keyword.words.rawValue):
                return try explainStatement()
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

    // explain_statement = "explain" ( top_statement | words_statement ) ;
    private mutating func explainStatement() throws(Failure) -> Statement {
        let start = advance().range
        var listing = current.text == Keyword.top.rawValue ? try topStatement() : try wordsStatement()
        switch listing.kind {
        case .top(let count, let query, var clauses):
            clauses.explain = true
            listing.kind = .top(count: count, query: query, clauses: clauses)
        case .words(let count, let query, var clauses):
            clauses.explain = true
            listing.kind = .words(count: count, query: query, clauses: clauses)
        default:
            break
        }
        listing.range = start.joined(listing.range)
        return listing
    }

    // top_statement = "top" [ count ] expression { top_clause } ;
    private mutating func topStatement() throws(Failure) -> Statement {
        let start = advance().range
        let count = try self.count()
        let query = try expression()
        var state = ClauseState(end: query.range)
        while startsClause {
            try topClause(&state)
        }
        return Statement(.top(count: count, query: query, clauses: state.clauses), range: start.joined(state.end))
    }

    // top_clause = filter | distinct | including ;
    /// Each clause at most once. An `among` is read here too, to say what is wrong with it.
    private mutating func topClause(_ state: inout ClauseState) throws(Failure) {
        if startsAmong {
            report(.invalidClause, "'among' limits the words of 'words'; images have no frequency order", at: advance().range,
                   notes: ["'words 10 IMG_42 among 20000' lists the 10 words nearest IMG_42 among the first (most frequent) 20,000"])
            throw Failure()
        } else if startsFilter {
            try filter(&state, onImages: true)
        } else if startsDistinct {
            try distinct(&state)
        } else {
            try including(&state)
        }
    }

    // words_statement = "words" [ count ] expression { words_clause } ;
    private mutating func wordsStatement() throws(Failure) -> Statement {
        let start = advance().range
        let count = try self.count()
        let query = try expression()
        var state = ClauseState(end: query.range)
        while startsClause {
            try wordsClause(&state)
        }
        return Statement(.words(count: count, query: query, clauses: state.clauses), range: start.joined(state.end))
    }

    // words_clause = among | filter | distinct | including ;
    /// Each clause at most once: a repeated one is reported at its first word.
    private mutating func wordsClause(_ state: inout ClauseState) throws(Failure) {
        if startsAmong {
            try among(&state)
        } else if startsFilter {
            try filter(&state, onImages: false)
        } else if startsDistinct {
            try distinct(&state)
        } else {
            try including(&state)
        }
    }

    // among = "among" NUMBER ;  (a whole number of at least 1: how many of the first words count)
    private mutating func among(_ state: inout ClauseState) throws(Failure) {
        let keyword = advance().range
        guard state.clauses.among == nil else {
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
        state.clauses.among = Count(Int(value), range: token.range)
        state.end = token.range
    }

    // filter = "where" condition ;
    /// On `words` only score conditions apply (words have no tags or files), and everywhere a
    /// score condition must be joined to the rest with `and`: it cuts the ranking off.
    private mutating func filter(_ state: inout ClauseState, onImages: Bool) throws(Failure) {
        let keyword = advance().range
        guard state.clauses.filter == nil else {
            report(.invalidClause, "'where' is already given", at: keyword,
                   notes: ["join the conditions with 'and' or 'or': where tag = \"sun\" and score > 0.5"])
            throw Failure()
        }
        let condition = try self.condition()
        try checkPlacement(of: condition, onImages: onImages, joinedByAnd: true)
        state.clauses.filter = condition
        state.end = condition.range
    }

    // distinct = "distinct" [ NUMBER ] ;  (a cosine above 0 and at most 1; 0.95 when left out)
    private mutating func distinct(_ state: inout ClauseState) throws(Failure) {
        let keyword = advance().range
        guard state.clauses.distinct == nil else {
            report(.invalidClause, "'distinct' is already given", at: keyword)
            throw Failure()
        }
        var clause = Distinct(threshold: nil, range: keyword)
        if current.kind == .number {
            let token = advance()
            guard let value = Double(token.text), value > 0, value <= 1 else {
                report(.invalidClause, "'distinct' takes a cosine similarity above 0 and at most 1, not '\(token.text)'", at: token.range,
                       notes: ["'distinct 0.9' folds every hit at least 0.9 alike to a better one into it"])
                throw Failure()
            }
            clause = Distinct(threshold: value, range: keyword.joined(token.range))
        }
        state.clauses.distinct = clause
        state.end = clause.range
    }

    // including = "including" "query" ;
    private mutating func including(_ state: inout ClauseState) throws(Failure) {
        let clause = advance().range.joined(advance().range)
        guard !state.clauses.includeQuery else {
            report(.invalidClause, "'including query' is already given", at: clause)
            throw Failure()
        }
        state.clauses.includeQuery = true
        state.end = clause
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

    // condition = conjunction { "or" conjunction } ;
    private mutating func condition() throws(Failure) -> Condition {
        depth += 1
        defer { depth -= 1 }
        try checkDepth()
        var left = try conjunction()
        let outer = treeDepth
        defer { treeDepth = outer }
        while isWord(current, "or") {
            try deeper()
            advance()
            let right = try conjunction()
            left = Condition(.or(left, right), range: left.range.joined(right.range))
        }
        return left
    }

    // conjunction = negation { "and" negation } ;
    private mutating func conjunction() throws(Failure) -> Condition {
        var left = try negation()
        let outer = treeDepth
        defer { treeDepth = outer }
        while isWord(current, "and") {
            try deeper()
            advance()
            let right = try negation()
            left = Condition(.and(left, right), range: left.range.joined(right.range))
        }
        return left
    }

    // negation = "not" negation | "(" condition ")" | comparison ;
    private mutating func negation() throws(Failure) -> Condition {
        let token = current
        if isWord(token, "not") {
            depth += 1
            defer { depth -= 1 }
            try checkDepth()
            let outer = treeDepth
            defer { treeDepth = outer }
            try deeper()
            advance()
            let operand = try negation()
            return Condition(.not(operand), range: token.range.joined(operand.range))
        }
        if token.kind == .leftParen {
            advance()
            conditionGroups.append(token.range)
            defer { conditionGroups.removeLast() }
            let inner = try condition()
            let close = try expect(.rightParen, "')' to close the '('", opening: token.range)
            return Condition(.group(inner), range: token.range.joined(close.range))
        }
        return try comparison()
    }

    // comparison = WORD comparator value ;   (the WORD names a ConditionField)
    /// Checks that the comparator and the value suit the field, so that a `Comparison` in the
    /// tree is always one the evaluator can test.
    private mutating func comparison() throws(Failure) -> Condition {
        guard current.kind == .word else { try expectationFailed("a condition, such as tag = \"sun\"", opening: current.kind == .end ? conditionGroups.last : nil) }
        let fieldToken = advance()
        guard let field = ConditionField(named: fieldToken.text) else {
            let close = ConditionField.allCases.map(\.name).filter { Vocabulary.areClose($0, fieldToken.text, within: 2) }
            let all = ConditionField.allCases.map(\.name).joined(separator: ", ")
            report(.unknownField, "unknown field '\(fieldToken.text)'", at: fieldToken.range,
                   notes: (close.isEmpty ? [] : ["did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"]) + ["the fields are \(all)"])
            throw Failure()
        }
        let (op, opRange) = try comparator()
        guard field.comparators.contains(op) else {
            let allowed = field.comparators.map(\.rawValue).joined(separator: " ")
            report(.invalidCondition, "'\(field.name)' cannot be compared with '\(op.rawValue)'", at: opRange,
                   notes: ["'\(field.name)' takes \(allowed), as in \(field.example)"])
            throw Failure()
        }
        let (value, valueRange) = try self.value(for: field)
        let fits: Bool
        switch (field.kind, value) {
        case (.text, .text), (.tags, .text), (.number, .number), (.score, .number), (.score, .relative), (.date, .date): fits = true
        default: fits = false
        }
        guard fits else {
            let wanted = switch field.kind {
            case .text, .tags: "text in quotes"
            case .number: "a number"
            case .score: "a number or 'best'"
            case .date: "a date written YYYY-MM-DD"
            }
            report(.invalidCondition, "'\(field.name)' is compared with \(wanted)", at: valueRange, notes: ["for example: \(field.example)"])
            throw Failure()
        }
        let comparison = Comparison(field: field, fieldRange: fieldToken.range, comparator: op, value: value, valueRange: valueRange)
        return Condition(.comparison(comparison), range: fieldToken.range.joined(valueRange))
    }

    // comparator = "=" | "!=" | "~" | "<" | "<=" | ">" | ">=" ;
    private mutating func comparator() throws(Failure) -> (Comparator, SourceRange) {
        let token = current
        let op: Comparator
        switch token.kind {
        case .equals: op = .equal
        case .notEquals: op = .notEqual
        case .tilde: op = .matches
        case .less: op = .less
        case .lessOrEqual: op = .lessOrEqual
        case .greater: op = .greater
        case .greaterOrEqual: op = .greaterOrEqual
        default: try expectationFailed("a comparison such as '=', '~' or '>='")
        }
        advance()
        return (op, token.range)
    }

    // value = PHRASE | WORD | date | relative_score | [ "-" ] NUMBER ;   ("best" is a relative_score after 'score')
    private mutating func value(for field: ConditionField) throws(Failure) -> (ConditionValue, SourceRange) {
        let token = current
        switch token.kind {
        case .phrase:
            advance()
            return (.text(token.text), token.range)
        case .word where field == .score && token.text == "best":
            return try relativeScore()
        case .word:
            advance()
            return (.text(token.text), token.range)
        case .number where startsDate:
            return try date()
        case .number where peek(1).kind == .star && isWord(peek(2), "best"):
            return try relativeScore()
        case .number:
            advance()
            guard let value = Double(token.text), value.isFinite else { throw Failure() }  // the lexer reported it
            return (.number(value), token.range)
        case .minus where peek(1).kind == .number:
            advance()
            let number = advance()
            guard let value = Double(number.text), value.isFinite else { throw Failure() }
            return (.number(value == 0 ? 0 : -value), token.range.joined(number.range))
        default:
            try expectationFailed("a value to compare '\(field.name)' with, as in \(field.example)")
        }
    }

    // date = NUMBER "-" NUMBER "-" NUMBER ;   (written without spaces: 2019-06-01)
    private mutating func date() throws(Failure) -> (ConditionValue, SourceRange) {
        let year = advance()
        advance()
        let month = advance()
        advance()
        let day = advance()
        let range = year.range.joined(day.range)
        let digits = [year.text, month.text, day.text]
        guard digits.map(\.count) == [4, 2, 2], digits.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(year.text), let m = Int(month.text), let d = Int(day.text) else {
            report(.invalidDate, "dates are written YYYY-MM-DD, like 2019-06-01, not '\(source.text(in: range))'", at: range)
            throw Failure()
        }
        let date = CalendarDate(year: y, month: m, day: d)
        guard date.isValid else {
            report(.invalidDate, "there is no date \(date.text)", at: range)
            throw Failure()
        }
        return (.date(date), range)
    }

    // relative_score = "best" [ "-" NUMBER ] | NUMBER "*" "best" ;
    private mutating func relativeScore() throws(Failure) -> (ConditionValue, SourceRange) {
        if isWord(current, "best") {
            let best = advance()
            guard current.kind == .minus, peek(1).kind == .number else { return (.relative(.below(0)), best.range) }
            advance()
            let number = advance()
            guard let value = Double(number.text), value.isFinite else { throw Failure() }
            return (.relative(.below(value)), best.range.joined(number.range))
        }
        let number = advance()
        advance()
        let best = advance()
        guard let value = Double(number.text), value.isFinite else { throw Failure() }
        return (.relative(.fraction(value)), number.range.joined(best.range))
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

    // primary = WORD | PHRASE | IMAGE | HIT | NUMBER | LAST_QUERY | call | "(" expression ")" ;
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
        case .lastQuery:
            advance()
            return Expression(.lastQuery, range: token.range)
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

    /// Nesting (parentheses, `not`) is refused past `maximumDepth`.
    private mutating func checkDepth() throws(Failure) {
        if depth > Parser.maximumDepth {
            report(.tooDeep, "the expression is nested too deeply (more than \(Parser.maximumDepth) levels)", at: current.range)
            throw Failure()
        }
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

    /// `among`, `where`, `distinct` and `including query` are clause words only where a clause
    /// may stand, right after a listing's query; anywhere else they are words.
    private var startsClause: Bool { startsAmong || startsFilter || startsDistinct || startsIncluding }

    private var startsAmong: Bool { isWord(current, "among") }

    private var startsFilter: Bool { isWord(current, "where") }

    private var startsDistinct: Bool { isWord(current, "distinct") }

    /// `2019-06-01`: three numbers and two minus signs with no space between them.
    private var startsDate: Bool {
        let parts = (0..<5).map(peek)
        guard parts[0].kind == .number, parts[1].kind == .minus, parts[2].kind == .number,
              parts[3].kind == .minus, parts[4].kind == .number else { return false }
        return zip(parts, parts.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound }
    }

    private func isWord(_ token: Token, _ text: String) -> Bool {
        token.kind == .word && token.text == text
    }

    /// A score condition cuts the ranking off, so it must hold for every listed hit: it cannot
    /// sit under `or` or `not`. `words` have only scores to test.
    private mutating func checkPlacement(of condition: Condition, onImages: Bool, joinedByAnd: Bool) throws(Failure) {
        switch condition.kind {
        case .comparison(let comparison):
            if !onImages && comparison.field != .score {
                report(.invalidCondition, "words have no '\(comparison.field.name)': 'where' on 'words' takes score conditions",
                       at: comparison.fieldRange, notes: ["for example: words 10 beach where score > 0.6"])
                throw Failure()
            }
            if comparison.field == .score && !joinedByAnd {
                report(.invalidCondition, "a score condition must be joined to the others with 'and'", at: comparison.fieldRange,
                       notes: ["scores cut the ranking off after the other conditions have chosen the images"])
                throw Failure()
            }
        case .and(let left, let right):
            try checkPlacement(of: left, onImages: onImages, joinedByAnd: joinedByAnd)
            try checkPlacement(of: right, onImages: onImages, joinedByAnd: joinedByAnd)
        case .or(let left, let right):
            try checkPlacement(of: left, onImages: onImages, joinedByAnd: false)
            try checkPlacement(of: right, onImages: onImages, joinedByAnd: false)
        case .not(let operand):
            try checkPlacement(of: operand, onImages: onImages, joinedByAnd: false)
        case .group(let inner):
            try checkPlacement(of: inner, onImages: onImages, joinedByAnd: joinedByAnd)
        }
    }

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
        case .plus, .minus, .star, .slash, .comma, .equals, .leftParen,
             .notEquals, .tilde, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
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
        case .word, .number, .phrase, .image, .hit, .lastQuery, .leftParen, .minus, .plus: true
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
