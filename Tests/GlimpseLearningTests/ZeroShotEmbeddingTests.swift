import Testing
import Foundation
@testable import GlimpseLearning

@Suite struct ZeroShotEmbeddingTests {
    // Three orthogonal words; "german" and "shepherd" share a direction so the name
    // alone points away from "dog".
    let words = WordVectors(words: ["german", "shepherd", "dog", "cat"],
                            vectors: DenseMatrix(rows: 4, columns: 3, values: [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]))

    @Test func hypernymsPullTheClassTowardsItsKind() {
        let nameOnly = ZeroShotEmbedding(classNames: ["German shepherd"], words: words)
        #expect(nameOnly.classVectors.row(0) == [1, 0, 0])
        // Name (weight 1) and "dog" (weight 1/2): normalise([1, 0.5, 0]).
        let chained = ZeroShotEmbedding(classes: [["German shepherd", "shepherd dog", "working dog", "dog"]], words: words)
        // shepherd dog = unit(1, 1, 0) * 1/2, working dog = (0, 1, 0) * 1/4, dog = (0, 1, 0) * 1/8.
        let s = Float(0.5).squareRoot() / 2
        let raw: [Float] = [1 + s, s + 0.25 + 0.125, 0]
        let norm = (raw[0] * raw[0] + raw[1] * raw[1]).squareRoot()
        for (a, b) in zip(chained.classVectors.row(0), raw.map { $0 / norm }) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func onlyTheFirstHypernymsCount() {
        let chain = ["cat", "cat", "cat", "cat", "dog", "dog", "dog"]
        let v = ZeroShotEmbedding(classes: [chain], words: words).classVectors.row(0)
        #expect(abs(v[0]) < 1e-7 && abs(v[1]) < 1e-7 && abs(v[2] - 1) < 1e-6,
                "hypernyms past the depth (\(ZeroShotEmbedding.hypernymDepth)) are ignored")
    }

    @Test func unknownClassesAreZeroAndTheTopClassesDecide() {
        let z = ZeroShotEmbedding(classes: [["dog"], ["zebra"], ["cat"]], words: words, top: 2)
        #expect(z.classVectors.row(1) == [0, 0, 0])
        // Probabilities ~ (0.7, 0.2, 0.1): the top 2 are dog and the unknown class, so the vector is dog.
        let v = z.embed(logits: [log(0.7), log(0.2), log(0.1)])
        for (a, b) in zip(v, [Float(0), 1, 0]) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func encodingRoundTripsAndDamageIsAnError() throws {
        let z = ZeroShotEmbedding(classes: [["dog"], ["cat", "dog"]], words: words, top: 1)
        let bytes = z.encode()
        let back = try ZeroShotEmbedding(decoding: bytes)
        #expect(back.classVectors == z.classVectors && back.top == 1)
        for i in stride(from: 0, to: bytes.count, by: 3) {
            var damaged = bytes
            damaged[i] ^= 0x40
            #expect(throws: LearningError.self) { _ = try ZeroShotEmbedding(decoding: damaged) }
        }
        for n in [0, 3, 10, bytes.count - 1] {
            #expect(throws: LearningError.self) { _ = try ZeroShotEmbedding(decoding: Array(bytes.prefix(n))) }
        }
        #expect(throws: LearningError.self) { _ = try ZeroShotEmbedding(decoding: bytes + [0]) }
    }

    @Test func weightsClassNamesByProbability() {
        let words = WordVectors(words: ["dog", "cat", "car"], vectors: DenseMatrix(rows: 3, columns: 2, values: [1, 0, 0.8, 0.6, 0, 1]))
        let z = ZeroShotEmbedding(classNames: ["dog", "tabby, tabby cat", "sports car"], words: words, top: 2)
        // Logits favour "dog", then "car"; "tabby" is unknown, so the synonym list falls back to "cat".
        let v = z.embed(logits: DenseMatrix(rows: 1, columns: 3, values: [3, -5, 2]))
        #expect(v[0, 0] > v[0, 1] && v[0, 1] > 0)
        #expect(abs(v[0, 0] * v[0, 0] + v[0, 1] * v[0, 1] - 1) < 1e-5)
        let mixed = ZeroShotEmbedding.mix(head: DenseMatrix(rows: 1, columns: 2, values: [0, 1]), zeroShot: v, weight: 0)
        #expect(mixed.values == [0, 1])
    }
}
