import Foundation
import Testing
@testable import GlimpseCore

/// float16 storage on the real demo space: every fast search's top 10 equals the plain float32 scan's,
/// for the first 1,000 words and all images as queries, over words and over images. Runs when
/// GLIMPSE_DEMO_SPACE names the demo space file (built by 'make demo'; not committed); best in
/// release: `GLIMPSE_DEMO_SPACE=... swift test -c release --filter DemoSpaceHalfPrecision`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GLIMPSE_DEMO_SPACE"] != nil, "set GLIMPSE_DEMO_SPACE"))
struct DemoSpaceHalfPrecisionTests {
    @Test func halfPrecisionTopTenEqualsFloatTopTen() throws {
        let space = try Space.open(path: ProcessInfo.processInfo.environment["GLIMPSE_DEMO_SPACE"]!)
        let halfWords = try #require(HalfPrecisionMatrix(converting: space.wordVectors))
        let halfImages = try #require(HalfPrecisionMatrix(converting: space.imageVectors))
        let wordsHalf = HalfPrecisionSearch(half: halfWords, exact: space.wordVectors, threads: 2, rowNormBound: 1)
        let imagesHalf = HalfPrecisionSearch(half: halfImages, exact: space.imageVectors, threads: 2, rowNormBound: 1)
        let wordsExact = ExactSearch(space.wordVectors)
        let imagesExact = ExactSearch(space.imageVectors)
        var queries = (0..<min(1000, space.wordCount)).map { Array(space.wordVectors.row($0)) }
        queries += (0..<space.imageCount).map { Array(space.imageVectors.row($0)) }
        var differing = 0
        // What recall@10 would be if the f16 scores were used as they are, without re-scoring.
        var unrescoredMisses = 0
        let rawHalf = ExactSearch(Matrix(copying: (0..<halfWords.rows).flatMap { halfWords.row($0) }, dimension: halfWords.dimension))
        for (i, query) in queries.enumerated() {
            let excluding: Set<Int> = i < 1000 ? [i] : []
            let expectedWords = wordsExact.nearest(to: query, k: 10, excluding: excluding)
            if wordsHalf.nearest(to: query, k: 10, excluding: excluding) != expectedWords { differing += 1 }
            if imagesHalf.nearest(to: query, k: 10) != imagesExact.nearest(to: query, k: 10) { differing += 1 }
            if i < 50 {
                let raw = Set(rawHalf.nearest(to: query, k: 10, excluding: excluding).map(\.index))
                unrescoredMisses += Set(expectedWords.map(\.index)).subtracting(raw).count
            }
        }
        #expect(differing == 0)
        print("demo space: \(queries.count) queries; f16 top 10 differing: \(differing); unrescored f16 misses in the first 50 word queries: \(unrescoredMisses) of 500")
    }
}
