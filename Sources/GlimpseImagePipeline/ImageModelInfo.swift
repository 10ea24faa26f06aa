import Foundation
import GlimpseCore

/// How a built space's images were embedded, stored beside the learnt head so
/// that `image("file")` and `glimpse eval` use the same model and preprocessing.
struct ImageModelInfo: Codable, Equatable {
    /// The ONNX model's file name and the sha256 of its bytes.
    var encoder: String
    var encoderSHA256: String
    /// `ImagePreprocessor.identifier` of the preprocessing used.
    var preprocessing: String
    /// A one-line description of the head and how it was trained.
    var method: String
    /// The collections, in the order of the space's image rows.
    var collections: [Collection]
    /// The share of the zero-shot ImageNet-label signal in the vector of an image
    /// *file* (`image("...")`); the rest is the head's. Files are mostly photos, which
    /// the head never saw; the space's own images use the head alone. Absent: 0.
    var zeroShotWeight: Float?

    struct Collection: Codable, Equatable {
        /// The feature cache's name for it (e.g. `openclipart-fit`).
        var name: String
        var count: Int
        /// Whether each image's title names it alone (emoji), so names are queries in `eval`.
        var namedImages: Bool
    }

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data())
    }

    static func decode(_ bytes: [UInt8]) -> ImageModelInfo? {
        try? JSONDecoder().decode(ImageModelInfo.self, from: Data(bytes))
    }

    /// The info stored in `space`, if it was built with an image model.
    static func of(_ space: Space) -> ImageModelInfo? {
        space.attachment(.imageModelInfo).flatMap(decode)
    }
}
