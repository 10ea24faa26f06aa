import Foundation
import Testing
import GlimpseLanguage
import GlimpseTestSupport

/// Grammar/glimpse.ebnf and the parser name the same rules, so they cannot drift apart:
/// in the parser's rules section each function sits below a comment that copies its
/// syntax rule, is named after it (snake_case there, camelCase here), and the rules come
/// in the grammar's order; the section has no other function. Every token rule of the
/// grammar (WORD, PHRASE ...) names a `TokenKind`.
struct GrammarTests {
    struct Rule: Equatable, CustomStringConvertible {
        var name: String
        /// The right-hand side without comments, spaces collapsed.
        var definition: String
        var description: String { "\(name) = \(definition) ;" }
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: PackageFolder.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The grammar's syntax and lexical sections, split at its `(* --- lexical --- *)` line.
    static func grammarSections() throws -> (syntax: [Rule], lexical: [Rule]) {
        let text = try read("Grammar/glimpse.ebnf")
        let marker = try #require(text.range(of: #"\(\*\s*-+\s*lexical\s*-+\s*\*\)"#, options: .regularExpression),
                                  "Grammar/glimpse.ebnf has no '(* --- lexical --- *)' line")
        return (rules(in: String(text[..<marker.lowerBound])), rules(in: String(text[marker.upperBound...])))
    }

    /// The rules `name = definition ;` of EBNF text; comments `(* *)` and text after
    /// the last `;` are left out, and a `;` or `(*` between quotes is part of a rule.
    static func rules(in text: String) -> [Rule] {
        var rules: [Rule] = []
        var current = ""
        var quote: Character?
        var inComment = false
        var previous: Character = " "
        for character in text {
            defer { previous = character }
            if inComment {
                if previous == "*" && character == ")" { inComment = false }
                continue
            }
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "*" where previous == "(":
                current.removeLast()
                inComment = true
            case "\"", "'":
                quote = character
                current.append(character)
            case ";":
                let parts = current.split(separator: "=", maxSplits: 1)
                if parts.count == 2 {
                    let definition = parts[1].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    rules.append(Rule(name: parts[0].trimmingCharacters(in: .whitespacesAndNewlines), definition: definition))
                }
                current = ""
            default:
                current.append(character)
            }
        }
        return rules
    }

    static func camelCase(_ snakeCase: String) -> String {
        let words = snakeCase.split(separator: "_")
        return (words.first.map(String.init) ?? "") + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The rule comments and functions of Parser.swift's rules section, in order,
    /// with a complaint for every function that does not sit below its rule.
    static func parserRules() throws -> (rules: [Rule], problems: [String]) {
        let lines = try read("Sources/GlimpseLanguage/Syntax/Parser.swift").split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("// MARK: - Rules") },
                                 "Parser.swift has no '// MARK: - Rules' section")
        let end = lines[(start + 1)...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("// MARK:") } ?? lines.endIndex
        var rules: [Rule] = []
        var problems: [String] = []
        var pending: Rule?
        for line in lines[(start + 1)..<end].map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("// "), !line.hasPrefix("///"), let rule = Self.rules(in: String(line.dropFirst(3))).first,
               rule.name.allSatisfy({ $0.isLowercase || $0 == "_" }) {
                if let pending { problems.append("the rule comment '\(pending)' has no function below it") }
                pending = rule
            } else if let match = line.firstMatch(of: #/func (\w+)\(/#) {
                let name = String(match.1)
                if let rule = pending {
                    if camelCase(rule.name) != name {
                        problems.append("the function below '\(rule)' is '\(name)', not '\(camelCase(rule.name))'")
                    }
                    rules.append(rule)
                } else {
                    problems.append("'\(name)' is in the parser's rules section but has no rule comment above it")
                }
                pending = nil
            }
        }
        if let pending { problems.append("the rule comment '\(pending)' has no function below it") }
        return (rules, problems)
    }

    @Test func everySyntaxRuleHasAParserFunctionOfItsName() throws {
        let grammar = try Self.grammarSections().syntax
        let parser = try Self.parserRules()
        #expect(grammar.count >= 17, "the syntax rules were not found: \(grammar)")
        #expect(parser.problems.isEmpty, "\(parser.problems.joined(separator: "\n"))")
        for rule in grammar where !parser.rules.map(\.name).contains(rule.name) {
            Issue.record("grammar rule '\(rule.name)' has no parser function '\(Self.camelCase(rule.name))'")
        }
        for rule in parser.rules where !grammar.map(\.name).contains(rule.name) {
            Issue.record("parser function '\(Self.camelCase(rule.name))' parses '\(rule.name)', which the grammar does not have")
        }
        for rule in parser.rules {
            if let written = grammar.first(where: { $0.name == rule.name }), written != rule {
                Issue.record("the parser's comment says '\(rule)', the grammar '\(written)'")
            }
        }
        #expect(parser.rules.map(\.name) == grammar.map(\.name), "the parser's rules are not in the grammar's order")
    }

    @Test func everyTokenRuleIsATokenKind() throws {
        let tokens = try Self.grammarSections().lexical.map(\.name).filter { $0.allSatisfy { $0.isUppercase || $0 == "_" } }
        #expect(tokens.count >= 6, "the token rules were not found")
        for token in tokens {
            #expect(TokenKind(rawValue: token.lowercased()) != nil, "the grammar's \(token) has no TokenKind.\(token.lowercased())")
        }
    }

    /// The checks above rely on this reading of EBNF.
    @Test func rulesAreReadWithoutCommentsAndWithQuotedSeparators() {
        let text = """
            a_b = "x" ; (* a comment; with = and ; *)
            separator = ";" | NEWLINE ;
            PHRASE = '"' { c | '\\"' } '"'   (* also "curly" *) ;
            trailing text
            """
        #expect(Self.rules(in: text) == [
            Rule(name: "a_b", definition: "\"x\""),
            Rule(name: "separator", definition: "\";\" | NEWLINE"),
            Rule(name: "PHRASE", definition: "'\"' { c | '\\\"' } '\"'"),
        ])
        #expect(Self.camelCase("top_statement") == "topStatement" && Self.camelCase("sum") == "sum")
    }
}
