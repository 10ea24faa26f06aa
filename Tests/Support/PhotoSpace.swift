import GlimpseCore

/// A small space with everything a `where` clause can test: tags, titles, files in folders, two
/// collections (in the image model info) and file facts (sizes, pixels, times, cameras, some of
/// them unknown). Vectors are random, with a few exact copies for `distinct`.
public enum PhotoSpace {
    public static let tags = ["sun", "sea", "dog", "cat", "tree", "Sun"]
    public static let titles = ["beach", "Dog face", "dog face", "sunset", "", "tree at dawn"]
    public static let cameras = ["Canon EOS 5D", "Nikon D750", "Canon PowerShot"]
    public static let imageCount = 80
    public static let dimension = 8

    public static func records(seed: UInt64 = 5) -> [ImageRecord] {
        var rng = SplitMix64(seed: seed)
        return (0..<imageCount).map { row in
            let folder = row < 60 ? "photos/\(2017 + row % 4)/\(row % 12 + 1)" : "drawings"
            let tags = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Self.tags.randomElement(using: &rng)! }
            return ImageRecord(file: "\(folder)/img\(row).\(row % 5 == 0 ? "png" : "jpg")",
                               title: titles.randomElement(using: &rng)!, tags: tags)
        }
    }

    public static func facts(seed: UInt64 = 6) -> [ImageFileFacts] {
        var rng = SplitMix64(seed: seed)
        return (0..<imageCount).map { row in
            // 2017-01-01 is day 17,167; times spread over four years, some exactly at midnight.
            let day = Int64(17_167 + Int.random(in: 0..<1460, using: &rng))
            let second = row % 7 == 0 ? 0 : Int64.random(in: 0..<86_400, using: &rng)
            return ImageFileFacts(
                byteSize: row % 9 == 4 ? nil : Int.random(in: 10_000...5_000_000, using: &rng),
                pixelWidth: row % 11 == 3 ? nil : [640, 1024, 4000].randomElement(using: &rng)!,
                pixelHeight: row % 11 == 3 ? nil : [480, 768, 3000].randomElement(using: &rng)!,
                modified: day * 86_400 + second + 86_400 * 30,
                taken: row % 6 == 5 ? nil : day * 86_400 + second,
                camera: row % 4 == 3 ? nil : cameras.randomElement(using: &rng)!)
        }
    }

    public static let modelInfo = #"{"collections":[{"count":60,"name":"photos","namedImages":false},{"count":20,"name":"drawings","namedImages":false}]}"#

    /// The space, its words (with random vectors) `words`.
    public static func make(words: [String], storage: VectorStorage = .float32, seed: UInt64 = 9) throws -> Space {
        var rng = SplitMix64(seed: seed)
        var imageVectors = (0..<(imageCount * dimension)).map { _ in rng.nextSigned() }
        // Rows 10 and 11 copy row 3; row 12 nearly does: near-copies for distinct.
        for copy in [10, 11, 12] {
            for i in 0..<dimension { imageVectors[copy * dimension + i] = imageVectors[3 * dimension + i] + (copy == 12 ? 0.01 : 0) }
        }
        let wordVectors = (0..<(words.count * dimension)).map { _ in rng.nextSigned() }
        return try Space(words: words, wordVectors: wordVectors, images: records(), imageVectors: imageVectors,
                         dimension: dimension, model: "test", source: "photos", vectorStorage: storage,
                         imageFileFacts: facts(), attachments: [.imageModelInfo: Array(modelInfo.utf8)])
    }
}
