import GlimpseCore
import PropertyBased
import Testing
@testable import GlimpseLanguage
import GlimpseTestSupport

/// `_`, `explain`, `distinct` and `where` as the evaluator runs them.
struct ClauseEvaluatorTests {
    private func run(_ text: String, in evaluator: Evaluator) throws(Diagnostic) -> [Outcome] {
        try TestSpace.run(text, in: evaluator)
    }

    private func failure(_ text: String, in evaluator: Evaluator) -> Diagnostic? {
        do { _ = try run(text, in: evaluator); return nil } catch { return error }
    }

    private func images(_ text: String, in evaluator: Evaluator) throws -> ImageListing {
        guard case .images(let listing) = try run(text, in: evaluator).last else { throw Diagnostic(.typeMismatch, "no images", at: SourceRange(0, 0)) }
        return listing
    }

    private func words(_ text: String, in evaluator: Evaluator) throws -> WordListing {
        guard case .words(let listing) = try run(text, in: evaluator).last else { throw Diagnostic(.typeMismatch, "no words", at: SourceRange(0, 0)) }
        return listing
    }

    // MARK: _

    @Test func underscoreIsTheLastQuery() throws {
        let evaluator = Evaluator(space: try TestSpace.make())
        #expect(failure("top 3 _", in: evaluator)?.id == .noLastQuery)
        #expect(failure("1 + 2; _", in: evaluator)?.id == .noLastQuery)  // a number is not a query
        _ = try run("top 3 beach + 2*sunrise", in: evaluator)
        #expect(evaluator.lastQuery?.formula == "beach + 2*sunrise")
        #expect(try images("top 3 _ - park", in: evaluator).query == "beach + 2*sunrise - park")
        #expect(try words("words 4 _", in: evaluator).query == "beach + 2*sunrise - park")
        // The query's own items stay left out: the words of _ are the words of its query.
        #expect(try !words("words 15 _", in: evaluator).hits.map(\.word).contains("sunrise"))
        _ = try run("dog + sea", in: evaluator)
        #expect(evaluator.lastQuery?.formula == "dog + sea")
        // A failed statement, a binding and a number leave it as it was.
        _ = failure("top 3 _ + nosuchword", in: evaluator)
        _ = try run("let x = park; 2*3; sim(dog, sea)", in: evaluator)
        #expect(evaluator.lastQuery?.formula == "dog + sea")
        _ = try run("top 2 IMG_4", in: evaluator)
        guard case .image(let details) = try run("show _", in: evaluator)[0] else { Issue.record("not shown"); return }
        #expect(details.row == 3)
    }

    @Test func underscoreEqualsRepeatingTheQuery() throws {
        let evaluator = Evaluator(space: try TestSpace.make())
        let first = try images("top 12 IMG_2 + 0.5*\"ice cream\" - dog", in: evaluator)
        #expect(try images("top 12 _", in: evaluator).hits == first.hits)
        #expect(try images("top 12 _ - #3", in: evaluator).hits == images("top 12 IMG_2 + 0.5*\"ice cream\" - dog - IMG_\(first.hits[2].row + 1)", in: Evaluator(space: evaluator.space)).hits)
    }

    // MARK: explain

    @Test func sharesAreTheTermsOfTheScore() throws {
        let evaluator = Evaluator(space: try TestSpace.make())
        let listing = try images("explain top 5 beach + 2*sunrise - dog", in: evaluator)
        let explanation = try #require(listing.explanation)
        #expect(explanation.terms == ["beach", "2*sunrise", "-dog"])
        #expect(listing.statement == "explain top 5 beach + 2*sunrise - dog")
        for (hit, shares) in zip(listing.hits, explanation.shares) {
            #expect(abs(shares.reduce(0, +) - Double(hit.score)) < 1e-5)
        }
        // The same hits as without explain.
        #expect(try images("top 5 beach + 2*sunrise - dog", in: evaluator).hits == listing.hits)
        let words = try self.words("explain words 3 \"ice cream\" + IMG_1 among 15", in: evaluator)
        #expect(words.explanation?.terms == ["\"ice cream\"", "IMG_1"] && words.explanation?.shares.count == 3)
    }

    /// For any query, each hit's shares add up to its score, within float error: the score is
    /// computed in float from the summed vector, the shares in double from each term. Terms that
    /// nearly cancel leave a short query whose float sum carries the error of the long terms, so
    /// the bound grows with the weights over the query's length.
    @Test func sharesAddUpToTheScore() async throws {
        let space = try PhotoSpace.make()
        let names = TestSpace.words.filter { $0 != "twin2" } + (1...PhotoSpace.imageCount).map { "IMG_\($0)" }
        let term = zip(Gen.int(in: 0..<names.count), Gen.int(in: -4...4).filter { $0 != 0 }, Gen.int(in: 0..<5))
            .map { index, weight, form -> String in
                let name = names[index], other = names[(index * 7) % names.count]
                return ["\(weight)*\(name)", "\(name)/\(weight)", "norm(\(name) + \(other))*\(weight)",
                        "mean(\(name), \(other), \"ice cream\")", "\(weight)*(\(name) - 0.5*\(other))"][form]
            }
        var checked = 0
        await propertyCheck(count: 300, input: term.array(of: 1...6)) { terms in
            let text = "explain top 40 " + terms.joined(separator: " + ")
            let evaluator = Evaluator(space: space)
            do {
                let listing = try images(text, in: evaluator)
                let query = try #require(evaluator.lastQuery)
                let explanation = try #require(listing.explanation)
                #expect(explanation.terms == query.terms.map(\.signedText))
                let spread = query.terms.reduce(0) { $0 + abs($1.weight) } / query.magnitude
                for (hit, shares) in zip(listing.hits, explanation.shares) {
                    #expect(shares.count == query.terms.count)
                    #expect(abs(shares.reduce(0, +) - Double(hit.score)) <= 1e-6 * (1 + spread), "\(text): \(shares) vs \(hit.score)")
                    checked += 1
                }
            } catch let error as Diagnostic where error.id == .zeroVector {
                // terms that cancel out
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
        #expect(checked > 9000)
    }

    // MARK: distinct

    @Test func distinctFoldsNearCopiesAndStillListsK() throws {
        let space = try PhotoSpace.make()
        let evaluator = Evaluator(space: space)
        // Rows 10 and 11 are copies of row 3, row 12 nearly one.
        let plain = try images("top 6 IMG_4 including query", in: evaluator)
        #expect(Array(plain.hits.map(\.row).prefix(4)).sorted() == [3, 10, 11, 12])
        let distinct = try images("top 6 IMG_4 including query distinct", in: evaluator)
        #expect(distinct.hits.count == 6 && distinct.hits[0].row == 3)
        #expect(!distinct.hits.map(\.row).contains(10) && !distinct.hits.map(\.row).contains(11) && !distinct.hits.map(\.row).contains(12))
        #expect(distinct.distinct == FoldedHits(threshold: 0.95, total: 3, perHit: [3, 0, 0, 0, 0, 0]))
        #expect(distinct.statement == "top 6 IMG_4 distinct 0.95 including query")
        // Without the query itself, the copies fold into the first of them.
        let folded = try images("top 6 IMG_4 distinct 1", in: evaluator)
        #expect(folded.hits[0].row == 10 && folded.distinct?.perHit[0] == 1)
        // The hits are the undistinct ranking with the folded ones taken out.
        let all = try images("top 80 IMG_4 including query", in: evaluator)
        #expect(distinct.hits == Array(all.hits.filter { ![10, 11, 12].contains($0.row) }.prefix(6)).enumerated().map { i, hit in
            ImageHit(rank: i + 1, row: hit.row, number: hit.number, score: hit.score, record: hit.record, facts: hit.facts)
        })
        // Words too: twin2 is twin's direction exactly.
        let twins = try words("words 3 twin including query distinct 0.999", in: Evaluator(space: try TestSpace.make()))
        #expect(twins.hits.first?.word == "twin" && !twins.hits.map(\.word).contains("twin2") && twins.distinct?.total == 1)
    }

    // MARK: where

    @Test func scoreConditionsCutTheRanking() throws {
        let evaluator = Evaluator(space: try TestSpace.make())
        let all = try words("words 21 beach including query", in: evaluator)
        let above = try words("words 21 beach including query where score > 0.2", in: evaluator)
        #expect(above.hits.map(\.index) == all.hits.filter { $0.score > 0.2 }.map(\.index))
        let band = try words("words 5 beach where score < 0.5 and score >= -0.5", in: evaluator)
        #expect(band.hits.allSatisfy { $0.score < 0.5 && $0.score >= -0.5 } && band.hits.count == 5)
        let best = try words("words 21 beach where score >= best - 0.3", in: evaluator)
        let top = try #require(best.hits.first?.score)
        #expect(best.hits.allSatisfy { $0.score >= top - 0.3 })
        #expect(best.hits.count < 20 && best.filter == "score >= best - 0.3")
        #expect(try words("words 4 beach where score > 2", in: evaluator).hits.isEmpty)
    }

    @Test(arguments: [
        ("top 3 dog where collection = \"emoji\"", DiagnosticID.noCollections),
        ("top 3 dog where date >= 2019-06-01", .noFileFacts),
        ("top 3 dog where not camera = \"x\"", .noFileFacts),
        ("top 3 dog where tag = \"tag1\" and size > 5", .noFileFacts),
    ] as [(String, DiagnosticID)])
    func fieldsTheSpaceDoesNotRecordAreErrors(_ text: String, _ id: DiagnosticID) throws {
        let evaluator = Evaluator(space: try TestSpace.make())
        let error = failure(text, in: evaluator)
        #expect(error?.id == id)
        #expect(error?.id.stage == .evaluation)
        // The caret is at the field.
        let field = try #require(["collection", "date", "camera", "size"].first { text.contains(" \($0) ") })
        let offset = Array(text.unicodeScalars).indices.first { String(String.UnicodeScalarView(Array(text.unicodeScalars)[$0...])).hasPrefix(field + " ") }
        #expect(error?.range.lowerBound == offset)
        if text.contains("date") {
            #expect(error?.message == "this space has no dates for its images; spaces made by 'glimpse index' have them")
        }
    }

    @Test func unknownCollectionsAreNamed() throws {
        let evaluator = Evaluator(space: try PhotoSpace.make())
        let error = failure("top 3 dog where collection = \"emoji\"", in: evaluator)
        #expect(error?.id == .unknownCollection && error?.notes == ["the collections are 'photos', 'drawings'"])
        #expect(try images("top 3 dog where collection ~ \"emoji*\"", in: evaluator).hits.isEmpty)
    }

    @Test func conditionsOnTheTestSpace() throws {
        let evaluator = Evaluator(space: try TestSpace.make())
        // Images 1..12 have tags tag0, tag1, tag2 in turn.
        let tagged = try images("top 12 beach where tag = \"tag1\"", in: evaluator)
        #expect(tagged.hits.map(\.row).sorted() == [1, 4, 7, 10])
        #expect(tagged.filter == "tag = \"tag1\"" && tagged.statement == "top 12 beach where tag = \"tag1\"")
        #expect(try images("top 12 beach where not tag = \"tag1\" and file ~ \"images/1*\"", in: evaluator).hits.map(\.row).sorted() == [0, 9, 11])
        #expect(try images("top 12 beach where title = \"image 3\" or title = \"image 5\"", in: evaluator).hits.map(\.row).sorted() == [2, 4])
        #expect(try images("top 12 beach where folder = \"images\"", in: evaluator).hits.count == 12)
        #expect(try images("top 12 beach where folder != \"images\"", in: evaluator).hits.isEmpty)
    }
}
