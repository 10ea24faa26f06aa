import Testing
@testable import GlimpseCore
import GlimpseTestSupport

struct VocabularyTests {
    static let words = ["the", "king", "queen", "man", "woman", "kings", "kingdom", "beach", "sunrise", "ice", "cream", "naïve", "東京", "teh", "Kin"]

    static func vocabulary() throws -> Vocabulary {
        let dimension = 2
        let vectors = (0..<(words.count * dimension)).map { Float($0 % 5 + 1) }
        return try Space(words: words, wordVectors: vectors, images: [], imageVectors: [], dimension: dimension, model: "", source: "").words
    }

    @Test func lookupFindsEveryWordAndNothingElse() throws {
        let vocabulary = try Self.vocabulary()
        #expect(vocabulary.count == Self.words.count)
        for (i, word) in Self.words.enumerated() {
            #expect(vocabulary[i] == word)
            #expect(vocabulary.index(of: word) == i)
        }
        for missing in ["", "King", "kingz", "東", "the ", "naive"] {
            #expect(vocabulary.index(of: missing) == nil, "\(missing)")
        }
    }

    @Test func lookupAtScale() throws {
        let count = 10_000
        let words = (0..<count).map { "word\($0)" }
        let space = try Space(words: words, wordVectors: [Float](repeating: 1, count: count), images: [], imageVectors: [], dimension: 1, model: "", source: "")
        for i in stride(from: 0, to: count, by: 37) { #expect(space.words.index(of: "word\(i)") == i) }
        #expect(space.words.index(of: "word\(count)") == nil)
    }

    @Test(arguments: [
        ("kng", ["king"]),                        // deletion, distance 1
        ("qeen", ["queen"]),
        ("kinsg", ["king", "kings", "Kin"]),      // deletion and transposition both 1: lower index first; Kin is 2
        ("womn", ["woman"]),
        ("sunrize", ["sunrise"]),
        ("King", ["king", "kings", "Kin"]),       // case folded: distance 0 to "king"
        ("icecream", []),                         // too far from any word
        ("hte", ["the"]),                         // transposition; "teh" is 2 away
    ])
    func suggestions(query: String, expected: [String]) throws {
        let vocabulary = try Self.vocabulary()
        let result = vocabulary.suggestions(for: query, limit: 3)
        #expect(Array(result.prefix(expected.count)) == expected, "\(query) -> \(result)")
    }

    @Test func suggestionsRankByDistanceAndFrequency() throws {
        let vocabulary = try Self.vocabulary()
        // "kins": king (sub, 1), kings (del, 1) tie at 1 -> index order; Kin (1, case-folded del) later.
        #expect(vocabulary.suggestions(for: "kins", limit: 3) == ["king", "kings", "Kin"])
        #expect(vocabulary.suggestions(for: "kins", limit: 1) == ["king"])
        #expect(vocabulary.suggestions(for: "kins", limit: 0) == [])
        #expect(vocabulary.suggestions(for: "kingdon", limit: 3, maxDistance: 0) == [])
        #expect(vocabulary.suggestions(for: "kingdon", limit: 3) == ["kingdom"])
    }

    @Test func suggestionsMatchABruteForceReference() throws {
        var random = SplitMix64(seed: 7)
        let alphabet = Array("abcde")
        var words: [String] = []
        var seen: Set<String> = []
        while words.count < 400 {
            let word = String((0..<Int.random(in: 1...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            if seen.insert(word).inserted { words.append(word) }
        }
        let space = try Space(words: words, wordVectors: [Float](repeating: 1, count: words.count), images: [], imageVectors: [], dimension: 1, model: "", source: "")
        for _ in 0..<100 {
            let query = String((0..<Int.random(in: 1...7, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let bound = query.utf8.count <= 4 ? 1 : 2
            let expected = words.indices
                .map { (osa(Array(query.utf8), Array(words[$0].utf8)), $0) }
                .filter { $0.0 <= bound }
                .map { (Vocabulary.suggestionCost(distance: $0.0, index: $0.1), $0.1) }
                .sorted { $0 < $1 }
                .prefix(5).map { words[$0.1] }
            #expect(space.words.suggestions(for: query, limit: 5) == expected, "\(query)")
        }
    }

    @Test func prefixCompletion() throws {
        let vocabulary = try Self.vocabulary()
        #expect(vocabulary.words(withPrefix: "king", limit: 10) == ["king", "kingdom", "kings"])
        #expect(vocabulary.words(withPrefix: "king", limit: 2) == ["king", "kingdom"])
        #expect(vocabulary.words(withPrefix: "k", limit: 0) == [])
        #expect(vocabulary.words(withPrefix: "zz", limit: 5) == [])
        #expect(vocabulary.words(withPrefix: "東", limit: 5) == ["東京"])
        #expect(vocabulary.words(withPrefix: "na", limit: 5) == ["naïve"])
        // Empty prefix: the first words in byte order ("Kin" sorts before lowercase words).
        #expect(vocabulary.words(withPrefix: "", limit: 3) == ["Kin", "beach", "cream"])
        #expect(vocabulary.words(withPrefix: "kingdomx", limit: 3) == [])
    }
}

/// Reference optimal-string-alignment distance, plain and unbounded.
func osa(_ a: [UInt8], _ b: [UInt8]) -> Int {
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[a.count][b.count]
}
