import Testing
@testable import GlimpseVision
import GlimpseTestSupport

/// `glimpse features embed`: each file's top classes, in the order given, from the cache's model.
@Suite(.enabled(if: ModelAvailability.present, ModelAvailability.skipReason))
struct FileClassificationTests {
    @Test func everyFileIsClassifiedInOrderAsOneByOne() throws {
        let folder = try TemporaryFolder()
        let other = try folder.image("stripes.png", width: 300, height: 240) { x, _ in x % 20 < 10 ? [250, 30, 30] : [20, 20, 240] }
        let files = [Fixture.path("shapes224.png"), other]
        var classified: [FileClassification] = []
        try FileClassification.classify(files, cache: GlimpseCache()) { classified.append($0) }
        let encoder = try ImageEncoder(cache: GlimpseCache())
        let labels = (try? ImageNetLabels.names(labels: GlimpseCache().imageNetLabels)) ?? []
        let one = try files.map { try FileClassification(file: $0, encoder: encoder, labels: labels) }
        #expect(classified.map(\.file) == files)
        #expect(classified.map { $0.classes.map(\.name) } == one.map { $0.classes.map(\.name) })
        #expect(zip(classified, one).allSatisfy { abs($0.featureLength - $1.featureLength) < 1e-3 })
    }
}
