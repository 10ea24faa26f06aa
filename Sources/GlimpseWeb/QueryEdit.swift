import GlimpseLanguage

/// The query texts that the page's links lead to: a result used as the query, or
/// added to or subtracted from the query on the page.
///
/// What gets extended is the last query expression: that of the last `top`,
/// `words` or bare expression. `beach + sunrise` plus IMG_4009 is
/// `beach + sunrise + IMG_4009`; `let x = bike - park; top 12 x` minus IMG_7 is
/// `let x = bike - park; top 12 x - IMG_7`. Clauses after the expression stay after
/// it (`top 5 beach + IMG_3 including query`). A text with no query expression
/// gets the term as a statement of its own.
public enum QueryEdit {
    public enum Operation: Sendable {
        case add, subtract

        var symbol: String { self == .add ? "+" : "-" }
    }

    /// `text` with `term` added to or subtracted from its last query expression.
    public static func combining(_ text: String, _ operation: Operation, _ term: String) -> String {
        ExtendableQuery(text).combining(operation, term)
    }

    /// The expression a link may extend: that of `top`, `words` or a bare expression.
    static func queryExpression(of statement: Statement) -> Expression? {
        switch statement.kind {
        case .top(_, let query, _), .words(_, let query, _): query
        case .expression(let expression): expression
        case .binding, .show: nil
        }
    }
}

/// How the page writes a word or an image into a query.
public enum QueryTerm {
    /// `IMG_12` for image number 12 (`Space.imageNumber(row:)`: row 11 unless `glimpse index`
    /// removed images before it).
    public static func image(number: Int) -> String { "IMG_\(number)" }

    /// A vocabulary word as a term: bare when the lexer reads it back as that one
    /// word and it cannot mean anything else, quoted otherwise (a keyword such as
    /// `top`, a session variable, `IMG_3`, punctuation). A quoted word always means
    /// the word.
    public static func word(_ word: String, variables: Set<String> = []) -> String {
        let (tokens, diagnostics) = Lexer.tokenize(Source(name: "<term>", text: word))
        let plain = diagnostics.isEmpty && tokens.count == 2 && tokens[0].kind == .word && tokens[0].text == word
            && Keyword(rawValue: word) == nil && !variables.contains(word)
        if plain { return word }
        var quoted = "\""
        for character in word {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}

extension String {
    var trimmingBlanksAndSeparators: String {
        var scalars = Substring(self).unicodeScalars
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" || last == ";" {
            scalars.removeLast()
        }
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            scalars.removeFirst()
        }
        return String(scalars)
    }
}
