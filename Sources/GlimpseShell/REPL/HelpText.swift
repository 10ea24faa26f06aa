import GlimpseLanguage

/// The text of `.help` and `.help TOPIC`; Grammar/SEMANTICS.md says the same at length.
public enum HelpText {
    /// Topics `.help` knows, in the order the overview lists them.
    public static let topics: [String] = ["let", "top", "words", "show", "explain", "where", "distinct", "_", "terms", "operators"]
        + Function.allCases.map(\.name) + DotCommand.names.map { "." + $0 }

    public static let overview = """
        Statements (one per line, or separated by ';'):
          let NAME = EXPR        bind a variable (it shadows the word NAME)
          top [K] EXPR           the K images nearest to EXPR (default K: see .k)
          words [K] EXPR         the K words nearest to EXPR
          show IMG_n             an image's file, title and tags
          EXPR                   a number, or a vector's formula and nearest words
          explain top|words ...  also each term's share of each score
        Clauses after the query of top or words: where COND, distinct [T],
          among N (words), including query   (.help where, .help distinct)
        Terms: beach  "ice cream"  IMG_12  #3  NAME  _  2.5   (.help terms)
        Operators: + - * / and parentheses; park + park = 2*park  (.help operators)
        Functions: \(Function.allCases.map(\.signature).joined(separator: "  "))
        Commands: .help [topic]  .mode table|json|csv|paths  .timer on|off  .k N
                  .read FILE  .vars  .show IMG_n  .space  .open PATH
                  .gallery [FILE]  .preview on|off  .exit
        Keys: Tab completes, Up recalls, Ctrl-C drops the line, Ctrl-D exits.
        \(wrapped("Topics (.help TOPIC): " + topics.filter { !$0.hasPrefix(".") }.joined(separator: " "), indent: "  "))
          and each command (.help .mode ...)

        """

    /// `text` broken at spaces into lines of at most `width` characters, the later ones indented.
    static func wrapped(_ text: String, width: Int = 78, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent + word
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    private static let entries: [String: String] = [
        "let": """
            let NAME = EXPR
              Binds NAME to the value of EXPR for the rest of the session. A variable
              shadows the word of the same name; "NAME" in quotes is still the word.
              The value is kept as it is, not rescaled: use norm(NAME) for one unit term.
              Example: let sea = mean(beach, ocean, "sea shore")
            """,
        "top": """
            top [K] EXPR [where COND] [distinct [T]] [including query]
              The K images nearest to EXPR by cosine similarity, numbered so that #n
              refers to them in the next query. K is 1 to 10000 (default: .k).
              Images named in the query are left out unless 'including query' ends it.
              'where' searches only the images that pass COND (.help where);
              'distinct' folds near-copies (.help distinct); 'explain top' adds each
              term's share of each score (.help explain).
              Example: top 5 bike + park      then: top 5 #1 - park
            """,
        "words": """
            words [K] EXPR [among N] [where score ...] [distinct [T]] [including query]
              The K words nearest to EXPR by cosine similarity; the query's own words
              are left out unless 'including query' ends it. 'among N' searches only
              the first N words of the vocabulary (GloVe's: the N most frequent).
              'where' takes score conditions here: words 10 IMG_3 where score > 0.6
              Example: words 3 king - man + woman      words 8 IMG_42 among 20000
            """,
        "explain": """
            explain top [K] EXPR ...   (or explain words ...)
              Lists what top or words would, with a column per term of the query: its
              share of each score. The score is the sum over the terms of
              weight x cosine(term, hit), divided by the query's length; the shares are
              the parts of that sum, so they add up to the score. In JSON: 'shares'.
              Example: explain top 5 beach + 2*sunrise - city
            """,
        "where": """
            top [K] EXPR where COND
              Searches only the images that pass COND: K results whenever K pass.
              Comparisons, joined with and, or, not and ( ):
                tag title file folder collection camera    = != ~ "text"
                size width height                           = != < <= > >= number
                date modified                               = != < <= > >= YYYY-MM-DD
                score                                       < <= > >= number or best
              ~ matches a pattern: * any run, ? one character (folder ~ "2019/*").
              tag = "sun": one of the tags is sun. best is the best score that the
              other conditions allow: score >= best - 0.05, score > 0.9*best.
              Score conditions (the only ones on words) must be joined with 'and'.
              Dates, sizes and cameras need a space that records them.
              Example: top 20 dog where folder ~ "2019/*" and date >= 2019-06-01
            """,
        "distinct": """
            top [K] EXPR distinct [T]   (or words ... distinct [T])
              Folds every hit whose cosine similarity to a better listed hit is at
              least T (default 0.95) into that hit, and lists the next ones instead,
              so K results still come when there are enough. A column and a line
              under the table say how many were folded.
              Example: top 10 cat distinct      top 10 cat distinct 0.9
            """,
        "_": """
            _
              The vector of the last top, words or vector expression, as a variable
              would hold it; an error before any query. "_" in quotes is the word.
              Example: top 10 beach + sunrise      then: top 10 _ - #3
            """,
        "show": """
            show IMG_n   (or show #n, or .show IMG_n)
              The image's file, title and tags.
            """,
        "terms": """
            Terms of an expression:
              beach        the variable beach if defined, else the word (Paris finds paris)
              "ice cream"  the mean of the words, unit length; never a variable
              IMG_12       image 12 ([IMG_12] also works); ids run IMG_1 to IMG_N
              #3           the third result of the last top or words
              _            the last query's vector (of top, words or an expression)
              2.5          a number, used as a weight: 2*park, park/2
            Each term enters arithmetic at unit length.
            """,
        "operators": """
            Operators, loosest first: + and -, then * and /, then unary -.
              vector + vector, vector - vector     sum and difference
              number * vector, vector / number     a weight: park + park = 2*park
              number with number                   ordinary arithmetic
            A vector times a vector, or a number plus a vector, is a type error.
            A query whose terms cancel (beach - beach) has no direction: an error.
            A line ending in an operator, a comma or '(' continues on the next line.
            """,
        ".help": ".help [topic]\n  This overview, or one topic: \(topics.joined(separator: " "))",
        ".mode": ".mode table|json|csv|paths\n  How results print: aligned columns, JSON Lines, CSV, or file paths only.",
        ".timer": ".timer on|off\n  Print the time each entry took.",
        ".k": ".k N\n  The K of top and words when a statement gives none (1 to 10000; starts at 10).",
        ".read": ".read FILE\n  Runs a script file as 'glimpse run' would; ~ is the home folder.\n  Its variables stay defined; it stops at its first error.",
        ".vars": ".vars\n  Each variable with its formula or number.",
        ".show": ".show IMG_n\n  The image's file, title and tags (the same as the statement 'show').",
        ".space": ".space\n  What is loaded: words, images, dimension, model, source, file and checksum.",
        ".open": ".open PATH\n  Opens another space file. Variables and results are cleared;\n  the current space stays open if the new one cannot be read.",
        ".gallery": ".gallery [FILE]\n  Writes the last 'top' or 'words' result as a self-contained HTML page\n  (thumbnails embedded; click one for its IMG id) and prints its name.\n  Without FILE: glimpse-gallery-N.html in the current folder.",
        ".preview": ".preview on|off\n  Shows thumbnails under image results, on terminals that draw images\n  (kitty, iTerm2, WezTerm; not inside tmux or screen).",
        ".exit": ".exit\n  Leaves the shell (so does Ctrl-D on an empty line).",
    ]

    /// The help for one topic; a function, a keyword or a command with or without its dot.
    public static func topic(_ name: String) -> Result<String, DotCommandError> {
        let key = name.lowercased()
        if let function = Function(rawValue: key.hasSuffix("(") ? String(key.dropLast()) : key) {
            return .success("\(function.signature)\n  \(function.summary.prefix(1).uppercased() + function.summary.dropFirst()).\n")
        }
        if let text = entries[key] ?? entries["." + key] { return .success(text + "\n") }
        let note = ClosestName.find(key, among: topics).map { "did you mean '\($0)'?" }
            ?? "topics: \(topics.joined(separator: " "))"
        return .failure(DotCommandError("no help on '\(name)'", note: note))
    }
}
