/// Words that begin statements. Anywhere else they are ordinary words, and a
/// quoted "top" is always the word.
public enum Keyword: String, Sendable, CaseIterable {
    case `let`, top, words, show
}
