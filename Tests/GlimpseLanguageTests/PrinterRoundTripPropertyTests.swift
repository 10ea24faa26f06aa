import GlimpseLanguage
import PropertyBased
import Testing

/// The Printer's promise: what it prints parses, without a diagnostic, back to
/// the tree it printed. Trees come from `PropertyRandomSyntax`.
struct PrinterRoundTripPropertyTests {
    static let scripts = Generator<Script, Shrink.None<Script>>(run: { rng in PropertyRandomSyntax().script(using: &rng) })

    @Test func printedScriptsParseBackToTheSameTree() async {
        await propertyCheck(count: 500, input: Self.scripts) { script in
            let printed = Printer.text(of: script)
            let (reparsed, diagnostics) = Parser.parse(Source(name: "printed", text: printed))
            #expect(diagnostics.isEmpty, "\(printed)\n\(diagnostics.map(\.message))")
            #expect(SyntaxShape.of(reparsed) == SyntaxShape.of(script), "\(printed)")
        }
    }

    /// Printing is a fixed point: the text of a parsed print is the print.
    @Test func printingParsedTextIsStable() async {
        await propertyCheck(count: 300, input: Self.scripts) { script in
            let printed = Printer.text(of: script)
            let (reparsed, _) = Parser.parse(Source(name: "printed", text: printed))
            #expect(Printer.text(of: reparsed) == printed)
        }
    }

    /// Cases the random trees found or that once broke printing, kept as plain examples.
    @Test(arguments: [
        "- -park",                      // "--" would start a comment
        "top +3 + park",                // a leading number would be read as the count
        "top +3",
        "words +-3 + park including query",
        "let + park",                   // `let` not followed by a name is a word
        "+words",                       // a keyword after a unary '+' is a word (found by the fuzzer)
        "+top + park*2",
        "\"a\\\"\u{301}b\"",            // a quote with a combining mark is still a quote to the lexer
        "mean(2, 3)*- -IMG_2",
    ])
    func knownHardCases(_ text: String) {
        let (script, diagnostics) = Parser.parse(Source(name: "case", text: text))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(script.statements.count == 1)
        let printed = Printer.text(of: script)
        let (reparsed, again) = Parser.parse(Source(name: "printed", text: printed))
        #expect(again.isEmpty, "\(printed): \(again.map(\.message))")
        #expect(SyntaxShape.of(reparsed) == SyntaxShape.of(script), "\(printed)")
    }
}
