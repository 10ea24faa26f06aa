import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// Spaces stored with `--storage f16`: half-precision copies next to the float32 rows, same results.
struct HalfPrecisionStorageTests {
    static func space(_ storage: VectorStorage, wordCount: Int = 300, imageCount: Int = 200, dimension: Int = 50) throws -> Space {
        var random = SplitMix64(seed: 17)
        let words = (0..<wordCount).map { "w\($0)" }
        let wordVectors = (0..<(wordCount * dimension)).map { _ in Float.random(in: -1...1, using: &random) }
        let images = (0..<imageCount).map { ImageRecord(file: "img\($0).png", title: "Image \($0)", tags: []) }
        var imageVectors = (0..<(imageCount * dimension)).map { _ in Float.random(in: -1...1, using: &random) }
        // Copies of image 0 further on: exact ties the search must break by index.
        for copy in [imageCount / 2, imageCount - 1] where copy > 0 {
            for j in 0..<dimension { imageVectors[copy * dimension + j] = imageVectors[j] }
        }
        return try Space(words: words, wordVectors: wordVectors, images: images, imageVectors: imageVectors,
                         dimension: dimension, model: "m", source: "s", vectorStorage: storage)
    }

    @Test func halfStorageRoundTripsAndMarksVersionOnePointOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("h.glimpse")
        try Self.space(.float16).write(to: path)
        let opened = try Space.open(path: path)
        #expect(opened.vectorStorage == .float16)
        let half = try #require(opened.halfImageVectors)
        #expect(half.rows == opened.imageCount && half.dimension == opened.dimension)
        for row in [0, 7, 199] {
            let expected = Array(opened.imageVectors.row(row)).map { Float(Float16($0)) }
            #expect(half.row(row) == expected)
        }
        #expect(opened.halfWordVectors?.rows == opened.wordCount)
        let bytes = bytes(of: path)
        #expect(bytes[10] == 1 && bytes[11] == 0)  // minor version 1
    }

    @Test func floatStorageIsUnchangedVersionOnePointZero() throws {
        let space = try Self.space(.float32)
        #expect(space.vectorStorage == .float32 && space.halfImageVectors == nil && space.halfWordVectors == nil)
        let minor = space.withFileBytes { $0[10] }
        #expect(minor == 0)
    }

    /// The float32 part of an f16 file is the whole f32 file's content: the same vectors, bit for bit.
    @Test func halfStorageKeepsTheFloatVectors() throws {
        let plain = try Self.space(.float32)
        let half = try Self.space(.float16)
        #expect(plain.imageVectors.values == half.imageVectors.values)
        #expect(plain.wordVectors.values == half.wordVectors.values)
    }

    @Test func spaceSearchesEqualExactSearch() throws {
        var random = SplitMix64(seed: 5)
        for storage in VectorStorage.allCases {
            let space = try Self.space(storage)
            for threads in [1, 2] {
                for trial in 0..<20 {
                    let query = (0..<space.dimension).map { _ in Float.random(in: -1...1, using: &random) }
                    let tie = trial == 0 ? Array(space.imageVectors.row(0)) : query
                    let k = [1, 3, 10, 500][trial % 4]
                    let excluding: Set<Int> = trial % 2 == 0 ? [] : [0, 100]
                    #expect(space.imageSearch(threads: threads).nearest(to: tie, k: k, excluding: excluding)
                        == ExactSearch(space.imageVectors).nearest(to: tie, k: k, excluding: excluding))
                    #expect(space.wordSearch(threads: threads).nearest(to: query, k: k, excluding: excluding)
                        == ExactSearch(space.wordVectors).nearest(to: query, k: k, excluding: excluding))
                    let among = [1, 17, 150, 300, 1000][trial % 5]
                    let first = ExactSearch(Matrix(copying: Array(space.wordVectors.values.prefix(min(among, 300) * space.dimension)),
                                                   dimension: space.dimension))
                    #expect(space.wordSearch(amongFirst: among, threads: threads).nearest(to: query, k: k, excluding: excluding)
                        == first.nearest(to: query, k: k, excluding: excluding))
                    #expect(space.imageBatchSearch(threads: threads).nearest(to: [tie, query], k: k, excluding: [excluding, []])
                        == [ExactSearch(space.imageVectors).nearest(to: tie, k: k, excluding: excluding),
                            ExactSearch(space.imageVectors).nearest(to: query, k: k)])
                }
            }
        }
    }

    /// A damaged byte in a half-precision section is caught at open like any other.
    @Test func damagedHalfSectionIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let original = try Self.space(.float16, wordCount: 10, imageCount: 4, dimension: 3).withFileBytes { Array($0) }
        let path = folder.file("d.glimpse")
        let (entries, _) = try sectionEntries(original)
        for entry in entries where SectionKind.optional.contains(entry.kind) {
            for position in [Int(entry.offset), Int(entry.offset + entry.length) - 1] {
                var corrupted = original
                corrupted[position] ^= 0x40
                _ = try folder.write("d.glimpse", bytes: corrupted)
                #expect(throws: SpaceFileError.self, "\(entry.kind) byte \(position)") { try Space.open(path: path) }
            }
        }
    }

    /// A half section whose length does not match its float32 section is refused, even with valid checksums.
    @Test func halfSectionOfTheWrongLengthIsRefused() throws {
        var data = try Self.space(.float16, wordCount: 10, imageCount: 4, dimension: 3).withFileBytes { Array($0) }
        let (entries, tableStart) = try sectionEntries(data)
        let index = try #require(entries.firstIndex { $0.kind == .halfImageVectors })
        // Claim one value fewer (2 bytes), then reseal section and header checksums.
        let lengthAt = tableStart + index * 32 + 16
        let length = data[lengthAt..<(lengthAt + 8)].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) } - 2
        for i in 0..<8 { data[lengthAt + i] = UInt8(truncatingIfNeeded: length >> (8 * UInt64(i))) }
        resealSections(&data)
        resealHeader(&data)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("w.glimpse", bytes: data)
        #expect(throws: SpaceFileError.self) { try Space.open(path: path) }
    }
}
