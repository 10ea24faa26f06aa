import Testing
import Foundation
@testable import GlimpseLearning
import GlimpseCore
import GlimpseTestSupport

@Suite struct FileFormatTests {
    @Test func gloveTextAndPhraseVectors() throws {
        let path = ScratchFolder.named("learning").appendingPathComponent("glove.txt").path
        try "the 1 0 0\nbeach 0 3 0\nsun 0 0 -2.5e0\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let words = WordVectors(try GloVeTextReader.read(path: path))
        #expect(words.words == ["the", "beach", "sun"])
        #expect(words.vector("beach") == [0, 1, 0])
        #expect(words.vector("sun") == [0, 0, -1])
        let v = words.phraseVector("Beach, SUN! unknown")!
        #expect(abs(v[1] - 0.70710677) < 1e-6 && abs(v[2] + 0.70710677) < 1e-6)
        #expect(words.phraseVector("nothing known") == nil)
        let kept = WordVectors(try GloVeTextReader.read(path: path), keeping: ["sun"])
        #expect(kept.words == ["sun"])
    }

    @Test func captionsFromTags() throws {
        let words = WordVectors(words: ["cat", "dog", "red", "clipart"],
                                vectors: DenseMatrix(rows: 4, columns: 2, values: [1, 0, 0, 1, 1, 1, 5, 5]))
        let c = ImageCollection(name: "t", files: ["a", "b", "c"], titles: ["red cat", "", "x"],
                                tags: [["Cat", "clipart"], ["dog", "hot dog"], []],
                                features: DenseMatrix(rows: 3, columns: 1), logits: nil)
        let tagsOnly = Captions(collection: c, source: .tags, words: words)
        #expect(tagsOnly.hasTarget == [true, true, false])
        #expect(tagsOnly.targets.row(0) == [1, 0])  // "clipart" is a stop word
        #expect(tagsOnly.queryWords == [["cat"], ["dog"], []])
        let withTitle = Captions(collection: c, source: .tagsAndTitle, words: words)
        #expect(abs(withTitle.targets[0, 1] - 0.38268343) < 1e-5)  // mean of cat and unit(red)
    }
}
