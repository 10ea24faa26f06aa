import Testing
@testable import GlimpseShell

/// When the shell reads another line on `...>`, and when it reports at once.
struct EntryCompletenessTests {
    @Test(arguments: [
        "top 5 (beach +",
        "top 5 beach +",
        "let x = mean(beach,",
        "let x =",
        "words 3 king -",
        "top 5 \"ice",
        "top 5 beach *\n",
        "let x = mean(beach,\n ocean,",
        "top 5 \"ice\" + cream + \"sea",   // a quote opened at the very end
    ])
    func readsMore(text: String) {
        #expect(EntryCompleteness.of(text) == .needsMoreInput)
    }

    @Test(arguments: [
        "top 5 beach",
        "let x = mean(beach, ocean)",
        "top 5 beach)",                 // an error, but more text cannot fix it
        "top 5 ) + (beach",              // the first error is not at the end
        "top 5 beach +\n sunrise",
        "",
        "-- a comment",
        "beach +; top 3 sea",           // a missing operand before ';' is not at the end
    ])
    func isComplete(text: String) {
        #expect(EntryCompleteness.of(text) == .complete, "\(text)")
    }
}
