/// Words that begin statements. Anywhere else they are ordinary words, and a
/// quoted "top" is always the word. `let` is a keyword only before a name, and
/// `explain` only before `top` or `words`.
public enum Keyword: String, Sendable, CaseIterable {
    case `let`, top, words, show, explain
}
