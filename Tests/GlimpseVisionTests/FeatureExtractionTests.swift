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

    @Test func decodesEachFileOnceForAllViews() throws {
        let folder = try TemporaryFolder()
        for k in 0..<3 {
            try folder.image("img/\(k).png", width: 300, height: 200) { x, y in [UInt8((x + 40 * k) % 256), UInt8(y % 256), UInt8((x * y) % 256)] }
        }
        let captions = try folder.write("shapes.tsv", bytes: Array("""
            file\ttitle\ttags
            img/0.png\tzero\ta
            img/1.png\tone\tb
            img/2.png\ttwo\tc

            """.utf8))
        let table = try ImageFileCollection.read(captions: captions)
        let encoder = try ImageEncoder(preprocessor: .efficientNetLiteFit)
        let cache = FeatureCache(directory: folder.path + "/features")
        // The flipped view is already cached for one file: only the others need it.
        let flip = ImageView.mirror, zoom = ImageView(scale: 0.8)
        var flipped = table
        flipped.table.rows = [table.table.rows[1]]
        flipped.name = "shapes-view-flip"
        _ = try FeatureExtraction.run(collection: flipped, encoder: ImageEncoder(preprocessor: encoder.preprocessor.with(view: flip)),
                                      featureCache: cache)

        let progress = RecordedProgress()
        let reports = try FeatureExtraction.run(
            collection: table, targets: [.init(name: "shapes", view: .identity), .init(name: "shapes-view-flip", view: flip),
                                         .init(name: "shapes-view-zoom0.8", view: zoom)],
            framing: encoder.preprocessor, modelSHA256: encoder.modelSHA256, makeEncoder: { encoder }, featureCache: cache,
            progress: progress, batchSize: 2)
        #expect(progress.events == ["start 3 shapes (3 views)", "2", "3", "finish"])
        #expect(reports.map(\.name) == ["shapes", "shapes-view-flip", "shapes-view-zoom0.8"])
        #expect(reports.map(\.encoded) == [3, 2, 3] && reports.map(\.reused) == [0, 1, 0])
        #expect(reports.allSatisfy { $0.images == 3 && $0.views == 3 && $0.failures.isEmpty })
        // Each view's features are those of encoding the file in that view alone.
        for (view, name) in [(ImageView.identity, "shapes"), (flip, "shapes-view-flip"), (zoom, "shapes-view-zoom0.8")] {
            let alone = try ImageEncoder(preprocessor: encoder.preprocessor.with(view: view))
            let stored = try cache.load(name: name)
            for row in 0..<3 {
                let single = try alone.embedFile(folder.path + "/img/\(row).png")
                #expect(zip(stored.encoded.features(at: row), single.features).allSatisfy { abs($0 - $1) < 1e-4 })
            }
        }
        // The views differ from each other.
        let plain = try cache.load(name: "shapes"), mirrored = try cache.load(name: "shapes-view-flip")
        #expect(Array(plain.encoded.features(at: 0)) != Array(mirrored.encoded.features(at: 0)))
    }
}

/// Keeps what a task reported, in order.
final class RecordedProgress: ProgressReporter, @unchecked Sendable {
    private(set) var events: [String] = []
    func start(total: Int, label: String) { events.append("start \(total) \(label)") }
    func update(done: Int) { events.append("\(done)") }
    func finish() { events.append("finish") }
}
