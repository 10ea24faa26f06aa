import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// Text and binary files -> importer -> Space -> space file -> open: nothing is lost on the way.
struct ImportRoundTripTests {
    @Test func gloveTextAndImagesRoundTripThroughASpaceFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var random = SplitMix64(seed: 77)
        let dimension = 6
        let words = (0..<200).map { "word\($0)" } + ["naïve", "東京", "ice-cream", "'s"]
        var text = ""
        var expected: [Float] = []
        for word in words {
            let vector = (0..<dimension).map { _ in Float(Int.random(in: -99_999...99_999, using: &random)) / 100_000 }
            expected += vector
            text += word + " " + vector.map { String(format: "%.5f", $0) }.joined(separator: " ") + " \n"
        }
        let glove = try folder.write("vectors.txt", text)
        let imported = try GloVeTextReader.read(path: glove)
        #expect(imported.words == words)
        #expect(imported.vectors == expected)

        let imageValues = (0..<(3 * dimension)).map { _ in Float.random(in: -1...1, using: &random) }
        let npy = try folder.write("images.npy", bytes: NumpyArrayReaderTests.npy(descr: "<f4", shape: "(3, \(dimension))", data: NumpyArrayReaderTests.f4(imageValues)))
        let tsv = try folder.write("images.tsv", "file\ttitle\ttags\na.png\tA\tx|y\nb.png\tB\t\nc.png\tC\tz\n")
        let images = try ImageImportReader.read(vectorsPath: npy, metadataPath: tsv)
        #expect(images.vectors == imageValues && images.dimension == dimension)

        let space = try Space(words: imported.words, wordVectors: imported.vectors, images: images.images, imageVectors: images.vectors,
                              dimension: dimension, model: "test", source: "vectors.txt + images.npy")
        let path = folder.file("space.glimpse")
        try space.write(to: path)
        let opened = try Space.open(path: path)
        #expect((0..<opened.wordCount).map { opened.words[$0] } == words)
        for (i, word) in words.enumerated() { #expect(opened.words.index(of: word) == i) }
        let expectedUnit = normalised(expected, dimension: dimension)
        #expect(zip(opened.wordVectors.values, expectedUnit).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(opened.imageVectors.values, normalised(imageValues, dimension: dimension)).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(opened.image(at: 0) == ImageRecord(file: "a.png", title: "A", tags: ["x", "y"]))
        #expect(opened.image(at: 1).tags.isEmpty)
        // Each word is its own nearest neighbour.
        let search = ExactSearch(opened.wordVectors)
        for i in stride(from: 0, to: words.count, by: 17) {
            #expect(search.nearest(to: Array(opened.wordVectors.row(i)), k: 1).first?.index == i)
        }
    }

    @Test func word2vecBinaryAndWordListNumpyGiveTheSameSpace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let entries: [(String, [Float])] = [("king", [1, 2, 3]), ("queen", [1, 2, 2.5]), ("man", [0, 1, 0]), ("woman", [0, 1, -0.5])]
        let bin = try folder.write("v.bin", bytes: Word2VecBinaryReaderTests.file(entries, dimension: 3))
        let list = try folder.write("words.txt", entries.map(\.0).joined(separator: "\n") + "\n")
        let npy = try folder.write("v.npy", bytes: NumpyArrayReaderTests.npy(descr: "<f4", shape: "(4, 3)", data: NumpyArrayReaderTests.f4(entries.flatMap(\.1))))
        let fromBinary = try Word2VecBinaryReader.read(path: bin)
        let fromList = try WordListNumpyReader.read(wordsPath: list, vectorsPath: npy)
        #expect(fromBinary.words == fromList.words && fromBinary.vectors == fromList.vectors)
        func build(_ w: ImportedWords) throws -> [UInt8] {
            try Space(words: w.words, wordVectors: w.vectors, images: [], imageVectors: [], dimension: w.dimension, model: "m", source: "s").withFileBytes { Array($0) }
        }
        #expect(try build(fromBinary) == build(fromList))
    }

    @Test func wordListErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: ImportError(path: "w.txt", line: 2, message: "blank line; every line must hold one word")) {
            try WordListReader.parse("a\n\nb\n", path: "w.txt")
        }
        #expect(try WordListReader.parse("a\r\nb", path: "w.txt") == ["a", "b"])
        let list = try folder.write("w.txt", "a\nb\na\n")
        let npy = try folder.write("v.npy", bytes: NumpyArrayReaderTests.npy(descr: "<f4", shape: "(2, 1)", data: NumpyArrayReaderTests.f4([1, 2])))
        #expect(throws: ImportError.self) { try WordListNumpyReader.read(wordsPath: list, vectorsPath: npy) }
        let npy3 = try folder.write("v3.npy", bytes: NumpyArrayReaderTests.npy(descr: "<f4", shape: "(3, 1)", data: NumpyArrayReaderTests.f4([1, 2, 3])))
        let result = try WordListNumpyReader.read(wordsPath: list, vectorsPath: npy3)
        #expect(result.words == ["a", "b"] && result.vectors == [1, 2] && result.duplicatesDropped == 1)
    }

    @Test func missingFileIsAnImportError() {
        do {
            _ = try GloVeTextReader.read(path: "/nonexistent/glove.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/glove.txt: cannot open:"))
        }
    }
}
