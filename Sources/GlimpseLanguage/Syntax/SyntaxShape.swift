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
        case .top(let count, let query, let including): "(top \(count?.value ?? 0) \(of(query)) \(including))"
        case .words(let count, let query, let including, let among):
            "(words \(count?.value ?? 0) \(of(query)) \(including)\(among.map { " among \($0.value)" } ?? ""))"
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
        case .number(let value): "n:\(value.bitPattern)"
        case .negate(let operand): "(neg \(of(operand)))"
        case .binary(let op, let left, let right): "(\(op.rawValue) \(of(left)) \(of(right)))"
        case .call(let call): "(\(call.function.name) \(call.arguments.map(of).joined(separator: " ")))"
        case .group(let inner): "(group \(of(inner)))"
        }
    }
}
