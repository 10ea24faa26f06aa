import GlimpseCore

/// The small in-memory space every fuzz input runs against, built once per process.
///
/// The words are those of Tests/Scripts and Examples (so the seed corpus evaluates
/// past name lookup), a few one-letter words the fuzzer finds quickly, and two words
/// with the same direction so ties are exercised. Vectors come from a fixed seed:
/// a crash found on one machine reproduces on another.
enum FuzzSpace {
    static let words: [String] = [
        "a", "b", "x", "y", "the", "bad", "beach", "better", "big", "bigger", "coffee", "cream", "dance", "dog",
        "drums", "france", "go", "good", "guitar", "ice", "italy", "japan", "king", "man", "milk", "music", "new",
        "ocean", "paris", "park", "queen", "sea", "see", "shore", "small", "summer", "sunrise", "swim", "tea",
        "volcano", "walk", "walking", "went", "woman", "york", "top", "mean", "including", "query", "twin", "twin2",
        "café", "IMG", "Big",
    ]
    static let dimension = 8
    static let imageCount = 12

    static let shared: Space = {
        var random = SplitMix64(seed: 0x5EED)
        func next() -> Float { random.nextSigned() }
        var wordVectors: [Float] = []
        for _ in 0..<(words.count * dimension) { wordVectors.append(next()) }
        let twin = words.firstIndex(of: "twin")!, twin2 = words.firstIndex(of: "twin2")!
        for i in 0..<dimension { wordVectors[twin2 * dimension + i] = 3 * wordVectors[twin * dimension + i] }
        var imageVectors: [Float] = []
        for _ in 0..<(imageCount * dimension) { imageVectors.append(next()) }
        // Some records with an empty title or no tags, some with quotes and commas the formatters must escape.
        var records: [ImageRecord] = []
        for row in 0..<imageCount {
            let title: String = row % 4 == 0 ? "" : "image, \"\(row + 1)\""
            let tags: [String] = row % 3 == 0 ? [] : ["tag\(row % 3)", "two words"]
            records.append(ImageRecord(file: "images/\(row + 1).png", title: title, tags: tags))
        }
        do {
            return try Space(words: words, wordVectors: wordVectors, images: records, imageVectors: imageVectors,
                             dimension: dimension, model: "fuzz", source: "random")
        } catch {
            fatalError("the fuzz space does not build: \(error)")
        }
    }()
}
