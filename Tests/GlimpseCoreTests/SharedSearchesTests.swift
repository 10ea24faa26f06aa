import Testing
@testable import GlimpseCore

/// A server's searches round float32 spaces to half precision once; hits and scores must stay ExactSearch's.
struct SharedSearchesTests {
    @Test(arguments: [false, true])
    func sharedSearchesEqualExactSearch(halfPrecision: Bool) throws {
        let dimension = 50
        let space = try sampleSpace(wordCount: 3_001, imageCount: 203, dimension: dimension, seed: 7)
        #expect(space.halfWordVectors == nil && space.halfImageVectors == nil)
        let searches = SharedSearches(space: space, threads: 1, halfPrecision: halfPrecision)
        #expect((searches.words is HalfPrecisionSearch) == halfPrecision)
        #expect((searches.images is HalfPrecisionSearch) == halfPrecision)
        let among = searches.wordsAmongFirst(1_000)
        let wordsExact = ExactSearch(space.wordVectors)
        let amongExact = ExactSearch(space.wordVectors.prefix(1_000))
        let imagesExact = ExactSearch(space.imageVectors)
        var random = SplitMix64(seed: 11)
        for trial in 0..<40 {
            // Rows of the space and random directions, as queries from words and from arithmetic.
            let query: [Float] = trial % 2 == 0
                ? Array(space.wordVectors.row(trial * 37))
                : normalised((0..<dimension).map { _ in Float.random(in: -1...1, using: &random) }, dimension: dimension)
            let excluding: Set<Int> = trial % 2 == 0 ? [trial * 37] : []
            for k in [1, 8, 24] {
                #expect(searches.words.nearest(to: query, k: k, excluding: excluding) == wordsExact.nearest(to: query, k: k, excluding: excluding))
                #expect(among.nearest(to: query, k: k, excluding: excluding) == amongExact.nearest(to: query, k: k, excluding: excluding))
                #expect(searches.images.nearest(to: query, k: k) == imagesExact.nearest(to: query, k: k))
            }
        }
    }
}
