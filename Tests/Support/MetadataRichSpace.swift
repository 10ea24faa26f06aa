import Foundation
import GlimpseCore

/// A made-up space whose images carry every kind of metadata a space can hold: titles and
/// tags with characters that text formats escape, file facts (some unknown), kept numbers
/// and retired ones, collections, and an image model section. For tests that copy a space
/// somewhere else and compare it with the original.
public enum MetadataRichSpace {
    /// Words that COPY, arrays and URLs escape or quote.
    public static let awkwardWords = [
        "tab\there", "new\nline", "carriage\rreturn", "back\\slash", "quote\"d", "{brace}", "comma,word", "ünïcödé 東京",
        "NULL", "\\N", "  spaced  ", "emoji 🦆",
    ]

    /// `words` words (the awkward ones first), `images` images, seeded random unit-ish vectors.
    public static func make(words wordCount: Int = 40, images imageCount: Int = 30, dimension: Int = 8, seed: UInt64 = 1,
                            model: String = "synthetic") throws -> Space {
        var random = SplitMix64(seed: seed)
        let words = (0..<wordCount).map { $0 < awkwardWords.count ? awkwardWords[$0] : "word\($0)" }
        let wordVectors = (0..<(wordCount * dimension)).map { _ in random.nextSigned() }
        var imageVectors = (0..<(imageCount * dimension)).map { _ in random.nextSigned() }
        if imageCount > 1 {
            // A zero vector stays zero: it must travel as zeros.
            for i in dimension..<(2 * dimension) { imageVectors[i] = 0 }
        }
        let records = (0..<imageCount).map { row in
            let folder = row % 3 == 0 ? "" : "trips/20\(10 + row % 7)/"
            return ImageRecord(file: "\(folder)img \(row)\(row % 5 == 0 ? "\ttabbed" : "").jpg",
                               title: row % 4 == 0 ? "" : "Title \(row) with \"quotes\", \\backslash\\ and {braces}",
                               tags: row % 6 == 0 ? [] : Array(awkwardWords.shuffled(using: &random).prefix(row % 4 + 1)) + ["tag\(row % 3)"])
        }
        let facts = (0..<imageCount).map { row in
            ImageFileFacts(byteSize: row % 7 == 0 ? nil : 1_000 * row + 17, pixelWidth: row % 5 == 0 ? nil : 640 + row,
                           pixelHeight: row % 5 == 0 ? nil : 480 + row, modified: 1_500_000_000 + Int64(row) * 86_400,
                           taken: row % 2 == 0 ? nil : -86_400 * 365 + Int64(row) * 3_600,
                           camera: row % 3 == 0 ? nil : ["Canon EOS 5D", "Pixel\t7"][row % 2])
        }
        // Numbers with gaps, as after updates of an indexed folder, and the retired ones.
        let numbers = ImageNumbers(numbers: (0..<imageCount).map { 3 * $0 + 2 },
                                   retired: [.init(number: 1, file: "gone.jpg"), .init(number: 3 * imageCount + 5, file: "also\tgone.png")])
        let half = imageCount / 2
        let info = #"{"collections":[{"name":"first half","count":\#(half)},{"name":"rest","count":\#(imageCount - half)}]}"#
        return try Space(words: words, wordVectors: wordVectors, images: records, imageVectors: imageVectors, dimension: dimension,
                         model: model, source: "MetadataRichSpace seed \(seed)", imageFileFacts: facts, imageNumbers: numbers,
                         attachments: [.imageModelInfo: Array(info.utf8), .imageModel: (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }])
    }
}
