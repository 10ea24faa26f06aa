import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

struct GloVeTextReaderTests {
    static func parse(_ text: String) throws -> ImportedWords {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBytes { try GloVeTextReader.parse(UnsafeRawBufferPointer($0), path: "v.txt") }
    }

    @Test func readsWordsAndVectors() throws {
        let result = try Self.parse("the 0.418 0.24968 -0.41242\n, 0.013441 0.23682 -0.16899\nnaïve 1e-3 -2.5E+2 3\n")
        #expect(result.words == ["the", ",", "naïve"])
        #expect(result.dimension == 3)
        #expect(result.vectors == [0.418, 0.24968, -0.41242, 0.013441, 0.23682, -0.16899, 0.001, -250, 3])
        #expect(result.skipped.isEmpty && result.duplicatesDropped == 0)
    }

    @Test func toleratesTrailingSpacesCRLFBlankLinesAndNoFinalNewline() throws {
        let result = try Self.parse("a 1 2 \r\n\nb 3 4\t\n\r\nc 5 6")
        #expect(result.words == ["a", "b", "c"])
        #expect(result.vectors == [1, 2, 3, 4, 5, 6])
    }

    @Test func skipsMalformedLinesWithLineNumbers() throws {
        let result = try Self.parse("a 1 2\nb 3\nc x 4\nd nan 1\ne 5 6\n")
        #expect(result.words == ["a", "e"])
        #expect(result.skippedLineCount == 3)
        #expect(result.skipped.map(\.line) == [2, 3, 4])
        #expect(result.skipped[0].description == "v.txt:2: expected 2 numbers after the word, found 1")
        #expect(result.skipped[1].message == "'x' is not a number")
    }

    @Test func keepsTheFirstOfRepeatedWords() throws {
        let result = try Self.parse("a 1 2\nb 3 4\na 5 6\n")
        #expect(result.words == ["a", "b"])
        #expect(result.vectors == [1, 2, 3, 4])
        #expect(result.duplicatesDropped == 1)
    }

    @Test func wordsWithSpacesAndTheWord2VecTextHeader() throws {
        let result = try Self.parse("3 2\n. . . 1 2\nx 3 4\n")
        #expect(result.words == [". . .", "x"])
        #expect(result.dimension == 2)
    }

    @Test func emptyOrWordOnlyFileIsAnError() {
        #expect(throws: ImportError(path: "v.txt", message: "no word vectors found")) { try Self.parse("\n\n") }
        #expect(throws: ImportError.self) { try Self.parse("lonely\n") }
    }

    @Test func parsesLikeStrtof() {
        var random = SplitMix64(seed: 3)
        var texts = ["0", "-0", "1", "0.1", "0.41800", "-0.0011095", "3.4028235e38", "1e-45", "123456789", "16777217",
                     "0.000000000001", "9.999999e-11", "1.00000005960464477539", "7e10", "+2.5", ".5", "5."]
        for _ in 0..<2000 {
            let value = Float.random(in: -5...5, using: &random) * Float(pow10(Int.random(in: -12...12, using: &random)))
            texts.append("\(value)")
            texts.append(String(format6(value)))
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeBufferPointer { DecimalFloatParser.parse($0) }
            #expect(parsed == strtof(text, nil), "\(text)")
        }
        for bad in ["", "-", "1e", "1x", "--1", "e5", "1.2.3"] {
            let bytes = Array(bad.utf8)
            #expect(bytes.withUnsafeBufferPointer { DecimalFloatParser.parse($0) } == nil, "\(bad)")
        }
    }

    private func pow10(_ e: Int) -> Double { (0..<abs(e)).reduce(1.0) { r, _ in e < 0 ? r / 10 : r * 10 } }
    /// GloVe-style fixed digits: "0.41800".
    private func format6(_ value: Float) -> String {
        let scaled = Int((Double(value) * 100_000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        let fraction = String(magnitude % 100_000)
        return "\(sign)\(magnitude / 100_000).\(String(repeating: "0", count: 5 - fraction.count))\(fraction)"
    }
}
