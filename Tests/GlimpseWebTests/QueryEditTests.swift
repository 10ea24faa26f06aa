import Testing
@testable import GlimpseWeb

struct QueryEditTests {
    static let combinations: [(String, QueryEdit.Operation, String, String)] = [
        ("beach + sunrise", QueryEdit.Operation.add, "IMG_4009", "beach + sunrise + IMG_4009"),
        ("beach + sunrise", .subtract, "IMG_4009", "beach + sunrise - IMG_4009"),
        ("IMG_12", .add, "park", "IMG_12 + park"),
        ("let x = bike - park; top 12 x", .add, "IMG_7", "let x = bike - park; top 12 x + IMG_7"),
        ("let x = bike - park\ntop 12 x\n", .subtract, "IMG_7", "let x = bike - park\ntop 12 x - IMG_7\n"),
        ("top 5 beach including query", .add, "IMG_3", "top 5 beach + IMG_3 including query"),
        ("words 8 IMG_4009 among 1000", .add, "sea", "words 8 IMG_4009 + sea among 1000"),
        ("top 3 beach -- the sea\n", .add, "IMG_1", "top 3 beach + IMG_1 -- the sea\n"),
        ("top 3 beach; show #1", .add, "IMG_2", "top 3 beach + IMG_2; show #1"),
        ("2*(park - dog)", .subtract, "IMG_2", "2*(park - dog) - IMG_2"),
        ("", .add, "IMG_2", "IMG_2"),
        ("", .subtract, "IMG_2", "-IMG_2"),
        ("let x = sea;", .add, "IMG_2", "let x = sea; IMG_2"),
        ("top 3 (beach", .add, "IMG_2", "top 3 (beach; IMG_2"),
        ("top 3 \"café\" -- é & <b>\n", .add, "IMG_1", "top 3 \"café\" + IMG_1 -- é & <b>\n"),
        ("let x = \"naïve\"", .subtract, "\"top\"", "let x = \"naïve\"; -\"top\""),
    ]

    @Test(arguments: combinations)
    func theLastQueryExpressionIsExtended(text: String, operation: QueryEdit.Operation, term: String, expected: String) {
        #expect(QueryEdit.combining(text, operation, term) == expected)
    }

    /// A page parses its query once for all its + and − links, and joins encoded parts.
    @Test(arguments: combinations)
    func linksAreTheAddressesOfTheCombinedQueries(text: String, operation: QueryEdit.Operation, term: String, expected: String) {
        let links = PageLinks(query: text, version: "v")
        let link = operation == .add ? links.adding(term) : links.subtracting(term)
        #expect(link == PageLinks.query(expected))
        #expect(link == PageLinks.query(ExtendableQuery(text).combining(operation, term)))
    }

    @Test func wordsAreQuotedWhenTheyWouldMeanSomethingElse() {
        #expect(QueryTerm.word("beach") == "beach")
        #expect(QueryTerm.word("café") == "café")
        #expect(QueryTerm.word("top") == "\"top\"")
        #expect(QueryTerm.word("x", variables: ["x"]) == "\"x\"")
        #expect(QueryTerm.word("img_12") == "\"img_12\"")
        #expect(QueryTerm.word("'s") == "\"'s\"")
        #expect(QueryTerm.word("\"") == "\"\\\"\"")
        #expect(QueryTerm.word("3d") == "\"3d\"" || QueryTerm.word("3d") == "3d")
        #expect(QueryTerm.image(number: 4009) == "IMG_4009")
    }

    @Test func formFieldsDecodeAsBrowsersEncode() throws {
        let fields = try #require(FormFields(query: "q=beach+%2B+sunrise&cursor=3&q=ignored&empty"))
        #expect(fields["q"] == "beach + sunrise")
        #expect(fields["cursor"] == "3")
        #expect(fields["empty"] == "")
        #expect(fields["missing"] == nil)
        #expect(FormFields(query: "q=caf%C3%A9")?["q"] == "café")
        #expect(FormFields(query: "q=%zz") == nil)
        #expect(FormFields(query: "q=%C3") == nil)
        #expect(FormFields(query: "q=50%") == nil)
        for text in ["beach + sunrise", "let x = \"ice cream\"; top 3 x", "café – naïve", "a&b=c%d#e"] {
            #expect(FormFields.decode(Substring(FormFields.encode(text))) == text)
        }
        #expect(FormFields.encode("beach + sunrise") == "beach+%2B+sunrise")
        #expect(FormFields.encode("café – \"a\"/~") == "caf%C3%A9+%E2%80%93+%22a%22%2F~")
        #expect(FormFields.encode("") == "")
    }
}
