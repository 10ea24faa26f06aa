import Foundation
import GlimpseCore
import GlimpseTestSupport
import Testing

/// A space made by `glimpse index` keeps an image's number when others are removed: the page
/// names, links and serves images by that number, never by their row.
@Suite(.serialized)
struct ImageNumberTests {
    /// The web test space with its images numbered 1, 2, 3, then 10, 11, ... (4-9 removed).
    static let space: Space = {
        let base = WebTestSpace.space
        let numbers = (0..<base.imageCount).map { $0 < 3 ? $0 + 1 : $0 + 7 }
        let vectors = (0..<base.imageCount).flatMap { base.imageVectors.row($0) }
        do {
            return try Space(
                words: (0..<base.wordCount).map { base.words[$0] }, wordVectors: base.wordVectors.values,
                images: (0..<base.imageCount).map { base.image(at: $0) }, imageVectors: vectors,
                dimension: base.dimension, model: "glove-20k", source: "numbered web test pictures",
                imageNumbers: ImageNumbers(numbers: numbers, retired: (4...9).map { .init(number: $0, file: "/gone/\($0).png") }))
        } catch {
            fatalError("cannot build the numbered web test space: \(error)")
        }
    }()

    @Test func resultsLinkToTheirNumbersNotTheirRows() async throws {
        let server = try await TestServer.start(space: Self.space)
        defer { Task { await server.stop() } }
        // Row 3 is "sailing boat at sea", number 10.
        let page = try await server.get("/?q=top+8+boat+%2B+sail")
        #expect(page.status == 200)
        #expect(page.text.contains("/show/IMG_10"))
        #expect(page.text.contains("/thumbnail/IMG_10?"))
        #expect(!page.text.contains("/show/IMG_4"))
        let details = try await server.get("/show/IMG_10")
        #expect(details.status == 200)
        #expect(details.text.contains("sailing boat at sea"))
        let removed = try await server.get("/show/IMG_5")
        #expect(removed.status == 404)
        #expect(removed.text.contains("IMG_1 to IMG_14"))
    }
}

/// `explain` and `distinct` show on the page as in the shell and notebooks.
@Suite(.serialized)
struct ListingClausePageTests {
    @Test func explainSharesAndFoldedCountsAreShown() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let explained = try await server.get("/?q=explain+top+3+beach+%2B+2*sunrise")
        #expect(explained.status == 200)
        #expect(explained.text.contains("<th>beach</th><th>2*sunrise</th>"))
        let words = try await server.get("/?q=words+3+boat+distinct")
        #expect(words.status == 200)
        #expect(words.text.contains("<th>folded</th>"))
        #expect(words.text.contains("<p class=\"folded\">"))
    }
}
