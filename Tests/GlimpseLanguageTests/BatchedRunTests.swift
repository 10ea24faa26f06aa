import GlimpseCore
import PropertyBased
import Testing
@testable import GlimpseLanguage
import GlimpseTestSupport

/// Searching ahead in batches (`BatchedRun`, `Evaluator.searchAhead`) changes how long a script
/// takes, never what it gives: the same outcomes, the same diagnostics in the same places, the same
/// variables and listing afterwards.
struct BatchedRunTests {
    typealias Results = [Result<Outcome, Diagnostic>]

    /// A real search that also writes down how it was asked: one query at a time, or a batch of
    /// how many queries for which K. Tests use it from one thread.
    final class CountingSearch: NearestNeighbourSearch, @unchecked Sendable {
        let search: any NearestNeighbourSearch
        private(set) var singleQueries = 0
        private(set) var batches: [(queries: Int, k: Int)] = []

        init(_ search: any NearestNeighbourSearch) {
            self.search = search
        }

        func nearest(to query: [Float], k: Int, excluding: Set<Int>) -> [Hit] {
            singleQueries += 1
            return search.nearest(to: query, k: k, excluding: excluding)
        }

        func nearest(to queries: [[Float]], k: Int, excluding: [Set<Int>]) -> [[Hit]] {
            batches.append((queries.count, k))
            return search.nearest(to: queries, k: k, excluding: excluding)
        }
    }

    /// An evaluator with the searches `glimpse` gives it (`Space.wordSearch` and the others), whose
    /// batch form is `BatchSearch`'s sgemm, each behind a `CountingSearch`.
    final class Searches {
        let words: CountingSearch
        let wordsAmongFirst: [Int: CountingSearch]
        let images: CountingSearch
        let evaluator: Evaluator

        init(_ space: Space, threads: Int = 2, amongCounts: [Int] = []) {
            words = CountingSearch(space.wordSearch(threads: threads))
            wordsAmongFirst = Dictionary(uniqueKeysWithValues: amongCounts.map { ($0, CountingSearch(space.wordSearch(amongFirst: $0, threads: threads))) })
            images = CountingSearch(space.imageSearch(threads: threads))
            let among = wordsAmongFirst
            evaluator = Evaluator(space: space, wordSearch: words,
                                  wordSearchAmongFirst: { among[$0] ?? CountingSearch(space.wordSearch(amongFirst: $0, threads: threads)) },
                                  imageSearch: images)
        }

        var all: [CountingSearch] { [words, images] + wordsAmongFirst.values }
        var singleQueries: Int { all.map(\.singleQueries).reduce(0, +) }
        var largestBatch: Int { all.flatMap { $0.batches.map(\.queries) }.max() ?? 0 }
    }

    static func serial(_ statements: [Statement], on evaluator: Evaluator, stopsAtFirstError: Bool = false) -> Results {
        var results: Results = []
        for statement in statements {
            do throws(Diagnostic) {
                results.append(.success(try evaluator.run(statement)))
            } catch {
                results.append(.failure(error))
                if stopsAtFirstError { break }
            }
        }
        return results
    }

    static func batched(_ statements: [Statement], on evaluator: Evaluator, stopsAtFirstError: Bool = false,
                        limits: Evaluator.SearchAheadLimits = .standard) -> Results {
        let run = BatchedRun(statements, evaluator: evaluator, stopsAtFirstError: stopsAtFirstError, limits: limits)
        var results: Results = []
        while !run.isFinished {
            do throws(Diagnostic) {
                results.append(.success(try run.runNext()))
            } catch {
                results.append(.failure(error))
                if stopsAtFirstError { break }
            }
        }
        return results
    }

    static func statements(_ text: String) -> [Statement] {
        let (script, diagnostics) = Parser.parse(Source(name: "t", text: text))
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return script.statements
    }

    /// Random scripts run serially and in batches of several sizes, on one and two threads: the same
    /// results and the same state after. Few distinct K and N, and one statement in six that may read
    /// `#n`, so that searches share batches and batches end.
    @Test func batchedRunsGiveWhatSerialRunsGive() async throws {
        let space = try TestSpace.make(dimension: 8, images: 12)
        let counts = [3, 3, 3, 12]
        // Words the space knows (not the clause words, which would make most statements fail), and
        // clauses on one listing in four: a `where` searches its own rows, outside the batches.
        let independent = PropertyRandomSyntax(words: TestSpace.words, maximumDepth: 3, counts: counts, readsHits: false, clausesInOneOf: 4)
        let any = PropertyRandomSyntax(words: TestSpace.words, maximumDepth: 3, counts: counts, clausesInOneOf: 4)
        let scripts = Generator<Script, Shrink.None<Script>>(run: { rng in
            Script(statements: (0..<Int.random(in: 5...60, using: &rng)).map { _ in
                Int.random(in: 0..<6, using: &rng) == 0 ? any.statement(using: &rng) : independent.statement(using: &rng)
            })
        })
        let limitChoices: [Evaluator.SearchAheadLimits] = [
            .standard, SearchAheadLimitsFor.statements(3), SearchAheadLimitsFor.hits(7), SearchAheadLimitsFor.multiplyAdds(200),
        ]
        var largestBatch = 0, succeeded = 0
        var trial = 0
        await propertyCheck(count: 200, input: scripts) { script in
            trial += 1
            let text = Printer.text(of: script)
            let stops = trial % 3 == 0
            let limits = limitChoices[trial % limitChoices.count]
            let serialEvaluator = Evaluator(space: space)
            // Statements without K join the batches of K = 3.
            serialEvaluator.defaultCount = 3
            serialEvaluator.summaryCount = 3
            let expected = Self.serial(script.statements, on: serialEvaluator, stopsAtFirstError: stops)
            let searches = Searches(space, threads: 1 + trial % 2, amongCounts: Array(Set(counts)))
            searches.evaluator.defaultCount = 3
            searches.evaluator.summaryCount = 3
            let actual = Self.batched(script.statements, on: searches.evaluator, stopsAtFirstError: stops, limits: limits)
            #expect(actual == expected, "\(text)")
            #expect(searches.evaluator.variables == serialEvaluator.variables, "\(text)")
            #expect(searches.evaluator.lastListing == serialEvaluator.lastListing, "\(text)")
            #expect(searches.evaluator.searchedAhead.isEmpty)
            largestBatch = max(largestBatch, searches.largestBatch)
            succeeded += actual.filter { if case .success = $0 { true } else { false } }.count
        }
        // The scripts must have made batches big enough for sgemm, and mostly run.
        #expect(largestBatch >= BatchSearch.minimumQueries)
        #expect(succeeded > 500)
    }

    /// Independent statements search together, one batch per target and K; a statement that reads
    /// `#n` starts the next batch, and every search of the real run is answered from a batch.
    @Test func independentStatementsShareOneBatch() throws {
        let space = try TestSpace.make()
        let statements = Self.statements("""
            words 3 king - man + woman
            let x = beach + sunrise
            words 3 x
            top 2 x
            words 3 sea
            top 2 dog
            words 3 park including query
            top 2 IMG_3
            top 2 #1
            words 3 ocean
            let y = #2
            top 2 y
            """)
        let searches = Searches(space)
        let results = Self.batched(statements, on: searches.evaluator)
        #expect(results == Self.serial(statements, on: Evaluator(space: space)))
        #expect(searches.words.batches.map(\.queries) == [4, 1])
        #expect(searches.words.batches.map(\.k) == [3, 3])
        #expect(searches.images.batches.map(\.queries) == [3, 1, 1])
        #expect(searches.images.batches.map(\.k) == [2, 2, 2])
        #expect(searches.singleQueries == 0)
    }

    /// A bare vector lists its nearest words: that search is batched too, with the `words` of the same K.
    @Test func bareExpressionsShareTheWordBatch() throws {
        let space = try TestSpace.make()
        let statements = Self.statements("king - man\nwords 5 queen\nsea + ocean\n2 * 3\nwords 5 dog")
        let searches = Searches(space)
        searches.evaluator.summaryCount = 5
        #expect(Self.batched(statements, on: searches.evaluator) == Self.serial(statements, on: Evaluator(space: space)))
        #expect(searches.words.batches.map(\.queries) == [4])
        #expect(searches.singleQueries == 0)
    }

    /// `among N` searches the first N words: one batch per N, apart from the whole vocabulary's.
    @Test func amongSearchesBatchPerCount() throws {
        let space = try TestSpace.make()
        let statements = Self.statements("words 2 sea among 10\nwords 2 dog among 10\nwords 2 king among 5\nwords 2 sea\nwords 2 dog among 10")
        let searches = Searches(space, amongCounts: [5, 10])
        #expect(Self.batched(statements, on: searches.evaluator) == Self.serial(statements, on: Evaluator(space: space)))
        #expect(searches.wordsAmongFirst[10]!.batches.map(\.queries) == [2])
        #expect(searches.wordsAmongFirst[5]!.batches.map(\.queries) == [1])
        #expect(searches.words.batches.map(\.queries) == [1])
        #expect(searches.singleQueries == 0)
    }

    /// A caller that stops at the first error searches nothing past it; one that goes on searches on.
    @Test func aBatchEndsAtTheFirstErrorWhenTheRunStopsThere() throws {
        let space = try TestSpace.make()
        let statements = Self.statements("words 2 sea\nwords 2 nosuchword\nwords 2 dog\nwords 2 king")
        let stopping = Searches(space)
        let stopped = Self.batched(statements, on: stopping.evaluator, stopsAtFirstError: true)
        #expect(stopped == Self.serial(statements, on: Evaluator(space: space), stopsAtFirstError: true))
        #expect(stopped.count == 2)
        #expect(stopping.words.batches.map(\.queries) == [1])
        let going = Searches(space)
        #expect(Self.batched(statements, on: going.evaluator) == Self.serial(statements, on: Evaluator(space: space)))
        #expect(going.words.batches.map(\.queries) == [3])
    }

    /// The limits cut batches: by statements, by hits held (the sum of K), by work (rows x dimension).
    @Test func limitsBoundEveryBatch() throws {
        let space = try TestSpace.make()
        let statements = Self.statements(Array(repeating: "words 3 sea\nwords 3 dog + king", count: 5).joined(separator: "\n"))
        let expected = Self.serial(statements, on: Evaluator(space: space))
        let byStatements = Searches(space)
        #expect(Self.batched(statements, on: byStatements.evaluator, limits: SearchAheadLimitsFor.statements(4)) == expected)
        #expect(byStatements.words.batches.map(\.queries) == [2, 2, 2])  // identical queries are searched once
        let byHits = Searches(space)
        #expect(Self.batched(statements, on: byHits.evaluator, limits: SearchAheadLimitsFor.hits(9)) == expected)
        // Three statements (nine hits) per batch; the last statement, alone, searches by itself.
        #expect(byHits.words.batches.map(\.queries) == [2, 2, 2])
        #expect(byHits.singleQueries == 1)
        let byWork = Searches(space)
        let oneSearch = space.wordCount * space.dimension
        #expect(Self.batched(statements, on: byWork.evaluator, limits: SearchAheadLimitsFor.multiplyAdds(2 * oneSearch)) == expected)
        #expect(byWork.words.batches.count == 5)
        let none = Searches(space)
        #expect(Self.batched(statements, on: none.evaluator, limits: .none) == expected)
        #expect(none.words.batches.isEmpty)
        #expect(none.singleQueries == 10)
    }

    /// What may be searched ahead: nothing that reads an earlier listing, nothing that embeds an image file.
    @Test func theRuleOfWhatWaits() {
        func rule(_ text: String) -> (readsHits: Bool, embedsImage: Bool) {
            let statement = Self.statements(text)[0]
            return (statement.readsEarlierHits, statement.embedsImageFile)
        }
        #expect(rule("words 3 king - man + woman") == (false, false))
        #expect(rule("let x = 2 * (sea + #3)") == (true, false))
        #expect(rule("top 5 mean(sea, norm(-#1))") == (true, false))
        #expect(rule("show #2") == (true, false))
        #expect(rule("sim(#1, sea)") == (true, false))
        #expect(rule("top 5 image(\"a.png\") + sea") == (false, true))
        #expect(rule("let p = norm(image(\"a.png\"))") == (false, true))
        #expect(rule("words 3 \"#1\" among 10 including query") == (false, false))
    }

    /// A statement that embeds an image file runs alone: the dry run must not embed it a second time.
    @Test func imageFilesEndABatch() throws {
        let space = try TestSpace.make()
        let statements = Self.statements("words 2 sea\nwords 2 dog\ntop 2 image(\"a.png\")\nwords 2 king\nwords 2 queen")
        let evaluator = Searches(space).evaluator
        #expect(evaluator.searchAhead(statements[0...], limits: .standard, stopsAtFirstError: false) == 2)
        #expect(evaluator.searchAhead(statements[2...], limits: .standard, stopsAtFirstError: false) == 1)
        #expect(evaluator.searchAhead(statements[3...], limits: .standard, stopsAtFirstError: false) == 2)
    }
}

/// Limits with one bound set and the others out of the way.
enum SearchAheadLimitsFor {
    static func statements(_ count: Int) -> Evaluator.SearchAheadLimits {
        Evaluator.SearchAheadLimits(statements: count, hits: .max, multiplyAdds: .max)
    }

    static func hits(_ count: Int) -> Evaluator.SearchAheadLimits {
        Evaluator.SearchAheadLimits(statements: .max, hits: count, multiplyAdds: .max)
    }

    static func multiplyAdds(_ count: Int) -> Evaluator.SearchAheadLimits {
        Evaluator.SearchAheadLimits(statements: .max, hits: .max, multiplyAdds: count)
    }
}
