import GlimpseLanguage

/// Tab completion as a pure function of the line, the cursor and the session's names.
public enum Completer {
    /// Candidates for the word that ends at `cursor` (a UTF-8 offset into `line`).
    ///
    /// After a `.` at the start of an entry: dot-commands, then their arguments.
    /// At the start of a statement: keywords, variables, functions and words.
    /// Inside an expression: variables, functions (with their `(`), `IMG_n` ids
    /// and vocabulary words. Inside quotes: words, or a file name after `image(`.
    /// Where a comparison of a `where` clause starts: the field names.
    public static func complete(line: String, cursor: Int, in context: CompletionContext) -> Completion {
        let before = String(decoding: line.utf8.prefix(max(0, min(cursor, line.utf8.count))), as: UTF8.self)
        if !context.isContinuation, DotCommand.isDotCommand(before) || before.trimmingBlanks() == "." {
            return dotCommand(before, context)
        }

        let word = trailingWord(of: before)
        let start = before.utf8.count - word.utf8.count
        let ahead = String(before.unicodeScalars.dropLast(word.unicodeScalars.count))

        if let quoteStart = openQuote(in: ahead) {
            let opening = String(ahead.unicodeScalars.prefix(quoteStart))
            if opening.replacingBlanks().hasSuffix(Function.image.name + "(") {
                // The file name is everything after the quote.
                let pathStart = String(ahead.unicodeScalars.prefix(quoteStart + 1)).utf8.count
                return Completion(start: pathStart, candidates: [], wantsFileNames: true)
            }
            return offer(word, start: start, [vocabulary(word, context)], limit: context.limit)
        }
        if ahead.unicodeScalars.last == "#" {
            return Completion(start: start, candidates: [])
        }

        if startsComparison(ahead) {
            let fields = ConditionField.allCases.map(\.name) + ["not"]
            return offer(word, start: start, [fields.filter { $0.hasPrefix(word) }], limit: context.limit)
        }
        let statement = currentStatement(ahead, isContinuation: context.isContinuation)
        let variables = context.variables.filter { $0.hasPrefix(word) }
        let functions = Function.allCases.map { $0.name + "(" }.filter { $0.hasPrefix(word) }
        switch statement {
        case .start:
            let keywords = Keyword.allCases.map(\.rawValue).filter { $0.hasPrefix(word) }
            return offer(word, start: start, [keywords, variables, functions, images(word, context),
                                              word.isEmpty ? [] : vocabulary(word, context)], limit: context.limit)
        case .bindingName:
            return offer(word, start: start, [variables], limit: context.limit)
        case .expression:
            guard !word.isEmpty else { return offer(word, start: start, [variables, functions], limit: context.limit) }
            return offer(word, start: start, [variables, functions, images(word, context), vocabulary(word, context)],
                         limit: context.limit)
        }
    }

    // MARK: - Dot-commands

    private static func dotCommand(_ before: String, _ context: CompletionContext) -> Completion {
        let length = before.utf8.count
        guard let space = before.drop(while: { $0 == " " || $0 == "\t" }).firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            let typed = before.trimmingBlanks()
            let names = DotCommand.names.map { "." + $0 }.filter { $0.hasPrefix(typed.lowercased()) }
            return Completion(start: length - typed.utf8.count, candidates: names)
        }
        let name = before[..<space].trimmingBlanks().dropFirst().lowercased()
        let argument = before[space...].trimmingBlanks()
        guard !argument.contains(where: { $0 == " " || $0 == "\t" }) || ["read", "open"].contains(name) else {
            return Completion(start: length, candidates: [])
        }
        let start = length - argument.utf8.count
        let choices: [String]
        switch name {
        case "mode": choices = OutputFormat.allCases.map(\.rawValue)
        case "timer": choices = ["on", "off"]
        case "help": choices = HelpText.topics
        case "show": return offer(argument, start: start, [images(argument, context)], limit: context.limit)
        case "read", "open":
            let quoted = argument.hasPrefix("\"") || argument.hasPrefix("'")
            return Completion(start: start + (quoted ? 1 : 0), candidates: [], wantsFileNames: true)
        default: choices = []
        }
        return Completion(start: start, candidates: choices.filter { $0.hasPrefix(argument.lowercased()) })
    }

    // MARK: - Where the cursor is

    private enum StatementPosition { case start, bindingName, expression }

    /// Where in a statement the word at the cursor stands, from the text before it.
    private static func currentStatement(_ ahead: String, isContinuation: Bool) -> StatementPosition {
        let statement = ahead.split(separator: ";", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let words = statement.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if words.isEmpty { return isContinuation && !ahead.contains(";") ? .expression : .start }
        if words.count == 1, words[0] == "let", !isContinuation || ahead.contains(";") { return .bindingName }
        return .expression
    }

    /// Whether a comparison of a `where` clause starts at the end of the text: after `where`,
    /// `and`, `or`, `not` or `(` once the statement has a `where` after its first word.
    static func startsComparison(_ ahead: String) -> Bool {
        let statement = ahead.split(separator: ";", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let tokens = Lexer.tokenize(Source(name: "", text: statement)).tokens.filter { $0.kind != .end && $0.kind != .newline }
        guard let last = tokens.last,
              let clause = tokens.dropFirst().lastIndex(where: { $0.kind == .word && $0.text == "where" })
        else { return false }
        // Parentheses of the query close before its clauses; those after 'where' group conditions.
        if last.kind == .leftParen { return tokens.indices.last! > clause }
        return last.kind == .word && ["where", "and", "or", "not"].contains(last.text)
    }

    /// The run of word characters (as the lexer reads words) that ends the text.
    static func trailingWord(of text: String) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.endIndex
        while start > scalars.startIndex {
            let previous = scalars.index(before: start)
            guard isWordPart(scalars[previous]) else { break }
            start = previous
        }
        return String(scalars[start...])
    }

    static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            || scalar.properties.generalCategory == .nonspacingMark
            || scalar.properties.generalCategory == .spacingMark
    }

    /// The scalar offset of an unclosed `"` in the text, if any (outside `--` comments).
    private static func openQuote(in text: String) -> Int? {
        var open: Int?
        var previous: Unicode.Scalar?
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if open == nil, scalar == "-", previous == "-" { return nil }
            if scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{201D}" {
                if open == nil { open = offset } else if previous != "\\" { open = nil }
            }
            previous = scalar
        }
        return open
    }

    // MARK: - Candidates

    private static func vocabulary(_ prefix: String, _ context: CompletionContext) -> [String] {
        guard !prefix.isEmpty else { return [] }
        let found = context.wordsWithPrefix(prefix, context.limit + 1)
        if found.isEmpty, prefix.lowercased() != prefix {
            return context.wordsWithPrefix(prefix.lowercased(), context.limit + 1)
        }
        return found
    }

    /// IMG ids starting with the typed text, smallest numbers first, once at least `img` is typed.
    private static func images(_ prefix: String, _ context: CompletionContext) -> [String] {
        let upper = prefix.uppercased()
        guard context.imageCount > 0, upper.count >= 3, upper.hasPrefix("IMG_") || "IMG_".hasPrefix(upper) else { return [] }
        let digits = upper.dropFirst(4)
        guard digits.allSatisfy(\.isASCIIDigit), digits.first != "0" else { return [] }
        if let numbers = context.imageNumbers {
            // Shorter numbers first, as below; only the numbers images have.
            return numbers.map(String.init).filter { $0.hasPrefix(digits) }
                .sorted { ($0.count, $0) < ($1.count, $1) }.prefix(context.limit + 1).map { "IMG_" + $0 }
        }
        var ids: [String] = []
        // Numbers with the typed digits as a prefix, one digit longer at each step:
        // "IMG_1" gives 1, 10...19, 100...199 ... up to the count.
        var low = Int(digits) ?? 1, high = Int(digits) ?? 9
        while low <= context.imageCount, ids.count <= context.limit {
            for number in low...min(high, context.imageCount) where ids.count <= context.limit {
                ids.append("IMG_\(number)")
            }
            guard low <= Int.max / 10 else { break }
            low *= 10
            high = high * 10 + 9
        }
        return ids
    }

    /// Joins candidate groups in order, without repeats, at most `limit` of them.
    private static func offer(_ typed: String, start: Int, _ groups: [[String]], limit: Int) -> Completion {
        var seen = Set<String>()
        var candidates: [String] = []
        var truncated = false
        for name in groups.joined() where seen.insert(name).inserted {
            if candidates.count == limit { truncated = true; break }
            candidates.append(name)
        }
        return Completion(start: start, candidates: candidates, isTruncated: truncated)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// Without spaces and tabs, to match `image (` like `image(`.
    func replacingBlanks() -> String { filter { $0 != " " && $0 != "\t" } }
}
