import Foundation
import GlimpseCore

/// The committed fixture's 20,000 GloVe words and eight pictures whose vectors are
/// the sums of their tags' word vectors. Their files are the vision tests' real PNG,
/// except IMG_3's, which does not exist (a missing file must be a 404).
enum WebTestSpace {
    static let pictures: [(title: String, tags: [String])] = [
        ("sunrise over the beach", ["beach", "sunrise", "sea"]),
        ("red bicycle in the park", ["bicycle", "park", "red"]),
        ("a lost picture", ["lost", "picture"]),
        ("sailing boat at sea", ["boat", "sea", "sail"]),
        ("snowy forest", ["snow", "forest", "winter"]),
        ("a dog on the grass", ["dog", "grass"]),
        ("city skyline at night", ["city", "night", "skyline"]),
        ("old steam train", ["train", "railway", "steam"]),
    ]

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let picture = root.appendingPathComponent("Tests/GlimpseVisionTests/Fixtures/shapes224.png").path
    static let missing = "/nonexistent/glimpse-web-test/lost.png"

    static let space: Space = {
        let folder = root.appendingPathComponent("Tests/Fixtures/glove-20k").path
        do {
            let words = try WordListNumpyReader.read(wordsPath: folder + "/words.txt", vectorsPath: folder + "/vectors.npy")
            let lookUp = Dictionary(uniqueKeysWithValues: words.words.enumerated().map { ($1, $0) })
            var imageVectors: [Float] = []
            for picture in pictures {
                var sum = [Float](repeating: 0, count: words.dimension)
                for tag in picture.tags {
                    let row = lookUp[tag]!
                    let vector = words.vectors[(row * words.dimension)..<((row + 1) * words.dimension)]
                    let length = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
                    for (i, x) in vector.enumerated() { sum[i] += x / length }
                }
                imageVectors += sum
            }
            let records = pictures.enumerated().map { index, picture in
                ImageRecord(file: index == 2 ? WebTestSpace.missing : WebTestSpace.picture, title: picture.title, tags: picture.tags)
            }
            return try Space(words: words.words, wordVectors: words.vectors, images: records, imageVectors: imageVectors,
                             dimension: words.dimension, model: "glove-20k", source: "web test pictures")
        } catch {
            fatalError("cannot build the web test space from \(folder): \(error)")
        }
    }()
}
