import GlimpseLanguage

/// Random syntax trees that a parser could have produced, for property tests.
///
/// "Could have produced" is the Printer's contract: the parser keeps `( )` as a
/// group node and has no node for unary `+`, so a right operand that binds more
/// loosely than its operator is wrapped in a group here, exactly as the text
/// would have needed parentheses. Ranges are dummies; comparisons ignore them.
struct PropertyRandomSyntax {
    /// Words the evaluator tests know (TestSpace.words), plus the keywords, which
    /// are ordinary words away from the start of a statement.
    var words = TestSpace.words + ["let", "top", "words", "show", "including", "query", "café", "3d", "Beach",
                                   "explain", "where", "distinct", "among", "and", "or", "not", "best", "tag", "score"]
    /// Deeper trees only make the tests slower; the parser's own limit is tested elsewhere.
    var maximumDepth = 5
    /// Statements per script.
    var statementCount = 1...6
    /// The K and N of `top K`, `words K` and `among N`, when only these (nil: any).
    var counts: [Int]?
    /// Whether `#n` appears (false: a word in its place).
    var readsHits = true
    /// One listing in this many gets `explain`, `where` or `distinct` (the rest only `including query`).
    var clausesInOneOf = 1

    private static let none = SourceRange(0, 0)

    func script(using rng: inout some RandomNumberGenerator) -> Script {
        Script(statements: (0..<Int.random(in: statementCount, using: &rng)).map { _ in statement(using: &rng) })
    }

    func statement(using rng: inout some RandomNumberGenerator) -> Statement {
        let count: Count? = Bool.random(using: &rng) ? nil
            : Count(counts?.randomElement(using: &rng) ?? Int.random(in: 1...Parser.maximumCount, using: &rng), range: Self.none)
        switch Int.random(in: 0..<5, using: &rng) {
        case 0:
            let names = words.filter { Keyword(rawValue: $0) == nil && !$0.first!.isNumber }
            return Statement(.binding(name: Name(names.randomElement(using: &rng)!, range: Self.none),
                                      value: expression(depth: 0, using: &rng)), range: Self.none)
        case 1:
            return Statement(.top(count: count, query: expression(depth: 0, using: &rng), clauses: clauses(onImages: true, using: &rng)),
                             range: Self.none)
        case 2:
            var clauses = clauses(onImages: false, using: &rng)
            clauses.among = Bool.random(using: &rng)
                ? Count(counts?.randomElement(using: &rng) ?? Int.random(in: 1...500_000, using: &rng), range: Self.none) : nil
            return Statement(.words(count: count, query: expression(depth: 0, using: &rng), clauses: clauses), range: Self.none)
        case 3:
            return Statement(.show(expression(depth: 0, using: &rng)), range: Self.none)
        default:
            // Also one that begins with a keyword: the parser makes it from `+words + x`.
            return Statement(.expression(expression(depth: 0, using: &rng)), range: Self.none)
        }
    }

    /// The clauses of a listing; on `words` a `where` has score comparisons only.
    func clauses(onImages: Bool, using rng: inout some RandomNumberGenerator) -> ListingClauses {
        var clauses = ListingClauses(includeQuery: Bool.random(using: &rng))
        guard Int.random(in: 0..<clausesInOneOf, using: &rng) == 0 else { return clauses }
        clauses.explain = Int.random(in: 0..<4, using: &rng) == 0
        if Bool.random(using: &rng) { clauses.filter = condition(depth: 0, onImages: onImages, scoresAllowed: true, using: &rng) }
        if Int.random(in: 0..<3, using: &rng) == 0 {
            let threshold: Double? = Bool.random(using: &rng) ? nil : [1, 0.95, 0.5, 1e-3, 0.123456789].randomElement(using: &rng)!
            clauses.distinct = Distinct(threshold: threshold, range: Self.none)
        }
        return clauses
    }

    /// A condition the parser accepts: `or` of `and`s of negations, score comparisons only where
    /// every hit must pass them (under `and` and groups), and only those on `words`.
    func condition(depth: Int, onImages: Bool, scoresAllowed: Bool, using rng: inout some RandomNumberGenerator) -> Condition {
        guard depth < 3, Bool.random(using: &rng) else { return comparison(onImages: onImages, scoresAllowed: scoresAllowed, using: &rng) }
        switch Int.random(in: 0..<4, using: &rng) {
        case 0 where onImages:
            // condition = conjunction { "or" conjunction }: left-associative, the right side a conjunction.
            return conditionNode(.or(condition(depth: depth + 1, onImages: onImages, scoresAllowed: false, using: &rng),
                                     asConjunction(condition(depth: depth + 1, onImages: onImages, scoresAllowed: false, using: &rng))))
        case 1 where onImages:
            return conditionNode(.not(asNegation(condition(depth: depth + 1, onImages: onImages, scoresAllowed: false, using: &rng))))
        case 2:
            return conditionNode(.group(condition(depth: depth + 1, onImages: onImages, scoresAllowed: scoresAllowed, using: &rng)))
        default:
            return conditionNode(.and(asConjunction(condition(depth: depth + 1, onImages: onImages, scoresAllowed: scoresAllowed, using: &rng)),
                                      asNegation(condition(depth: depth + 1, onImages: onImages, scoresAllowed: scoresAllowed, using: &rng))))
        }
    }

    func comparison(onImages: Bool, scoresAllowed: Bool, using rng: inout some RandomNumberGenerator) -> Condition {
        let fields = ConditionField.allCases.filter { $0 == .score ? scoresAllowed : onImages }
        // On words there are no 'or' and 'not', so scores are always allowed there and `fields` is never empty.
        let field = fields.randomElement(using: &rng) ?? .score
        let comparator = field.comparators.randomElement(using: &rng)!
        let value: ConditionValue
        switch field.kind {
        case .text, .tags: value = .text(Bool.random(using: &rng) ? words.randomElement(using: &rng)! : phrase(using: &rng))
        case .number: value = .number(signed(number(using: &rng), using: &rng))
        case .date:
            value = .date(CalendarDate(year: Int.random(in: 1000...9999, using: &rng), month: Int.random(in: 1...12, using: &rng),
                                       day: Int.random(in: 1...28, using: &rng)))
        case .score:
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: value = .relative(.below(Bool.random(using: &rng) ? 0 : number(using: &rng)))
            case 1: value = .relative(.fraction(number(using: &rng)))
            default: value = .number(signed(number(using: &rng), using: &rng))
            }
        }
        return conditionNode(.comparison(Comparison(field: field, fieldRange: Self.none, comparator: comparator, value: value, valueRange: Self.none)))
    }

    /// The number or its negation; never -0, which the parser reads as 0.
    private func signed(_ value: Double, using rng: inout some RandomNumberGenerator) -> Double {
        Bool.random(using: &rng) || value == 0 ? value : -value
    }

    /// A conjunction or tighter, grouping an `or`.
    private func asConjunction(_ condition: Condition) -> Condition {
        if case .or = condition.kind { return conditionNode(.group(condition)) }
        return condition
    }

    /// A negation or tighter, grouping any `and` or `or`.
    private func asNegation(_ condition: Condition) -> Condition {
        switch condition.kind {
        case .and, .or: return conditionNode(.group(condition))
        default: return condition
        }
    }

    private func conditionNode(_ kind: Condition.Kind) -> Condition {
        Condition(kind, range: Self.none)
    }

    /// Any expression: a sum, as `expression = sum`.
    func expression(depth: Int, using rng: inout some RandomNumberGenerator) -> Expression {
        guard depth < maximumDepth, Int.random(in: 0..<3, using: &rng) > 0 else { return primary(depth: depth, using: &rng) }
        switch Int.random(in: 0..<6, using: &rng) {
        case 0, 1:
            let op: BinaryOperator = Bool.random(using: &rng) ? .add : .subtract
            // sum = product { ("+" | "-") product }: left-associative, so the right operand is a product.
            return node(.binary(op, expression(depth: depth + 1, using: &rng),
                                asProduct(expression(depth: depth + 1, using: &rng))))
        case 2, 3:
            let op: BinaryOperator = Bool.random(using: &rng) ? .multiply : .divide
            return node(.binary(op, asProduct(expression(depth: depth + 1, using: &rng)),
                                asUnary(expression(depth: depth + 1, using: &rng))))
        case 4:
            return node(.negate(asUnary(expression(depth: depth + 1, using: &rng))))
        default:
            return node(.group(expression(depth: depth + 1, using: &rng)))
        }
    }

    func primary(depth: Int, using rng: inout some RandomNumberGenerator) -> Expression {
        switch Int.random(in: 0..<12, using: &rng) {
        case 0...3: return node(.word(words.randomElement(using: &rng)!))
        case 4: return node(.phrase(phrase(using: &rng)))
        case 5: return node(.image(Int.random(in: 1...20, using: &rng)))
        case 6:
            // `_` is an error before the first query: now and then, so that batches still grow.
            if Int.random(in: 0..<6, using: &rng) == 0 { return node(.lastQuery) }
            return readsHits ? node(.hit(Int.random(in: 1...12, using: &rng))) : node(.word(words.randomElement(using: &rng)!))
        case 7, 8: return node(.number(number(using: &rng)))
        default:
            guard depth < maximumDepth else { return node(.word(words.randomElement(using: &rng)!)) }
            let call: Call
            switch Function.allCases.randomElement(using: &rng)! {
            case .mean: call = .mean((0..<Int.random(in: 1...4, using: &rng)).map { _ in expression(depth: depth + 1, using: &rng) })
            case .norm: call = .norm(expression(depth: depth + 1, using: &rng))
            case .sim: call = .sim(expression(depth: depth + 1, using: &rng), expression(depth: depth + 1, using: &rng))
            case .image: call = .image(file: phrase(using: &rng), at: Self.none)
            }
            return node(.call(call))
        }
    }

    /// Phrase text with at least one visible character, and the characters printing must escape.
    func phrase(using rng: inout some RandomNumberGenerator) -> String {
        let pieces = ["ice", "cream", " ", "\"", "\\", "\u{301}", "\"\u{301}", "café", "“", "”", "\t", "#1", "--", "IMG_2", "é", "日本"]
        var text = words.randomElement(using: &rng)!
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let piece = pieces.randomElement(using: &rng)!
            if Bool.random(using: &rng) { text += piece } else { text = piece + text }
        }
        return text
    }

    /// Non-negative finite numbers; a minus sign is a `negate` node.
    func number(using rng: inout some RandomNumberGenerator) -> Double {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return Double(Int.random(in: 0...100, using: &rng))
        case 1: return Double(Int.random(in: 0...999, using: &rng)) / 100
        case 2: return Double.random(in: 0..<1, using: &rng)
        case 3: return Double.random(in: 0...1, using: &rng) * pow10(Int.random(in: -30...300, using: &rng))
        default: return [0, 1e15, 1e-7, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 0.1, 1e16 + 2].randomElement(using: &rng)!
        }
    }

    private func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<abs(exponent) { value = exponent < 0 ? value / 10 : value * 10 }
        return value
    }

    /// A product or tighter, grouping a sum.
    private func asProduct(_ expression: Expression) -> Expression {
        if case .binary(let op, _, _) = expression.kind, op == .add || op == .subtract { return node(.group(expression)) }
        return expression
    }

    /// A unary or tighter, grouping any binary.
    private func asUnary(_ expression: Expression) -> Expression {
        if case .binary = expression.kind { return node(.group(expression)) }
        return expression
    }

    private func node(_ kind: Expression.Kind) -> Expression {
        Expression(kind, range: Self.none)
    }
}
