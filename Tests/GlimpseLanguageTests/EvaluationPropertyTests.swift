import GlimpseCore
import GlimpseLanguage
import PropertyBased
import Testing
import GlimpseTestSupport

/// Laws of evaluation that must hold for any script.
struct EvaluationPropertyTests {
    /// Every statement's outcome or diagnostic, in order.
    private static func results(of script: Script, on space: Space) -> [Result<Outcome, Diagnostic>] {
        let evaluator = Evaluator(space: space)
        return script.statements.map { statement in
            do throws(Diagnostic) { return .success(try evaluator.run(statement)) } catch { return .failure(error) }
        }
    }

    /// The same script on the same space gives the same outcomes and the same
    /// diagnostics, run after run: nothing depends on hashing order or addresses.
    @Test func evaluationIsDeterministic() async throws {
        let space = try TestSpace.make()
        let twin = try TestSpace.make()  // equal content, other memory
        let scripts = Generator<Script, Shrink.None<Script>>(run: { rng in PropertyRandomSyntax().script(using: &rng) })
        var succeeded = 0
        await propertyCheck(count: 300, input: scripts) { script in
            let first = Self.results(of: script, on: space)
            #expect(first == Self.results(of: script, on: space), "\(Printer.text(of: script))")
            #expect(first == Self.results(of: script, on: twin), "\(Printer.text(of: script))")
            succeeded += first.filter { if case .success = $0 { true } else { false } }.count
        }
        // Random scripts mostly fail (unknown images, hits before a listing); enough must run.
        #expect(succeeded > 50)
    }

    /// A space whose vectors have four components of ±1/2: unit length exactly, so
    /// sums with whole weights are exact in any order and only a real dependence
    /// on order could change a result. Equal scores are common, so ties are tested too.
    static func exactSpace() throws -> Space {
        var rng = SplitMix64(seed: 7)
        let dimension = 16
        func row() -> [Float] {
            var values = [Float](repeating: 0, count: dimension)
            for position in Array(0..<dimension).shuffled(using: &rng).prefix(4) {
                values[position] = Bool.random(using: &rng) ? 0.5 : -0.5
            }
            return values
        }
        let words = (0..<40).map { "w\($0)" }
        let images = (0..<30).map { ImageRecord(file: "\($0).png") }
        return try Space(words: words, wordVectors: words.flatMap { _ in row() }, images: images,
                         imageVectors: images.flatMap { _ in row() }, dimension: dimension, model: "exact", source: "test")
    }

    struct WeightedTerm: Sendable, CustomStringConvertible {
        var term: String
        var weight: Int
        var description: String { "\(weight)*\(term)" }
    }

    @Test func theOrderOfTermsInASumDoesNotChangeTheRanking() async throws {
        let space = try Self.exactSpace()
        let term = zip(Gen.int(in: 0..<70), Gen.int(in: -3...3).filter { $0 != 0 })
            .map { index, weight in WeightedTerm(term: index < 40 ? "w\(index)" : "IMG_\(index - 39)", weight: weight) }
        var compared = 0
        await propertyCheck(count: 300, input: term.array(of: 2...6), Gen.uint64()) { terms, shuffleSeed in
            var rng = SplitMix64(seed: shuffleSeed)
            let shuffled = terms.shuffled(using: &rng)
            for keyword in ["words", "top"] {
                let a = Self.results(of: Self.listing(keyword, terms), on: space)
                let b = Self.results(of: Self.listing(keyword, shuffled), on: space)
                switch (a[0], b[0]) {
                case (.success(.words(let x)), .success(.words(let y))):
                    #expect(x.hits == y.hits, "\(terms) vs \(shuffled)")
                    compared += 1
                case (.success(.images(let x)), .success(.images(let y))):
                    #expect(x.hits == y.hits, "\(terms) vs \(shuffled)")
                    compared += 1
                case (.failure(let x), .failure(let y)):
                    #expect(x.id == y.id, "\(terms) vs \(shuffled)")  // e.g. both a zero vector
                default:
                    Issue.record("one order succeeded and the other did not: \(terms) vs \(shuffled)")
                }
            }
        }
        #expect(compared > 300)
    }

    private static func listing(_ keyword: String, _ terms: [WeightedTerm]) -> Script {
        let text = "\(keyword) 25 " + terms.map(\.description).joined(separator: " + ") + " including query"
        let (script, diagnostics) = Parser.parse(Source(name: "terms", text: text))
        precondition(diagnostics.isEmpty, "\(text): \(diagnostics)")
        return script
    }
}
