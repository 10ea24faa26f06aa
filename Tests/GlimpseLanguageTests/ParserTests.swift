import Testing
@testable import GlimpseLanguage

struct ParserTests {
    private func parse(_ text: String) -> (String, [Diagnostic]) {
        let (script, diagnostics) = Parser.parse(Source(name: "t", text: text))
        return (Printer.text(of: script), diagnostics)
    }

    /// Well-formed input and its canonical printing, which shows how it grouped.
    @Test(arguments: [
        ("beach+sunrise", "beach + sunrise"),
        ("top 10 beach + sunrise", "top 10 beach + sunrise"),
        ("top beach", "top beach"),
        ("top 2*park", "top 2*park"),
        ("top 5 2*park", "top 5 2*park"),
        ("top 8 IMG_412 - dog + park*2", "top 8 IMG_412 - dog + park*2"),
        ("top 5 -park", "top 5 -park"),
        ("words 3 king - man + woman", "words 3 king - man + woman"),
        ("words 5 king including query", "words 5 king including query"),
        ("words 5 IMG_3 among 20000", "words 5 IMG_3 among 20000"),
        ("words 5 king among 1e3 including query", "words 5 king among 1000 including query"),
        ("words 5 king including query among 1000", "words 5 king among 1000 including query"),
        ("words among among 5", "words among among 5"),
        ("words 5 among", "words 5 among"),
        ("among + 2", "among + 2"),
        ("let x = beach + sunrise", "let x = beach + sunrise"),
        ("let x=1;top 3 x", "let x = 1\ntop 3 x"),
        ("show IMG_3", "show IMG_3"),
        ("show #2", "show #2"),
        ("[IMG_1]+park+park+park", "IMG_1 + park + park + park"),
        ("a - b - c", "a - b - c"),
        ("-a*2", "-a*2"),
        ("--a", ""),
        ("- -a", "- -a"),
        // Once printed as "--a" (a comment), "top 3 + park" (3 read as the count), "(let + a)".
        ("a*- -b", "a*- -b"),
        ("top +3 + park", "top +3 + park"),
        ("words +-2 + park", "words +-2 + park"),
        ("let + a", "let + a"),
        ("+words + a", "+words + a"),
        ("+a", "a"),
        ("(a + b)*2", "(a + b)*2"),
        ("mean(beach, ocean, \"sea shore\")", "mean(beach, ocean, \"sea shore\")"),
        ("norm(x)", "norm(x)"),
        ("sim(a, b)", "sim(a, b)"),
        ("image(\"~/dog.jpg\") + park", "image(\"~/dog.jpg\") + park"),
        ("mean", "mean"),
        ("top", ""),
        ("(top)", "(top)"),
        ("\n\n;; a ;\n\n b ;", "a\nb"),
        ("top 5 (beach\n + sunrise)", "top 5 (beach + sunrise)"),
        // where, distinct, explain, _
        ("top 10 beach + sunrise where tag = \"sun\"", "top 10 beach + sunrise where tag = \"sun\""),
        ("top 10 beach where tags=sun", "top 10 beach where tag = \"sun\""),
        ("top 20 dog where folder ~ \"2019/*\" and date >= 2019-06-01 and score > 0.5",
         "top 20 dog where folder ~ \"2019/*\" and date >= 2019-06-01 and score > 0.5"),
        ("top 5 x where not (tag = a or tag != b) and modified<2020-01-01",
         "top 5 x where not (tag = \"a\" or tag != \"b\") and modified < 2020-01-01"),
        ("top 5 x where score>=best-0.05", "top 5 x where score >= best - 0.05"),
        ("top 5 x where score > 0.9*best and score <= best and score > -0.25", "top 5 x where score > 0.9*best and score <= best and score > -0.25"),
        ("top 5 x where size > 2e6 or width <= 640 and camera = \"Canon EOS 5D\"",
         "top 5 x where size > 2000000 or width <= 640 and camera = \"Canon EOS 5D\""),
        ("top 10 cat distinct", "top 10 cat distinct"),
        ("top 10 cat distinct 0.9 where tag = x including query", "top 10 cat where tag = \"x\" distinct 0.9 including query"),
        ("words 5 king including query distinct where score > 0.5 among 100", "words 5 king among 100 where score > 0.5 distinct including query"),
        ("explain top 5 beach + 2*sunrise - city", "explain top 5 beach + 2*sunrise - city"),
        ("explain words 3 king - man + woman", "explain words 3 king - man + woman"),
        ("explain + park", "+explain + park"),
        ("let explained = explain", "let explained = explain"),
        ("top 10 _ - #3", "top 10 _ - #3"),
        ("words 5 _", "words 5 _"),
        ("_foo + __ + _1 + \"_\"", "_foo + __ + _1 + \"_\""),
        ("top 5 where", "top 5 where"),
        ("top 5 distinct", "top 5 distinct"),
        ("top 5 where where tag = \"a\"", "top 5 where where tag = \"a\""),
        ("2019-06-01", "2019 - 6 - 1"),
    ] as [(String, String)])
    func canonicalPrinting(_ input: String, _ printed: String) {
        let (text, diagnostics) = parse(input)
        if input == "top" {
            #expect(diagnostics.map(\.id) == [.unexpectedToken])
        } else {
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            #expect(text == printed)
        }
    }

    @Test func precedenceGroupsProductsBeforeSums() throws {
        let (script, _) = Parser.parse(Source(name: "t", text: "a + b*2 - c/4"))
        guard case .expression(let e) = script.statements[0].kind,
              case .binary(.subtract, let left, let right) = e.kind,
              case .binary(.add, _, let product) = left.kind,
              case .binary(.multiply, _, _) = product.kind,
              case .binary(.divide, _, _) = right.kind
        else { Issue.record("unexpected tree"); return }
    }

    @Test func countIsReadOnlyWhenAnExpressionFollows() {
        let (script, _) = Parser.parse(Source(name: "t", text: "top 2*park\ntop 3 park\ntop 4"))
        guard case .top(let first, _, _) = script.statements[0].kind,
              case .top(let second, _, _) = script.statements[1].kind
        else { Issue.record("not listings"); return }
        #expect(first == nil)
        #expect(second?.value == 3)
    }

    /// Syntax errors, each at the marked place.
    @Test(arguments: [
        ("top 5 beach 1️⃣sunrise", DiagnosticID.missingOperator),
        ("top 1️⃣0 beach", .invalidCount),
        ("top 1️⃣2.5 beach", .invalidCount),
        ("top 1️⃣-3 beach", .invalidCount),
        ("top 1️⃣99999999999999999999999 beach", .invalidCount),
        ("top 5 (beach + sunrise1️⃣", .unexpectedEndOfInput),
        ("top 5 beach +1️⃣", .unexpectedEndOfInput),
        ("top 5 beach + 1️⃣)", .unexpectedToken),
        ("let 1️⃣top = beach", .keywordAsName),
        ("let x 1️⃣beach", .unexpectedToken),
        ("1️⃣foo(beach)", .unknownFunction),
        ("1️⃣sim(beach)", .wrongArgumentCount),
        ("1️⃣norm(a, b)", .wrongArgumentCount),
        ("1️⃣mean()", .wrongArgumentCount),
        ("image(1️⃣beach)", .typeMismatch),
        ("top 5 1️⃣\"  \"", .emptyPhrase),
        ("beach 1️⃣)", .unexpectedToken),
        ("1️⃣IMG_0", .invalidImageReference),
        ("1️⃣#0", .invalidHitReference),
        ("top 51️⃣ ", .unexpectedToken),
        ("top 5 park 1️⃣among 100", .invalidClause),
        ("words 5 park 1️⃣among", .invalidClause),
        ("words 5 park among 1️⃣beach", .invalidClause),
        ("words 5 park among 1️⃣0", .invalidCount),
        ("words 5 park among 1️⃣2.5", .invalidCount),
        ("words 5 park among 1️⃣1e12", .invalidCount),
        ("words 5 park among 10 1️⃣among 20", .invalidClause),
        ("words 5 park including query 1️⃣including query", .invalidClause),
        ("top 5 park where 1️⃣tga = \"x\"", .unknownField),
        ("top 5 park where tag 1️⃣< 3", .invalidCondition),
        ("top 5 park where tag = 1️⃣3", .invalidCondition),
        ("top 5 park where size > 1️⃣\"big\"", .invalidCondition),
        ("top 5 park where score 1️⃣= 0.5", .invalidCondition),
        ("top 5 park where date >= 1️⃣2019", .invalidCondition),
        ("top 5 park where date >= 1️⃣2019-6-1", .invalidDate),
        ("top 5 park where date >= 1️⃣2019-02-29", .invalidDate),
        ("top 5 park where modified < 1️⃣2019-06-31", .invalidDate),
        ("top 5 park where tag = \"a\" or 1️⃣score > 0.5", .invalidCondition),
        ("top 5 park where not 1️⃣score > 0.5", .invalidCondition),
        ("words 5 park where 1️⃣tag = \"a\"", .invalidCondition),
        ("top 5 park where tag = \"a\" 1️⃣where tag = \"b\"", .invalidClause),
        ("top 5 park distinct 1️⃣0", .invalidClause),
        ("top 5 park distinct 1️⃣1.5", .invalidClause),
        ("top 5 park distinct 1️⃣distinct", .invalidClause),
        ("top 5 park where tag = \"a\" and1️⃣", .unexpectedToken),
        ("top 5 park where tag 1️⃣\"a\"", .unexpectedToken),
        ("top 5 park where tag =1️⃣", .unexpectedEndOfInput),
        ("top 5 park where (tag = \"a\"1️⃣", .unexpectedEndOfInput),
        ("top 5 park where (tag = \"a\" or1️⃣", .unexpectedEndOfInput),
        ("top 5 park where (1️⃣3 > 2)", .unexpectedToken),
        ("top 5 park where 1️⃣3 > 2", .unexpectedToken),
        ("top 5 park where score > best 1️⃣- x", .missingOperator),
        ("top 5 park 1️⃣!", .invalidCharacter),
    ] as [(String, DiagnosticID)])
    func syntaxErrorAtMarker(_ marked: String, _ id: DiagnosticID) {
        let input = MarkedSource(marked)
        let (_, diagnostics) = Parser.parse(input.source)
        #expect(diagnostics.map(\.id) == [id])
        #expect(diagnostics.first?.range.lowerBound == input["1️⃣"])
    }

    @Test func recoveryReportsEveryBrokenStatement() {
        let input = MarkedSource("top 5 beach 1️⃣sunrise\nlet x = 2️⃣)\nwords 3 king\ntop 3️⃣0 x")
        let (script, diagnostics) = Parser.parse(input.source)
        #expect(diagnostics.map(\.range.lowerBound) == [input["1️⃣"], input["2️⃣"], input["3️⃣"]])
        #expect(script.statements.count == 1)  // only `words 3 king` parsed
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "a" + String(repeating: ")", count: 5000)
        let (_, diagnostics) = Parser.parse(Source(name: "t", text: deep))
        #expect(diagnostics.map(\.id) == [.tooDeep])
        let minus = String(repeating: "- ", count: 5000) + "a"
        #expect(Parser.parse(Source(name: "t", text: minus)).diagnostics.map(\.id) == [.tooDeep])
        // A long sum is a deep tree too ((a + a) + a ...): once a stack overflow when evaluated.
        let sum = Array(repeating: "a", count: 100_000).joined(separator: " + ")
        #expect(Parser.parse(Source(name: "t", text: sum)).diagnostics.map(\.id) == [.tooDeep])
        let product = Array(repeating: "a", count: 100_000).joined(separator: "*")
        #expect(Parser.parse(Source(name: "t", text: product)).diagnostics.map(\.id) == [.tooDeep])
        let fits = Array(repeating: "a", count: 400).joined(separator: " + ")
        #expect(Parser.parse(Source(name: "t", text: fits)).diagnostics.isEmpty)
    }

    /// The parser resolves a call's function and checks its arguments, so the tree
    /// holds only calls the evaluator can run: `image` keeps its file name and where it was.
    @Test func callsCarryTheirFunctionWithItsArguments() {
        let input = MarkedSource("mean(a, b) + sim(a, norm(b)) + image(1️⃣\"~/dog.jpg\"2️⃣)")
        let (script, diagnostics) = Parser.parse(input.source)
        #expect(diagnostics.isEmpty)
        guard case .expression(let sum) = script.statements.first?.kind,
              case .binary(.add, let left, let image) = sum.kind,
              case .binary(.add, let mean, let sim) = left.kind,
              case .call(.mean(let terms)) = mean.kind,
              case .call(.sim(_, let second)) = sim.kind,
              case .call(.norm) = second.kind,
              case .call(.image(let file, let range)) = image.kind
        else { Issue.record("unexpected tree: \(SyntaxShape.of(script))"); return }
        #expect(terms.count == 2)
        #expect(file == "~/dog.jpg" && range == SourceRange(input["1️⃣"], input["2️⃣"]))
        #expect(Function.allCases.map(\.name) == ["mean", "norm", "sim", "image"])
    }

    @Test func conditionsNestWithNotOverAndOverOr() throws {
        let (script, diagnostics) = Parser.parse(Source(name: "t", text: "top 5 x where not tag = a and tag = b or tag = c"))
        #expect(diagnostics.isEmpty)
        guard case .top(_, _, let clauses) = script.statements[0].kind, let filter = clauses.filter else {
            Issue.record("no filter"); return
        }
        #expect(SyntaxShape.of(filter) == "(or (and (not (= tag t:61)) (= tag t:62)) (= tag t:63))")
    }

    @Test func datesAndScoresAreValues() throws {
        let (script, _) = Parser.parse(Source(name: "t", text: "top 5 x where date = 2020-02-29 and score > best - 0.05 and score <= 0.5*best"))
        guard case .top(_, _, let clauses) = script.statements[0].kind, let filter = clauses.filter else {
            Issue.record("no filter"); return
        }
        #expect(SyntaxShape.of(filter) == "(and (and (= date d:2020-02-29) (> score (best- n:\(0.05.bitPattern)))) (<= score (best* n:\(0.5.bitPattern))))")
        #expect(CalendarDate(year: 1970, month: 1, day: 1).daysSince1970 == 0)
        #expect(CalendarDate(year: 2019, month: 6, day: 1).daysSince1970 == 18_048)
        #expect(CalendarDate(year: 1969, month: 12, day: 31).daysSince1970 == -1)
        #expect(CalendarDate(year: 2000, month: 3, day: 1).daysSince1970 == 11_017)
        #expect(!CalendarDate(year: 1900, month: 2, day: 29).isValid && CalendarDate(year: 2000, month: 2, day: 29).isValid)
    }

    /// `_` alone is the last query; with more word characters it is a word, and in quotes the word "_".
    @Test func anUnderscoreAloneIsTheLastQuery() {
        let (tokens, diagnostics) = Lexer.tokenize(Source(name: "t", text: "_ _a a_ __ \"_\" _1 _"))
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.lastQuery, .word, .word, .word, .phrase, .word, .lastQuery, .end])
        let (comparators, _) = Lexer.tokenize(Source(name: "t", text: "= != ~ < <= > >= !"))
        #expect(comparators.map(\.kind) == [.equals, .notEquals, .tilde, .less, .lessOrEqual, .greater, .greaterOrEqual, .invalid, .end])
    }

    @Test func explainIsAKeywordOnlyBeforeTopOrWords() {
        #expect(Parser.parse(Source(name: "t", text: "let 1 = 2")).diagnostics.count == 1)
        #expect(Parser.parse(Source(name: "t", text: "let explain = beach")).diagnostics.map(\.id) == [.keywordAsName])
        #expect(Parser.parse(Source(name: "t", text: "explain - park")).diagnostics.isEmpty)
        #expect(Parser.parse(Source(name: "t", text: "explain top 3 x\nexplain words 2 y")).script.statements.count == 2)
    }

    @Test func missingOperatorSuggestsAPlus() {
        let (_, diagnostics) = Parser.parse(Source(name: "t", text: "beach sunrise"))
        #expect(diagnostics.first?.message == "expected an operator between 'beach' and 'sunrise'")
        #expect(diagnostics.first?.notes == ["did you mean 'beach + sunrise'?"])
    }

    @Test func printingThenParsingGivesTheSameText() {
        for text in ["top 5 -(a + b)*2/3 - \"x \\\"y\\\"\"", "let v = mean(a, b, c)/2", "words 3 #1 - IMG_4 including query",
                     "sim(norm(a), b)", "(show)", "1.5e-07*park"] {
            let once = parse(text).0
            #expect(parse(once).0 == once)
            #expect(parse(once).1.isEmpty)
        }
    }
}
