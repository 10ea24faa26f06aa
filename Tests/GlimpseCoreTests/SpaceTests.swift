import Testing
@testable import GlimpseCore

struct SpaceTests {
    @Test func rowsAreUnitLengthAndZeroRowsStayZero() throws {
        let space = try Space(
            words: ["a", "b", "zero"], wordVectors: [3, 4, 1, 0, 0, 0], images: [ImageRecord(file: "x.png")],
            imageVectors: [0, 2], dimension: 2, model: "m", source: "s")
        #expect(Array(space.wordVectors.row(0)) == [0.6, 0.8])
        #expect(Array(space.wordVectors.row(1)) == [1, 0])
        #expect(Array(space.wordVectors.row(2)) == [0, 0])
        #expect(Array(space.imageVectors.row(0)) == [0, 1])
        #expect(space.wordCount == 3 && space.imageCount == 1 && space.dimension == 2)
        #expect(space.sizeDescription == "3 words, 1 images, dimension 2")
        #expect(space.info == SpaceInfo(model: "m", source: "s", path: nil, checksum: "", formatVersion: 1))
        #expect(space.image(at: 0) == ImageRecord(file: "x.png", title: "", tags: []))
        #expect(space.imageID(row: 0) == "IMG_1" && space.imageRow(number: 1) == 0 && space.imageRow(number: 2) == nil)
    }

    @Test func rejectsBadInput() {
        func attempt(words: [String] = ["a"], wordVectors: [Float] = [1, 0], images: [ImageRecord] = [],
                     imageVectors: [Float] = [], dimension: Int = 2) -> SpaceError? {
            do {
                _ = try Space(words: words, wordVectors: wordVectors, images: images, imageVectors: imageVectors,
                              dimension: dimension, model: "", source: "")
                return nil
            } catch { return error }
        }
        #expect(attempt(dimension: 0) == .dimensionNotPositive(0))
        #expect(attempt(wordVectors: [1, 2, 3]) == .vectorCountMismatch(matrix: "word vectors", expected: 2, actual: 3))
        #expect(attempt(images: [ImageRecord(file: "f")]) == .vectorCountMismatch(matrix: "image vectors", expected: 2, actual: 0))
        #expect(attempt(words: ["a", "a"], wordVectors: [1, 0, 0, 1]) == .duplicateWord("a", first: 0, second: 1))
        #expect(attempt(words: [""]) == .emptyWord(index: 0))
        #expect(attempt(wordVectors: [1, .nan]) == .nonFiniteValue(matrix: "word vectors", row: 0, column: 1))
        #expect(attempt(images: [ImageRecord(file: "f")], imageVectors: [.infinity, 0]) == .nonFiniteValue(matrix: "image vectors", row: 0, column: 0))
        #expect(SpaceError.duplicateWord("a", first: 0, second: 1).description == "duplicate word 'a' at 0 and 1")
    }

    @Test func canonicallyEquivalentSpellingsAreDistinctWords() throws {
        // "é" precomposed and decomposed are == as Swift Strings but differ in bytes; lookup is by bytes.
        let space = try Space(words: ["caf\u{E9}", "cafe\u{301}"], wordVectors: [1, 0, 0, 1], images: [], imageVectors: [],
                              dimension: 2, model: "", source: "")
        #expect(space.words.index(of: "caf\u{E9}") == 0)
        #expect(space.words.index(of: "cafe\u{301}") == 1)
    }

    @Test func emptySpaceWorks() throws {
        let space = try Space(words: [], wordVectors: [], images: [], imageVectors: [], dimension: 3, model: "", source: "")
        #expect(space.wordCount == 0 && space.imageCount == 0)
        #expect(space.words.index(of: "a") == nil)
        #expect(space.words.suggestions(for: "a").isEmpty)
        #expect(space.words.words(withPrefix: "", limit: 5).isEmpty)
        #expect(ExactSearch(space.wordVectors).nearest(to: [1, 0, 0], k: 3).isEmpty)
    }
}
