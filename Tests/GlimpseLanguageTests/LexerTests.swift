import Testing
@testable import GlimpseLanguage

struct LexerTests {
    /// Kind and text of every token but the final `.end`.
    private func lex(_ text: String) -> [String] {
        let (tokens, _) = Lexer.tokenize(Source(name: "t", text: text))
        return tokens.dropLast().map { "\($0.kind.rawValue):\($0.text)" }
    }

    @Test(arguments: [
        ("beach + sunrise", ["word:beach", "+:+", "word:sunrise"]),
        ("IMG_412 - dog + park*2", ["image:412", "-:-", "word:dog", "+:+", "word:park", "*:*", "number:2"]),
        ("[IMG_1]+park", ["image:1", "+:+", "word:park"]),
        ("img_7", ["image:7"]),
        ("IMG_", ["word:IMG_"]),
        ("IMG_x1", ["word:IMG_x1"]),
        ("#3", ["hit:3"]),
        ("\"ice cream\"", ["phrase:ice cream"]),
        ("\"say \\\"hi\\\"\"", ["phrase:say \"hi\""]),
        ("“curly quotes”", ["phrase:curly quotes"]),
        ("0.5 .25 1e-3 2E+2", ["number:0.5", "number:.25", "number:1e-3", "number:2E+2"]),
        ("3d 1st 2014", ["word:3d", "word:1st", "number:2014"]),
        // Only plain digits begin a word; these once looped forever.
        ("1.5x .5x 1e5x", ["number:1.5", "word:x", "number:.5", "word:x", "number:1e5", "word:x"]),
        ("café naïve 北京", ["word:café", "word:naïve", "word:北京"]),
        ("park/2", ["word:park", "/:/", "number:2"]),
        ("a; b", ["word:a", ";:;", "word:b"]),
        ("a\nb", ["word:a", "newline:\n", "word:b"]),
        ("a +\nb", ["word:a", "+:+", "word:b"]),
        ("mean(a,\n b)", ["word:mean", "(:(", "word:a", ",:,", "word:b", "):)"]),
        ("(a\n+ b)", ["(:(", "word:a", "+:+", "word:b", "):)"]),
        ("beach -- a comment\nsea", ["word:beach", "newline:\n", "word:sea"]),
        ("beach--sunrise", ["word:beach"]),
        ("let x = 2", ["word:let", "word:x", "=:=", "number:2"]),
        ("  \t\r\n", ["newline:\n"]),
    ] as [(String, [String])])
    func tokens(_ input: String, _ expected: [String]) {
        #expect(lex(input) == expected)
    }

    @Test func rangesCoverTheTokenText() {
        let source = Source(name: "t", text: "top 5 [IMG_12] + \"a b\" #2")
        let (tokens, diagnostics) = Lexer.tokenize(source)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map { source.text(in: $0.range) } == ["top", "5", "[IMG_12]", "+", "\"a b\"", "#2", ""])
    }

    @Test(arguments: [
        ("beach @ sea", DiagnosticID.invalidCharacter, 6),
        ("\"open\nnext", .unterminatedPhrase, 0),
        ("\"open", .unexpectedEndOfInput, 0),
        ("[IMG_x]", .invalidImageReference, 0),
        ("[park]", .invalidImageReference, 0),
        ("# 3", .invalidHitReference, 0),
        ("#a", .invalidHitReference, 0),
        ("a \u{0} b", .invalidCharacter, 2),
        ("1e999", .invalidNumber, 0),
    ] as [(String, DiagnosticID, Int)])
    func lexicalErrors(_ input: String, _ id: DiagnosticID, _ offset: Int) {
        let (_, diagnostics) = Lexer.tokenize(Source(name: "t", text: input))
        #expect(diagnostics.map(\.id) == [id])
        #expect(diagnostics.first?.range.lowerBound == offset)
    }
}
