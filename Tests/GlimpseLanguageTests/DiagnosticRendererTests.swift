import Testing
@testable import GlimpseLanguage

struct DiagnosticRendererTests {
    @Test func rendersLocationSourceLineAndCaret() {
        let source = Source(name: "tour.gq", text: "let x = beach\ntop 5 beahc + sunrise\n")
        let diagnostic = Diagnostic(.unknownWord, "unknown word 'beahc'", at: SourceRange(20, 25),
                                    notes: ["did you mean 'beach'?"])
        #expect(DiagnosticRenderer().render(diagnostic, in: source) == """
            tour.gq:2:7: error: unknown word 'beahc'
              |
            2 | top 5 beahc + sunrise
              |       ^~~~~
            note: did you mean 'beach'?

            """)
    }

    @Test func caretAtEndOfInputPointsPastTheLastCharacter() {
        let source = Source(name: "<command>", text: "top 5 beach +")
        let (_, diagnostics) = Parser.parse(source)
        #expect(DiagnosticRenderer().render(diagnostics[0], in: source) == """
            <command>:1:14: error: expected an expression, found end of input
              |
            1 | top 5 beach +
              |              ^

            """)
    }

    @Test func controlCharactersCannotReachTheTerminal() {
        let source = Source(name: "t", text: "a \u{1B}[2J b")
        let (_, diagnostics) = Parser.parse(source)
        let text = DiagnosticRenderer().render(diagnostics, in: source)
        #expect(!text.contains("\u{1B}"))
    }

    @Test func colourIsOptIn() {
        let source = Source(name: "t", text: "x")
        let diagnostic = Diagnostic(.unknownWord, "unknown word 'x'", at: SourceRange(0, 1))
        #expect(!DiagnosticRenderer().render(diagnostic, in: source).contains("\u{1B}"))
        #expect(DiagnosticRenderer(colour: true).render(diagnostic, in: source).contains("\u{1B}[31;1m"))
    }

    @Test func invalidUTF8IsRefusedWithItsOffset() {
        #expect(throws: InvalidUTF8.self) { try Source(name: "t", bytes: [0x61, 0x62, 0xFF, 0x63]) }
        do { _ = try Source(name: "t", bytes: [0x61, 0xC3]) } catch { #expect(error.byteOffset == 1) }
    }
}
