import Foundation
import GlimpseCore
import Testing
@testable import GlimpseVision
import GlimpseTestSupport

@Suite(.enabled(if: ModelAvailability.present, ModelAvailability.skipReason))
struct FeatureExtractionTests {
    @Test func encodesOnlyWhatChanged() throws {
        let folder = try TemporaryFolder()
        for k in 0..<3 {
            try folder.image("img/\(k).png", width: 260, height: 300) { x, y in [UInt8((x + 50 * k) % 256), UInt8(y % 256), 128] }
        }
        try folder.write("img/broken.png", bytes: Array("nope".utf8))
        let captions = try folder.write("shapes.tsv", bytes: Array("""
            file\ttitle\ttags\tgroup
            img/0.png\tzero\ta|b\tg
            img/broken.png\tbroken\tc\tg
            img/1.png\tone\tb\tg
            img/missing.png\tmissing\td\tg
            img/2.png\ttwo\tc|a\th

            """.utf8))
        let table = try ImageFileCollection.read(captions: captions)
        let encoder = try ImageEncoder()
        let cache = FeatureCache(directory: folder.path + "/features")

        // Batches of 2: the 4 existing files take two batches, the second decoded while the first runs.
        let progress = RecordedProgress()
        let first = try FeatureExtraction.run(collection: table, encoder: encoder, featureCache: cache, progress: progress, batchSize: 2)
        #expect(progress.events == ["start 4 shapes", "2", "4", "finish"])
        #expect(first.images == 3 && first.encoded == 3 && first.reused == 0 && first.wroteCache)
        #expect(first.failures.map(\.file) == [folder.path + "/img/broken.png", folder.path + "/img/missing.png"])
        let stored = try cache.load(name: "shapes")
        #expect(stored.table.rows.map(\.file) == ["0", "1", "2"].map { folder.path + "/img/\($0).png" })
        #expect(stored.table.rows.map(\.title) == ["zero", "one", "two"])
        #expect(stored.table.rows.map(\.tags) == [["a", "b"], ["b"], ["c", "a"]])
        #expect(stored.table.extraColumns == ["group"])
        #expect(stored.encoded.count == 3)
        for (row, name) in ["0", "1", "2"].enumerated() {
            let single = try encoder.embedFile(folder.path + "/img/\(name).png")
            #expect(zip(stored.encoded.features(at: row), single.features).allSatisfy { abs($0 - $1) < 1e-4 })
            #expect(zip(stored.encoded.logits(at: row), single.logits).allSatisfy { abs($0 - $1) < 1e-4 })
        }

        let second = try FeatureExtraction.run(collection: table, encoder: encoder, featureCache: cache, progress: progress)
        // Only the file that failed to decode is tried again.
        #expect(progress.events == ["start 4 shapes", "2", "4", "finish", "start 1 shapes", "1", "finish"])
        #expect(second.encoded == 0 && second.reused == 3 && !second.wroteCache)

        // A changed file is encoded again; the others come from the cache.
        try folder.image("img/2.png", width: 260, height: 300) { _, _ in [10, 200, 10] }
        let third = try FeatureExtraction.run(collection: table, encoder: encoder, featureCache: cache)
        #expect(third.encoded == 1 && third.reused == 2 && third.wroteCache)
        let after = try cache.load(name: "shapes")
        #expect(Array(after.encoded.features(at: 0)) == Array(stored.encoded.features(at: 0)))
        #expect(Array(after.encoded.features(at: 2)) != Array(stored.encoded.features(at: 2)))
    }
}

/// Keeps what a task reported, in order.
final class RecordedProgress: ProgressReporter, @unchecked Sendable {
    private(set) var events: [String] = []
    func start(total: Int, label: String) { events.append("start \(total) \(label)") }
    func update(done: Int) { events.append("\(done)") }
    func finish() { events.append("finish") }
}
