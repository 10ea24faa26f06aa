import Testing
@testable import GlimpseCore

struct Word2VecBinaryReaderTests {
    static func file(_ entries: [(String, [Float])], dimension: Int, newline: Bool = true, count: Int? = nil) -> [UInt8] {
        var bytes = Array("\(count ?? entries.count) \(dimension)\n".utf8)
        for (word, vector) in entries {
            bytes += Array(word.utf8) + [0x20]
            for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
            if newline { bytes.append(0x0A) }
        }
        return bytes
    }

    static func parse(_ bytes: [UInt8]) throws -> ImportedWords {
        try bytes.withUnsafeBytes { try Word2VecBinaryReader.parse($0, path: "v.bin") }
    }

    @Test(arguments: [true, false])
    func readsWithOrWithoutNewlines(newline: Bool) throws {
        let result = try Self.parse(Self.file([("king", [1, 2.5, -3]), ("queen", [0.1, 0, 7]), ("königin", [4, 5, 6])], dimension: 3, newline: newline))
        #expect(result.words == ["king", "queen", "königin"])
        #expect(result.vectors == [1, 2.5, -3, 0.1, 0, 7, 4, 5, 6])
        #expect(result.dimension == 3)
    }

    @Test func dropsRepeatedWordsAndNonFiniteVectors() throws {
        let result = try Self.parse(Self.file([("a", [1, 2]), ("b", [.nan, 1]), ("a", [3, 4]), ("c", [5, 6])], dimension: 2))
        #expect(result.words == ["a", "c"])
        #expect(result.duplicatesDropped == 1)
        #expect(result.skipped.map(\.line) == [2])
    }

    @Test func invalidUTF8IsRepairedAndDeduplicatedAsText() throws {
        var bytes = Array("2 1\n".utf8)
        for word: [UInt8] in [[0x61, 0xFF], [0x61, 0xFE]] {
            bytes += word + [0x20]
            withUnsafeBytes(of: Float(1).bitPattern.littleEndian) { bytes += $0 }
        }
        let result = try Self.parse(bytes)
        #expect(result.words == ["a\u{FFFD}"] && result.duplicatesDropped == 1)
        _ = try Space(words: result.words, wordVectors: result.vectors, images: [], imageVectors: [], dimension: 1, model: "", source: "")
    }

    @Test func truncatedFilesAreErrorsAtEveryCut() {
        let full = Self.file([("king", [1, 2, 3]), ("queen", [4, 5, 6])], dimension: 3)
        for cut in 0..<(full.count - 1) {
            #expect(throws: ImportError.self, "cut \(cut)") { try Self.parse(Array(full[0..<cut])) }
        }
    }

    @Test func badHeaders() {
        #expect(throws: ImportError.self) { try Self.parse(Array("hello\n".utf8)) }
        #expect(throws: ImportError.self) { try Self.parse(Array("3 0\n".utf8)) }
        #expect(throws: ImportError.self) { try Self.parse(Array("3 2 x\n".utf8)) }
        // A count larger than the file holds is a truncation, reported, not a giant allocation.
        #expect(throws: ImportError.self) { try Self.parse(Self.file([("a", [1, 2])], dimension: 2, count: 1_000_000_000_000)) }
    }
}
