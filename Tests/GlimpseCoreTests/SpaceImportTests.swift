import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// `glimpse import`'s work: the right reader for each word format, images beside the
/// words, the space's model and source named after the files, warnings as lines.
struct SpaceImportTests {
    @Test func gloveWithImagesNamesTheSpaceAfterItsFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let glove = try folder.write("words.txt", "beach 1 0 0\nsun 0 1 0\nbad line\nbeach 0 0 1\nsea 0 0 1\n")
        let npy = try folder.write("img.npy", bytes: NumpyArrayReaderTests.npy(descr: "<f4", shape: "(2, 3)", data: NumpyArrayReaderTests.f4([1, 1, 0, 0, 1, 1])))
        let tsv = try folder.write("img.tsv", "file\ttitle\ttags\na.png\tA\tx\nb.png\tB\ty\n")
        var warnings: [String] = []
        let space = try SpaceImport(words: .glove(glove), images: (npy, tsv), storage: .float16).space { warnings.append($0) }
        #expect((0..<space.wordCount).map { space.words[$0] } == ["beach", "sun", "sea"])
        #expect(space.imageCount == 2 && space.image(at: 1).file == "b.png")
        #expect(space.info.model == "words.txt" && space.info.source == "words.txt + img.npy")
        #expect(space.halfWordVectors != nil)
        #expect(warnings == ["skipped \(glove):3: expected 3 numbers after the word, found 1", "1 repeated words dropped (the first of each is kept)"])
    }

    @Test func numpyWordsTakeTheModelNameGiven() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let npy = try folder.write("v.npy", bytes: NumpyArrayReaderTests.npy(descr: "<f4", shape: "(2, 2)", data: NumpyArrayReaderTests.f4([1, 0, 0, 1])))
        let list = try folder.write("v.txt", "left\nright\n")
        let space = try SpaceImport(words: .numpy(vectors: npy, words: list), model: "mine").space()
        #expect(space.info.model == "mine" && space.info.source == "v.npy" && space.imageCount == 0)
    }

    @Test func imagesOfAnotherDimensionAreAnImportError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let glove = try folder.write("w.txt", "a 1 0 0\nb 0 1 0\n")
        let npy = try folder.write("i.npy", bytes: NumpyArrayReaderTests.npy(descr: "<f4", shape: "(1, 2)", data: NumpyArrayReaderTests.f4([1, 0])))
        let tsv = try folder.write("i.tsv", "file\na.png\n")
        #expect(throws: ImportError(path: npy, message: "image vectors have dimension 2, but the word vectors have 3")) {
            try SpaceImport(words: .glove(glove), images: (npy, tsv)).space()
        }
    }

    static func options(glove: String? = nil, word2vec: String? = nil, wordsNpy: String? = nil, vocab: String? = nil,
                        images: String? = nil, metadata: String? = nil) throws(OptionError) -> SpaceImport {
        try SpaceImport(glove: glove, word2vec: word2vec, wordsNpy: wordsNpy, vocab: vocab, images: images, metadata: metadata,
                        model: "m", storage: .float16)
    }

    @Test func theOptionsNameOneWordSource() throws {
        guard case .glove("g.txt") = try Self.options(glove: "g.txt").words else { Issue.record("not GloVe"); return }
        guard case .word2vec("w.bin") = try Self.options(word2vec: "w.bin").words else { Issue.record("not word2vec"); return }
        let numpy = try Self.options(wordsNpy: "w.npy", vocab: "w.txt", images: "i.npy", metadata: "i.tsv")
        guard case .numpy(vectors: "w.npy", words: "w.txt") = numpy.words else { Issue.record("not NumPy"); return }
        #expect(numpy.images?.vectors == "i.npy" && numpy.images?.metadata == "i.tsv")
        #expect(numpy.model == "m" && numpy.storage == .float16)
        #expect(try Self.options(glove: "g.txt").images == nil)
    }

    @Test func optionsThatDoNotGoTogetherSaySo() {
        let one = OptionError("give exactly one of --glove, --word2vec or --words-npy")
        #expect(throws: one) { try Self.options() }
        #expect(throws: one) { try Self.options(glove: "g.txt", word2vec: "w.bin") }
        #expect(throws: one) { try Self.options(glove: "g.txt", wordsNpy: "w.npy", vocab: "w.txt") }
        #expect(throws: OptionError("--words-npy and --vocab go together")) { try Self.options(wordsNpy: "w.npy") }
        #expect(throws: OptionError("--words-npy and --vocab go together")) { try Self.options(glove: "g.txt", vocab: "w.txt") }
        #expect(throws: OptionError("--images and --metadata go together")) { try Self.options(glove: "g.txt", images: "i.npy") }
        #expect(throws: OptionError("--images and --metadata go together")) { try Self.options(glove: "g.txt", metadata: "i.tsv") }
    }
}
