import GlimpseCore
import Testing
@testable import GlimpseLanguage

struct EvaluatorTests {
    let evaluator: Evaluator

    init() throws {
        evaluator = Evaluator(space: try TestSpace.make())
    }

    private func run(_ text: String) throws(Diagnostic) -> [Outcome] {
        try TestSpace.run(text, in: evaluator)
    }

    private func imageRanking(_ query: String) throws -> [Int] {
        guard case .images(let listing) = try run("top 12 \(query)").last else { return [] }
        return listing.hits.map(\.row)
    }

    private func wordRanking(_ query: String) throws -> [String] {
        guard case .words(let listing) = try run("words 15 \(query)").last else { return [] }
        return listing.hits.map(\.word)
    }

    private func failure(_ text: String) -> Diagnostic? {
        do { _ = try run(text); return nil } catch { return error }
    }

    private func vector(_ text: String) throws -> QueryVector {
        let (script, _) = Parser.parse(Source(name: "t", text: text))
        guard case .expression(let e) = script.statements[0].kind, case .vector(let v) = try evaluator.evaluate(e)
        else { throw Diagnostic(.typeMismatch, "not a vector", at: SourceRange(0, 0)) }
        return v
    }

    // MARK: laws

    @Test(arguments: [("beach + sunrise", "sunrise + beach"), ("IMG_3 - dog + park", "park + IMG_3 - dog"),
                      ("\"ice cream\" + red", "red + \"ice cream\"")])
    func additionCommutes(_ a: String, _ b: String) throws {
        #expect(try imageRanking(a) == imageRanking(b))
        #expect(try wordRanking(a) == wordRanking(b))
    }

    @Test func repetitionIsWeight() throws {
        #expect(try imageRanking("IMG_1 + park + park + park") == imageRanking("IMG_1 + 3*park"))
        #expect(try imageRanking("park + park") == imageRanking("2*park"))
        #expect(try imageRanking("park*2") == imageRanking("park/0.5"))
        #expect(try vector("park + park").formula == "2*park")
    }

    @Test func normIsIdempotentAndUnit() throws {
        let once = try vector("norm(beach + 3*sunrise)")
        let twice = try vector("norm(norm(beach + 3*sunrise))")
        #expect(abs(once.length - 1) < 1e-5)
        for (a, b) in zip(once.components, twice.components) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func scalingDoesNotChangeTheRanking() throws {
        #expect(try imageRanking("beach - sea") == imageRanking("(beach - sea)*7"))
        #expect(try imageRanking("mean(beach, sea)") == imageRanking("beach + sea"))
        #expect(try wordRanking("-(-dog)") == wordRanking("dog"))
        // Once all-zero scores (Float length overflow) or a "zero vector" (absolute threshold).
        #expect(try wordRanking("dog*1e30") == wordRanking("dog"))
        #expect(try wordRanking("dog/1e7") == wordRanking("dog"))
        #expect(try imageRanking("(beach - sea)*1e38") == imageRanking("beach - sea"))
    }

    @Test func scoresAreCosines() throws {
        guard case .number(let same, _) = try run("sim(beach, beach)")[0],
              case .number(let opposite, _) = try run("sim(beach, -beach)")[0]
        else { Issue.record("not numbers"); return }
        #expect(abs(same - 1) < 1e-5 && abs(opposite + 1) < 1e-5)
        guard case .words(let listing) = try run("words 3 beach including query")[0] else { return }
        #expect(listing.hits[0].word == "beach" && abs(listing.hits[0].score - 1) < 1e-5)
    }

    @Test func amongSearchesTheFirstWordsOnly() throws {
        let words = TestSpace.words
        for n in [1, 3, 8, words.count, words.count + 100] {
            guard case .words(let listing) = try run("words 30 dog among \(n)")[0] else { Issue.record("not words"); return }
            let allowed = Set(words.prefix(n)).subtracting(["dog"])
            guard case .words(let all) = try run("words 30 dog")[0] else { Issue.record("not words"); return }
            #expect(listing.hits.map(\.word) == all.hits.map(\.word).filter(allowed.contains))
            #expect(listing.hits.map(\.score) == all.hits.filter { allowed.contains($0.word) }.map(\.score))
            #expect(listing.among == n && listing.statement == "words 30 dog among \(n)")
        }
    }

    // MARK: names

    @Test func queryItemsAreLeftOutUnlessAskedFor() throws {
        #expect(try !wordRanking("beach + sea").contains("beach"))
        #expect(try !wordRanking("beach + sea").contains("sea"))
        #expect(try !wordRanking("\"ice cream\"").contains("ice"))
        #expect(try !imageRanking("IMG_2 + IMG_5").contains(1))
        #expect(try imageRanking("IMG_2 including query").first == 1)
    }

    @Test func variablesShadowWordsAndQuotesMeanTheWord() throws {
        _ = try run("let beach = dog")
        #expect(try wordRanking("beach") == wordRanking("dog"))
        #expect(try wordRanking("\"beach\"") != wordRanking("dog"))
        #expect(try vector("\"beach\"").formula == "\"beach\"")
    }

    @Test func variablesKeepValuesNotText() throws {
        _ = try run("let x = beach + sunrise")
        #expect(try imageRanking("x + park") == imageRanking("beach + sunrise + park"))
        #expect(try vector("x + park").formula == "beach + sunrise + park")
    }

    @Test func keywordsAndFunctionNamesAreWordsElsewhere() throws {
        #expect(try wordRanking("top + mean").count == 15)
    }

    @Test func resultsCanBeUsedAsQueries() throws {
        guard case .images(let listing) = try run("top 3 beach")[0] else { return }
        #expect(try vector("#2").images == [listing.hits[1].row])
        guard case .image(let details) = try run("show #1")[0] else { Issue.record("no details"); return }
        #expect(details.row == listing.hits[0].row)
        _ = try run("words 3 beach")
        #expect(try vector("#1").words.count == 1)
    }

    @Test func tiesBreakByIndex() throws {
        guard case .words(let listing) = try run("words 2 twin including query")[0] else { return }
        #expect(listing.hits.map(\.word) == ["twin", "twin2"])
        guard case .words(let reversed) = try run("words 2 twin2 including query")[0] else { return }
        #expect(reversed.hits.map(\.word) == ["twin", "twin2"])
    }

    @Test func caseFoldsWhenTheExactWordIsUnknown() throws {
        #expect(try wordRanking("Beach") == wordRanking("beach"))
    }

    // MARK: errors

    @Test(arguments: [
        ("top 3 beach - beach", DiagnosticID.zeroVector),
        ("top 3 0*beach", .zeroVector),
        ("norm(dog - dog)", .zeroVector),
        ("2 + beach", .typeMismatch),
        ("beach * sea", .typeMismatch),
        ("2 / beach", .typeMismatch),
        ("top 3 2", .typeMismatch),
        ("mean(beach, 2)", .typeMismatch),
        ("sim(2, beach)", .typeMismatch),
        ("show beach", .typeMismatch),
        ("beach / 0", .divisionByZero),
        ("1 / 0", .divisionByZero),
        ("beach * 1e300 * 1e300", .notFinite),
        ("beach*3e38 + beach*3e38 + beach*3e38 + beach*3e38 + beach*3e38 + beach*3e38 + beach*3e38 + beach*3e38", .notFinite),
        ("mean(beach*3e38, beach*3e38, beach*3e38, beach*3e38, beach*3e38, beach*3e38, beach*3e38, beach*3e38)", .notFinite),
        ("top 3 IMG_99", .unknownImage),
        ("show IMG_13", .unknownImage),
        ("top 3 #1", .noListing),
        ("top 3 beahc", .unknownWord),
        ("top 3 \"ice craem\"", .unknownWord),
        ("image(\"x.png\")", .imageUnavailable),
    ] as [(String, DiagnosticID)])
    func runtimeErrors(_ text: String, _ id: DiagnosticID) {
        #expect(failure(text)?.id == id)
    }

    @Test func errorsPointAtTheirExpression() {
        let input = MarkedSource("top 3 park + 1️⃣beahc")
        do {
            let (script, _) = Parser.parse(input.source)
            _ = try evaluator.run(script.statements[0])
            Issue.record("no error")
        } catch {
            #expect(error.range == SourceRange(input["1️⃣"], input["1️⃣"] + 5))
        }
    }

    @Test func aVariableThatIsAlsoAWordIsSuggestedOnce() throws {
        _ = try run("let beach = sea")
        #expect(failure("words 2 beahc")?.notes == ["did you mean 'beach'?"])
    }

    @Test func hitOutOfRange() throws {
        _ = try run("words 3 beach")
        #expect(failure("top 3 #4")?.id == .hitOutOfRange)
    }

    @Test func stateSurvivesErrors() throws {
        _ = try run("let x = beach")
        #expect(failure("let x = nosuchword") != nil)
        #expect(try vector("x").formula == "beach")
        _ = try run("words 2 beach")
        #expect(failure("top 3 2 + beach") != nil)
        #expect(evaluator.lastListing?.count == 2)
    }

    @Test func numbersAreValues() throws {
        guard case .number(let value, let text) = try run("(1 + 2)*4/8 - -1")[0] else { Issue.record("not a number"); return }
        #expect(value == 2.5)
        #expect(text == "(1 + 2)*4/8 - -1")
    }

    @Test func meanCountsEachArgumentOnce() throws {
        #expect(try vector("mean(beach, sea, ocean)").formula == "0.333*beach + 0.333*sea + 0.333*ocean")
    }
}
