import Foundation
@testable import GlimpseCore
import GlimpseTestSupport

/// A small space with a few words and images, for file-format tests.
func sampleSpace(wordCount: Int = 40, imageCount: Int = 7, dimension: Int = 5, seed: UInt64 = 1) throws -> Space {
    var random = SplitMix64(seed: seed)
    let words = (0..<wordCount).map { "w\($0)" + ($0 % 3 == 0 ? "é" : "") }
    let wordVectors = (0..<(wordCount * dimension)).map { _ in Float.random(in: -1...1, using: &random) }
    let images = (0..<imageCount).map { ImageRecord(file: "img\($0).png", title: "Image \($0)", tags: $0 % 2 == 0 ? ["a", "b c"] : []) }
    let imageVectors = (0..<(imageCount * dimension)).map { _ in Float.random(in: -1...1, using: &random) }
    return try Space(words: words, wordVectors: wordVectors, images: images, imageVectors: imageVectors,
                     dimension: dimension, model: "test-model", source: "unit tests")
}

func bytes(of path: String) -> [UInt8] {
    Array(FileManager.default.contents(atPath: path)!)
}

/// Row-normalised copy of `values`, the way a space stores them.
func normalised(_ values: [Float], dimension: Int) -> [Float] {
    var out = values
    for row in 0..<(values.count / dimension) {
        let slice = values[(row * dimension)..<((row + 1) * dimension)]
        let norm = Float(slice.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        for j in 0..<dimension { out[row * dimension + j] = norm > 0 ? values[row * dimension + j] / norm : 0 }
    }
    return out
}
