import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// Space -> exported files -> `SpaceImport` -> the same space: what `glimpse export` writes
/// is what `glimpse import` reads.
struct SpaceExportTests {
    static func space() throws -> Space {
        var random = SplitMix64(seed: 3)
        let dimension = 4
        let words = ["sky", "sea", "naïve", "東京", "ice-cream"]
        let images = [
            ImageRecord(file: "a.png", title: "A", tags: ["x", "y"]),
            ImageRecord(file: "b/c.png", title: "B and C", tags: []),
            ImageRecord(file: "d.png", title: "", tags: ["z"]),
        ]
        return try Space(
            words: words, wordVectors: random.unitVectors(count: words.count, dimension: dimension),
            images: images, imageVectors: random.unitVectors(count: images.count, dimension: dimension),
            dimension: dimension, model: "test", source: "test")
    }

    @Test(arguments: ["images.tsv", "images.jsonl"])
    func everythingRoundTripsThroughImport(_ metadata: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let space = try Self.space()
        let export = SpaceExport(space)
        try export.writeWordVectors(to: folder.file("words.npy"))
        try export.writeVocabulary(to: folder.file("words.txt"))
        try export.writeImageVectors(ids: [1, 2, 3], to: folder.file("images.npy"))
        try export.writeImageTable(ids: [1, 2, 3], to: folder.file(metadata))

        let imported = try SpaceImport(
            words: .numpy(vectors: folder.file("words.npy"), words: folder.file("words.txt")),
            images: (folder.file("images.npy"), folder.file(metadata))).space()
        #expect((0..<imported.wordCount).map { imported.words[$0] } == (0..<space.wordCount).map { space.words[$0] })
        // Import scales rows to unit length again, which may move a value by a rounding step.
        #expect(zip(imported.wordVectors.values, space.wordVectors.values).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(imported.imageVectors.values, space.imageVectors.values).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(imported.dimension == space.dimension && imported.imageCount == 3)
        #expect((0..<imported.imageCount).map(imported.image(at:)) == (0..<space.imageCount).map(space.image(at:)))
    }

    @Test func imagesAreWrittenInTheOrderOfTheirIDs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let space = try Self.space()
        try SpaceExport(space).writeImageVectors(ids: [3, 1], to: folder.file("two.npy"))
        try SpaceExport(space).writeImageTable(ids: [3, 1], to: folder.file("two.tsv"))
        let vectors = try NumpyArrayReader.read(path: folder.file("two.npy"))
        #expect(vectors.rows == 2 && vectors.columns == space.dimension)
        #expect(vectors.values == Array(space.imageVectors.row(2)) + Array(space.imageVectors.row(0)))
        #expect(try ImageTable.read(path: folder.file("two.tsv")).records == [space.image(at: 2), space.image(at: 0)])
    }

    @Test func theSelectedNumbersMustEachNameAnImage() throws {
        let export = SpaceExport(try Self.space())
        #expect(try export.imageNumbers(.all) == [1, 2, 3])
        #expect(try export.imageNumbers(.range(first: 2, last: 9)) == [2, 3])
        #expect(try export.imageNumbers(.list([3, 1])) == [3, 1])
        #expect(throws: OptionError("no image IMG_4: this space has 3 images")) { try export.imageNumbers(.list([1, 4, 5])) }
        #expect(throws: OptionError("no image IMG_7: this space has 3 images")) { try export.imageNumbers(.range(first: 7, last: 9)) }
    }

    @Test func theFilesNamedAreWrittenTheImagesOnesOfTheRowsSelected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let space = try Self.space()
        let images = try SpaceExportFiles(images: folder.file("i.npy"), metadata: folder.file("i.tsv"), words: nil, vocab: nil, rows: "3,1")
        #expect(try images.writeImages(of: space) == 2)
        try images.writeWords(of: space)
        #expect(try ImageTable.read(path: folder.file("i.tsv")).records == [space.image(at: 2), space.image(at: 0)])
        #expect(try NumpyArrayReader.read(path: folder.file("i.npy")).rows == 2)
        let words = try SpaceExportFiles(images: nil, metadata: nil, words: nil, vocab: folder.file("w.txt"), rows: nil)
        #expect(try words.writeImages(of: space) == nil)
        try words.writeWords(of: space)
        #expect(try String(contentsOfFile: folder.file("w.txt"), encoding: .utf8) == "sky\nsea\nnaïve\n東京\nice-cream\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("words.npy")))
        let all = try SpaceExportFiles(images: nil, metadata: folder.file("all.tsv"), words: nil, vocab: nil, rows: nil)
        #expect(try all.writeImages(of: space) == 3)
    }

    @Test func theOptionsNameSomethingToExportAndReadableRows() {
        #expect(throws: OptionError("nothing to export: give --images, --metadata, --words or --vocab")) {
            try SpaceExportFiles(images: nil, metadata: nil, words: nil, vocab: nil, rows: "1-3")
        }
        #expect(throws: OptionError("--rows takes FIRST-LAST or a list of ids")) {
            try SpaceExportFiles(images: "i.npy", metadata: nil, words: nil, vocab: nil, rows: "3-1")
        }
        #expect(throws: Never.self) { try SpaceExportFiles(images: nil, metadata: nil, words: "w.npy", vocab: nil, rows: "1,2") }
    }

    @Test func anImageTheRowsNameThatIsMissingIsThrownBeforeAnythingIsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let files = try SpaceExportFiles(images: folder.file("i.npy"), metadata: nil, words: nil, vocab: nil, rows: "2-2")
        #expect(try files.writeImages(of: try Self.space()) == 1)
        let beyond = try SpaceExportFiles(images: folder.file("j.npy"), metadata: nil, words: nil, vocab: nil, rows: "2,9")
        #expect(throws: OptionError("no image IMG_9: this space has 3 images")) { try beyond.writeImages(of: try Self.space()) }
        #expect(!FileManager.default.fileExists(atPath: folder.file("j.npy")))
    }
}
