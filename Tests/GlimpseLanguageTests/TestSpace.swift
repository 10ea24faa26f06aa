import GlimpseCore
import GlimpseLanguage

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

/// SplitMix64: a tiny seeded generator, so test data is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [-1, 1).
    mutating func nextSigned() -> Float { Float(next() >> 40) / Float(1 << 23) - 1 }
}
