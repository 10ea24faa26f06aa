import Foundation
import GlimpseCore
import GlimpseLearning

/// How a built space's images were embedded, stored beside the learnt head so
/// that `image("file")` and `glimpse eval` use the same model and preprocessing.
public struct ImageModelInfo: Codable, Equatable, Sendable {
    /// The ONNX model's file name and the sha256 of its bytes.
    public var encoder: String
    public var encoderSHA256: String
    /// `ImagePreprocessor.identifier` of the preprocessing used.
    public var preprocessing: String
    /// A one-line description of the head and how it was trained, for people to read.
    public var method: String
    /// The recipe the heads were trained with. Nil in spaces built before it was
    /// recorded, and for a recipe this glimpse does not know (see `retrainingRecipe`).
    public var recipe: HeadRecipe?
    /// The collections, in the order of the space's image rows.
    public var collections: [Collection]
    /// The share of the zero-shot ImageNet-label signal in the vector of an image
    /// *file* (`image("...")`); the rest is the head's. Files are mostly photos, which
    /// the head never saw; the space's own images use the head alone. Absent: 0.
    public var zeroShotWeight: Float?
    /// The softmax temperature of the class probabilities behind that zero-shot signal. Absent: 1.
    public var zeroShotTemperature: Float?
    /// Caption transfer for an image file from the clip-art of the space's transfer
    /// memory section (docs/photos.md). Absent: none (spaces built before it).
    public var fileTransfer: FileTransfer?

    /// `NeighbourTransfer`'s settings, as the model info stores them.
    public struct FileTransfer: Codable, Equatable, Sendable {
        public var neighbours: Int
        public var temperature: Float
        public var weight: Float

        public init(neighbours: Int, temperature: Float, weight: Float) {
            self.neighbours = neighbours
            self.temperature = temperature
            self.weight = weight
        }

        /// The transfer, or nil when the settings are out of range (a damaged or foreign space).
        public var transfer: NeighbourTransfer? {
            guard neighbours >= 1, temperature > 0, temperature.isFinite, weight >= 0, weight.isFinite else { return nil }
            return NeighbourTransfer(neighbours: neighbours, temperature: temperature, weight: weight)
        }
    }

    public struct Collection: Codable, Equatable, Sendable {
        /// The feature cache's name for it (e.g. `openclipart-fit`).
        public var name: String
        public var count: Int
        /// Whether each image's title names it alone (emoji), so names are queries in `eval`.
        public var namedImages: Bool

        public init(name: String, count: Int, namedImages: Bool) {
            self.name = name
            self.count = count
            self.namedImages = namedImages
        }
    }

    public init(encoder: String, encoderSHA256: String, preprocessing: String, method: String, recipe: HeadRecipe?,
                collections: [Collection], zeroShotWeight: Float?, zeroShotTemperature: Float? = nil, fileTransfer: FileTransfer? = nil) {
        self.encoder = encoder
        self.encoderSHA256 = encoderSHA256
        self.preprocessing = preprocessing
        self.method = method
        self.recipe = recipe
        self.collections = collections
        self.zeroShotWeight = zeroShotWeight
        self.zeroShotTemperature = zeroShotTemperature
        self.fileTransfer = fileTransfer
    }

    /// The recipe `glimpse eval --baseline-protocol` retrains with: `recipe`, else `mlp`,
    /// what eval has always assumed of a space whose recipe it cannot tell.
    public var retrainingRecipe: HeadRecipe { recipe ?? .mlp }

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        encoder = try fields.decode(String.self, forKey: .encoder)
        encoderSHA256 = try fields.decode(String.self, forKey: .encoderSHA256)
        preprocessing = try fields.decode(String.self, forKey: .preprocessing)
        method = try fields.decode(String.self, forKey: .method)
        // A recipe of a later glimpse reads as none, so the rest of the space (image("file")) still works.
        recipe = (try? fields.decodeIfPresent(String.self, forKey: .recipe)).flatMap { $0.flatMap(HeadRecipe.init(rawValue:)) }
        collections = try fields.decode([Collection].self, forKey: .collections)
        zeroShotWeight = try fields.decodeIfPresent(Float.self, forKey: .zeroShotWeight)
        zeroShotTemperature = try fields.decodeIfPresent(Float.self, forKey: .zeroShotTemperature)
        fileTransfer = try fields.decodeIfPresent(FileTransfer.self, forKey: .fileTransfer)
    }

    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data())
    }

    public static func decode(_ bytes: [UInt8]) -> ImageModelInfo? {
        try? JSONDecoder().decode(ImageModelInfo.self, from: Data(bytes))
    }

    /// The info stored in `space`, if it was built with an image model.
    public static func of(_ space: Space) -> ImageModelInfo? {
        space.attachment(.imageModelInfo).flatMap(decode)
    }
}
