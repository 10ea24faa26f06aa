import GlimpseLanguage

/// Whether the lines typed so far make a whole entry, or the shell should read
/// another line on the `...>` prompt.
public enum EntryCompleteness: Equatable, Sendable {
    /// Parse it and run it (it may still hold errors to report).
    case complete
    /// The text ends where more could follow: an unclosed parenthesis, a
    /// trailing operator or comma, an unterminated quote at the very end.
    case needsMoreInput

    /// Decides from the parser's first diagnostic: only a problem at the end of
    /// the input asks for more; an error earlier in the text is reported at once.
    public static func of(_ text: String) -> EntryCompleteness {
        let (_, diagnostics) = Parser.parse(Source(name: "<input>", text: text))
        return diagnostics.first?.wantsMoreInput == true ? .needsMoreInput : .complete
    }
}
