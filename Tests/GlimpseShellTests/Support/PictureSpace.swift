import Foundation
import GlimpseCore
import GlimpseTestSupport

/// The 20,000 GloVe words of the committed fixture plus twelve pictures whose
/// vectors are the sums of their tags' word vectors: a small real space with
/// images, for transcripts and the terminal test.
enum PictureSpace {
    static let pictures: [(title: String, tags: [String])] = [
        ("red bicycle in the park", ["bicycle", "park", "red"]),
        ("sunrise over the beach", ["beach", "sunrise", "sea"]),
        ("a dog on the grass", ["dog", "grass"]),
        ("city skyline at night", ["city", "night", "skyline"]),
        ("ice cream cone", ["ice", "cream", "dessert"]),
        ("sailing boat at sea", ["boat", "sea", "sail"]),
        ("mountain lake", ["mountain", "lake"]),
        ("cat asleep on a couch", ["cat", "couch"]),
        ("bowl of fruit", ["fruit", "apple", "bowl"]),
        ("snowy forest", ["snow", "forest", "winter"]),
        ("guitar on a stage", ["guitar", "music", "stage"]),
        ("old steam train", ["train", "railway", "steam"]),
    ]

    static let fixtureFolder = PackageFolder.root.appendingPathComponent("Tests/Fixtures/glove-20k").path

    /// Built in memory once per test run.
    static let space: Space = {
        do {
            let words = try WordListNumpyReader.read(wordsPath: fixtureFolder + "/words.txt",
                                                     vectorsPath: fixtureFolder + "/vectors.npy")
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
                ImageRecord(file: "pictures/\(index + 1).png", title: picture.title, tags: picture.tags)
            }
            return try Space(words: words.words, wordVectors: words.vectors, images: records, imageVectors: imageVectors,
                             dimension: words.dimension, model: "glove-20k", source: "test pictures")
        } catch {
            fatalError("cannot build the picture space from \(fixtureFolder): \(error)")
        }
    }()

    /// The space as a file, written once per test run (atomically, over the last run's copy).
    static let path: String = {
        let folder = ScratchFolder.named("shell")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("pictures.glimpse").path
        do {
            try space.write(to: path)
        } catch {
            fatalError("cannot write \(path): \(error)")
        }
        return path
    }()
}
