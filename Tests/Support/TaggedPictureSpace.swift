import Foundation
import GlimpseCore

/// A small real space with images: the committed fixture's 20,000 GloVe words plus
/// pictures whose vectors are the sums of their tags' unit word vectors.
public enum TaggedPictureSpace {
    /// The space of `pictures`, picture i stored with the file `file(i)`.
    public static func make(_ pictures: [(title: String, tags: [String])], source: String,
                            file: (Int) -> String) throws -> Space {
        let folder = PackageFolder.root.appendingPathComponent("Tests/Fixtures/glove-20k").path
        let words = try WordListNumpyReader.read(wordsPath: folder + "/words.txt", vectorsPath: folder + "/vectors.npy")
        let lookUp = Dictionary(uniqueKeysWithValues: words.words.enumerated().map { ($1, $0) })
        var imageVectors: [Float] = []
        for picture in pictures {
            var sum = [Float](repeating: 0, count: words.dimension)
            for tag in picture.tags {
                guard let row = lookUp[tag] else { throw ImportError(path: folder, message: "no word '\(tag)' in the fixture") }
                let vector = words.vectors[(row * words.dimension)..<((row + 1) * words.dimension)]
                let length = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
                for (i, x) in vector.enumerated() { sum[i] += x / length }
            }
            imageVectors += sum
        }
        let records = pictures.enumerated().map { index, picture in
            ImageRecord(file: file(index), title: picture.title, tags: picture.tags)
        }
        return try Space(words: words.words, wordVectors: words.vectors, images: records, imageVectors: imageVectors,
                         dimension: words.dimension, model: "glove-20k", source: source)
    }
}
