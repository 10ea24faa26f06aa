import GlimpseLanguage

/// A query text split where `QueryEdit.combining` puts a term: parsed once, then extended
/// with any number of terms, as a page does for the + and − of every result.
///
/// Combining is `head + joint + term + tail`: the joint is ` + ` or ` - ` after the last
/// query expression, the tail what followed it (`beach + IMG_3 including query`); a text
/// with no query expression keeps its statements in the head (`let x = sea; `) and gets
/// the term as a statement of its own (`-` before it when it is subtracted).
public struct ExtendableQuery: Sendable {
    /// The text before the term's joint.
    public let head: String
    /// The text after the term.
    public let tail: String
    /// Whether the term joins the last query expression (else it is a statement of its own).
    public let extendsExpression: Bool

    public init(_ text: String) {
        let source = Source(name: "<input>", text: text)
        let (script, syntaxErrors) = Parser.parse(source)
        let last = syntaxErrors.isEmpty ? script.statements.last(where: { QueryEdit.queryExpression(of: $0) != nil }) : nil
        if let last, let expression = QueryEdit.queryExpression(of: last) {
            let end = expression.range.upperBound
            head = String(String.UnicodeScalarView(source.scalars[..<end]))
            tail = String(String.UnicodeScalarView(source.scalars[end...]))
            extendsExpression = true
        } else {
            let kept = text.trimmingBlanksAndSeparators
            head = kept.isEmpty ? "" : kept + "; "
            tail = ""
            extendsExpression = false
        }
    }

    /// What goes between the head and the term.
    public func joint(_ operation: QueryEdit.Operation) -> String {
        if extendsExpression { return " \(operation.symbol) " }
        return operation == .add ? "" : "-"
    }

    /// The text with `term` added to or subtracted from its last query expression.
    public func combining(_ operation: QueryEdit.Operation, _ term: String) -> String {
        head + joint(operation) + term + tail
    }
}
