import GlimpseShell
import Testing

struct HTMLEscapeTests {
    @Test func theFiveMarkupCharactersAreReplaced() {
        #expect(escape("beach") == "beach")
        #expect(escape("") == "")
        #expect(escape("a & b <c> \"d\" 'e'") == "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;")
        #expect(escape("café – naïve 🏖") == "café – naïve 🏖")
        #expect(escape("🏖<é>&") == "🏖&lt;é&gt;&amp;")
    }

    /// A quote that a combining mark follows is one Character with it, but still ends an attribute.
    @Test func aQuoteFollowedByACombiningMarkIsEscaped() {
        #expect(escape("\"\u{301} onclick=x") == "&quot;\u{301} onclick=x")
        #expect(escape("<\u{338}") == "&lt;\u{338}")
    }
}
