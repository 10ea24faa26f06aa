/// Prints syntax trees back as Glimpse text that parses to the same tree.
///
/// Spacing is canonical (`beach + 2*park`), parentheses are kept where the source
/// had them, and phrases are re-escaped.
public enum Printer {
    public static func text(of script: Script) -> String {
        script.statements.map(text(of:)).joined(separator: "\n")
    }

    public static func text(of statement: Statement) -> String {
        switch statement.kind {
        case .binding(let name, let value):
            return "let \(name.text) = \(text(of: value))"
        case .top(let count, let query, let clauses):
            return listing("top", count, query, clauses)
        case .words(let count, let query, let clauses):
            return listing("words", count, query, clauses)
        case .show(let target):
            return "show \(text(of: target))"
        case .expression(let expression):
            // A bare expression that starts with a keyword would read as a statement
            // (`let` only when a name follows, and an operator or the end follows here).
            // The parser made it from `+words ...`: a unary '+' gives the same tree back,
            // where parentheses would add a group.
            let printed = text(of: expression)
            if case .word(let word) = leftmost(expression).kind, let keyword = Keyword(rawValue: word), keyword != .let {
                return "+" + printed
            }
            return printed
        }
    }

    public static func text(of expression: Expression) -> String {
        switch expression.kind {
        case .word(let word): return word
        case .phrase(let phrase): return quoted(phrase)
        case .image(let number): return "IMG_\(number)"
        case .hit(let number): return "#\(number)"
        case .lastQuery: return "_"
        case .number(let value): return number(value)
        case .group(let inner): return "(\(text(of: inner)))"
        case .negate(let operand):
            // "--" would start a comment.
            let operandText = text(of: operand)
            return operandText.hasPrefix("-") ? "- " + operandText : "-" + operandText
        case .binary(let op, let left, let right):
            let rightText = text(of: right)
            switch op {
            case .add, .subtract: return "\(text(of: left)) \(op.rawValue) \(rightText)"
            case .multiply, .divide: return "\(text(of: left))\(op.rawValue)\(rightText)"
            }
        case .call(let call):
            return "\(call.function.name)(\(call.arguments.map(text(of:)).joined(separator: ", ")))"
        }
    }

    public static func text(of condition: Condition) -> String {
        switch condition.kind {
        case .comparison(let comparison):
            return "\(comparison.field.name) \(comparison.comparator.rawValue) \(text(of: comparison.value))"
        case .and(let left, let right): return "\(text(of: left)) and \(text(of: right))"
        case .or(let left, let right): return "\(text(of: left)) or \(text(of: right))"
        case .not(let operand): return "not \(text(of: operand))"
        case .group(let inner): return "(\(text(of: inner)))"
        }
    }

    static func text(of value: ConditionValue) -> String {
        switch value {
        case .text(let text): return quoted(text)
        case .number(let value): return number(value)
        case .date(let date): return date.text
        case .relative(.below(let x)): return x == 0 ? "best" : "best - \(number(x))"
        case .relative(.fraction(let x)): return "\(number(x))*best"
        }
    }

    /// `distinct` or `distinct 0.9`.
    public static func text(of distinct: Distinct) -> String {
        distinct.threshold.map { "distinct \(number($0))" } ?? "distinct"
    }

    private static func listing(_ keyword: String, _ count: Count?, _ query: Expression, _ clauses: ListingClauses) -> String {
        var out = clauses.explain ? "explain " + keyword : keyword
        if let count { out += " \(count.value)" }
        // Without a count, a leading number followed by '+', '-' or nothing would be
        // read as the count; a unary '+' keeps it in the query.
        out += count == nil && leadingNumberReadsAsCount(query) ? " +" : " "
        out += text(of: query)
        if let among = clauses.among { out += " among \(among.value)" }
        if let filter = clauses.filter { out += " where " + text(of: filter) }
        if let distinct = clauses.distinct { out += " " + text(of: distinct) }
        if clauses.includeQuery { out += " including query" }
        return out
    }

    private static func leadingNumberReadsAsCount(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .number:
            return true
        case .negate(let operand):
            return leadingNumberReadsAsCount(operand)
        case .binary(let op, let left, _):
            if case .binary = left.kind { return leadingNumberReadsAsCount(left) }
            return (op == .add || op == .subtract) && leadingNumberReadsAsCount(left)
        default:
            return false
        }
    }

    private static func leftmost(_ expression: Expression) -> Expression {
        if case .binary(_, let left, _) = expression.kind { return leftmost(left) }
        return expression
    }

    static func quoted(_ text: String) -> String {
        // By scalar, not Character: a quote followed by a combining mark is one
        // Character, yet the lexer ends the phrase at the quote scalar.
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out.append("\\") }
            out.append(scalar)
        }
        out.append("\"")
        return String(out)
    }

    /// Whole numbers without a fraction, others in Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
