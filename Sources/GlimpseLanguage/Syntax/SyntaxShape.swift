/// A syntax tree as an s-expression without its source ranges, so trees parsed
/// from differently spaced text compare equal exactly when their structure does
/// (the property tests and the fuzz target compare printed and re-parsed trees).
public enum SyntaxShape {
    public static func of(_ script: Script) -> String {
        script.statements.map(of).joined(separator: "\n")
    }

    public static func of(_ statement: Statement) -> String {
        switch statement.kind {
        case .binding(let name, let value): "(let \(name.text) \(of(value)))"
        case .top(let count, let query, let clauses): "(top \(count?.value ?? 0) \(of(query))\(of(clauses)))"
        case .words(let count, let query, let clauses): "(words \(count?.value ?? 0) \(of(query))\(of(clauses)))"
        case .show(let target): "(show \(of(target)))"
        case .expression(let expression): of(expression)
        }
    }

    public static func of(_ expression: Expression) -> String {
        switch expression.kind {
        case .word(let text): "w:\(text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "."))"
        case .phrase(let text): "p:\(text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "."))"
        case .image(let number): "IMG_\(number)"
        case .hit(let number): "#\(number)"
        case .lastQuery: "_"
        case .number(let value): "n:\(value.bitPattern)"
        case .negate(let operand): "(neg \(of(operand)))"
        case .binary(let op, let left, let right): "(\(op.rawValue) \(of(left)) \(of(right)))"
        case .call(let call): "(\(call.function.name) \(call.arguments.map(of).joined(separator: " ")))"
        case .group(let inner): "(group \(of(inner)))"
        }
    }

    static func of(_ clauses: ListingClauses) -> String {
        var out = ""
        if clauses.explain { out += " explain" }
        if let among = clauses.among { out += " among \(among.value)" }
        if let filter = clauses.filter { out += " (where \(of(filter)))" }
        if let distinct = clauses.distinct { out += " (distinct \(distinct.threshold.map { String($0.bitPattern) } ?? "-"))" }
        if clauses.includeQuery { out += " including" }
        return out
    }

    public static func of(_ condition: Condition) -> String {
        switch condition.kind {
        case .comparison(let c): "(\(c.comparator.rawValue) \(c.field.name) \(of(c.value)))"
        case .and(let left, let right): "(and \(of(left)) \(of(right)))"
        case .or(let left, let right): "(or \(of(left)) \(of(right)))"
        case .not(let operand): "(not \(of(operand)))"
        case .group(let inner): "(group \(of(inner)))"
        }
    }

    static func of(_ value: ConditionValue) -> String {
        switch value {
        case .text(let text): "t:\(text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "."))"
        case .number(let value): "n:\(value.bitPattern)"
        case .date(let date): "d:\(date.text)"
        case .relative(.below(let x)): "(best- n:\(x.bitPattern))"
        case .relative(.fraction(let x)): "(best* n:\(x.bitPattern))"
        }
    }
}
