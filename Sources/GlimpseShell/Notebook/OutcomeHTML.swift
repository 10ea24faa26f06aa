import GlimpseLanguage

/// The HTML of the outcomes the notebook and the web page render alike: a number, a
/// binding, and the facts of a shown image. Each renders its own pictures and links.
public enum OutcomeHTML {
    /// `expression = value`.
    public static func number(_ value: Double, expression: String) -> String {
        "<p class=\"number\"><code>\(escape(expression))</code> = <b>\(ScoreText.number(value))</b></p>\n"
    }

    /// `let name = ...`: the name and its number or formula.
    public static func binding(name: String, value: Value) -> String {
        switch value {
        case .number(let number):
            return "<p class=\"formula\"><code>\(escape(name))</code> = \(ScoreText.number(number))</p>\n"
        case .vector(let vector):
            return "<p class=\"formula\"><code>\(escape(name))</code> = <code>\(escape(vector.formula))</code></p>\n"
        }
    }

    /// A shown image's file, title, tags and file facts, as a definition list.
    public static func facts(of details: ImageDetails) -> String {
        "<dl><dt>file</dt><dd>\(escape(details.record.file))</dd><dt>title</dt><dd>\(escape(details.record.title))</dd>"
            + "<dt>tags</dt><dd>\(escape(details.record.tags.joined(separator: ", ")))</dd>"
            + (details.facts.map { facts in
                ImageFactsText.lines(file: details.record.file, facts: facts).map { "<dt>\($0.name)</dt><dd>\(escape($0.value))</dd>" }.joined()
            } ?? "") + "</dl>"
    }
}
