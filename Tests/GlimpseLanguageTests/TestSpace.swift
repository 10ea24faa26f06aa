import GlimpseCore
import GlimpseLanguage
import GlimpseTestSupport

/// A small deterministic space of random vectors for evaluator tests.
enum TestSpace {
    static let words = ["the", "beach", "sunrise", "park", "dog", "bike", "sea", "ocean", "king", "queen",
                        "man", "woman", "ice", "cream", "red", "blue", "top", "mean", "x", "twin", "twin2"]

    static func make(dimension: Int = 8, images: Int = 12, seed: UInt64 = 42) throws -> Space {
        var generator = SplitMix64(seed: seed)
        var wordVectors = (0..<(words.count * dimension)).map { _ in generator.nextSigned() }
        // "twin2" has the same direction as "twin": a tie that must break by index.
        let twin = words.firstIndex(of: "twin")!, twin2 = words.firstIndex(of: "twin2")!
        for i in 0..<dimension { wordVectors[twin2 * dimension + i] = 2 * wordVectors[twin * dimension + i] }
        let imageVectors = (0..<(images * dimension)).map { _ in generator.nextSigned() }
        let records = (0..<images).map { ImageRecord(file: "images/\($0 + 1).png", title: "image \($0 + 1)", tags: ["tag\($0 % 3)"]) }
        return try Space(words: words, wordVectors: wordVectors, images: records, imageVectors: imageVectors,
                         dimension: dimension, model: "test", source: "random")
    }

    static func run(_ text: String, in evaluator: Evaluator) throws(Diagnostic) -> [Outcome] {
        let (script, diagnostics) = Parser.parse(Source(name: "t", text: text))
        if let first = diagnostics.first { throw first }
        var outcomes: [Outcome] = []
        for statement in script.statements { outcomes.append(try evaluator.run(statement)) }
        return outcomes
    }
}

extension PhotoSpace {
    /// The photo space with `TestSpace`'s words.
    static func make(storage: VectorStorage = .float32, seed: UInt64 = 9) throws -> Space {
        try make(words: TestSpace.words, storage: storage, seed: seed)
    }
}
