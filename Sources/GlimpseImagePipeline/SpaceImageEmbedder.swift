import Foundation
import GlimpseCore
import GlimpseLanguage
import GlimpseLearning
import GlimpseVision

/// `image("file")`: the CNN (over ONNX Runtime) and the space's learnt head, the
/// same model and preprocessing that embedded the space's own images, mixed with
/// the zero-shot signal (the file's ImageNet class probabilities over the vectors
/// of the class names) in the share and temperature the space records, then, in
/// spaces that record it, caption transfer from the space's clip-art (`PhotoPlacer`):
/// a user's files are mostly photos, which the head was never trained on
/// (docs/photos.md measured each step on labelled photos).
///
/// Nothing is loaded until the first `image(...)`: opening a space stays fast, and
/// a machine without ONNX Runtime can still run every other query.
public final class SpaceImageEmbedder: ImageEmbedding, @unchecked Sendable {
    private let headBytes: [UInt8]
    private let zeroShotBytes: [UInt8]?
    private let transferMemoryBytes: [UInt8]?
    private let info: ImageModelInfo
    private let lock = NSLock()
    private var loadedPlacer: PhotoPlacer?
    private var loadedEncoder: ImageEncoder?

    public init(headBytes: [UInt8], zeroShotBytes: [UInt8]?, transferMemoryBytes: [UInt8]? = nil, info: ImageModelInfo) {
        self.headBytes = headBytes
        self.zeroShotBytes = zeroShotBytes
        self.transferMemoryBytes = transferMemoryBytes
        self.info = info
    }

    /// The embedder for `space`, or nil when it carries no image model.
    public static func of(_ space: Space) -> SpaceImageEmbedder? {
        guard let head = space.attachment(.imageModel), let info = ImageModelInfo.of(space) else { return nil }
        return SpaceImageEmbedder(headBytes: head, zeroShotBytes: space.attachment(.zeroShotClasses),
                                  transferMemoryBytes: space.attachment(.transferMemory), info: info)
    }

    public func embed(file path: String) throws -> [Float] {
        let (features, logits) = try encoder().embedFile(path)
        return try vector(features: features, logits: logits)
    }

    /// The vector of an image from its CNN features and logits, one view: the space's
    /// `PhotoPlacer`. `image("file")` and `glimpse index` place images with this.
    public func vector(features: [Float], logits: [Float]) throws -> [Float] {
        try vectors(features: DenseMatrix(rows: 1, columns: features.count, values: features),
                    logits: DenseMatrix(rows: 1, columns: logits.count, values: logits)).values
    }

    /// `vector(features:logits:)` for a batch: one image per row of `features` (n x 1280) and `logits` (n x 1000).
    public func vectors(features: DenseMatrix, logits: DenseMatrix) throws -> DenseMatrix {
        try placer().place(views: [ViewFeatures(name: "file", features: features, logits: logits)])
    }

    /// The preprocessing the space's images were encoded with, which an image file must get too.
    public func preprocessor() throws -> ImagePreprocessor {
        let preprocessor: ImagePreprocessor = info.preprocessing == ImagePreprocessor.efficientNetLiteFit.identifier
            ? .efficientNetLiteFit : .efficientNetLite
        guard preprocessor.identifier == info.preprocessing else {
            throw ImageModelError("this space was embedded with preprocessing '\(info.preprocessing)', which this glimpse does not know")
        }
        return preprocessor
    }

    /// The sha256 of the image model file the space was built with.
    public var encoderSHA256: String { info.encoderSHA256 }

    /// The CNN, loaded at the first call: checked to be the model the space was built with.
    public func encoder() throws -> ImageEncoder {
        lock.lock()
        defer { lock.unlock() }
        if let loadedEncoder { return loadedEncoder }
        let encoder = try ImageEncoder(preprocessor: try preprocessor())
        guard encoder.modelSHA256 == info.encoderSHA256 else {
            throw ImageModelError("the image model at \(encoder.modelPath) is not the one this space was built with (sha256 \(info.encoderSHA256.prefix(12))…)")
        }
        loadedEncoder = encoder
        return encoder
    }

    /// The space's placer, decoded at the first call.
    private func placer() throws -> PhotoPlacer {
        lock.lock()
        defer { lock.unlock() }
        if let loadedPlacer { return loadedPlacer }
        let placer = try Self.placer(headBytes: headBytes, zeroShotBytes: zeroShotBytes, transferMemoryBytes: transferMemoryBytes, info: info)
        loadedPlacer = placer
        return placer
    }

    /// How a space whose image model is `info` places an image file: its head, the zero-shot
    /// class vectors at the recorded share and temperature, and caption transfer when recorded.
    public static func placer(headBytes: [UInt8], zeroShotBytes: [UInt8]?, transferMemoryBytes: [UInt8]?,
                              info: ImageModelInfo) throws -> PhotoPlacer {
        let head = try ProjectionHead(decoding: headBytes)
        var zeroShot: ZeroShotEmbedding?
        if let weight = info.zeroShotWeight, weight > 0 {
            guard let zeroShotBytes else {
                throw ImageModelError("this space gives image files a zero-shot share of \(weight) but carries no zero-shot class vectors")
            }
            zeroShot = try ZeroShotEmbedding(decoding: zeroShotBytes)
            guard zeroShot?.classVectors.columns == head.layers.last?.weights.columns,
                  zeroShot?.classVectors.rows == ImageEncoder.classCount else {
                throw ImageModelError("the zero-shot class vectors do not fit the image model (\(ImageEncoder.classCount) classes) and the head")
            }
        }
        var transfer: (NeighbourTransfer, TransferMemory)?
        if let setting = info.fileTransfer {
            guard let t = setting.transfer else { throw ImageModelError("this space's caption transfer for image files is out of range") }
            guard let transferMemoryBytes else {
                throw ImageModelError("this space gives image files caption transfer but carries no transfer memory")
            }
            let memory = try TransferMemory(decoding: transferMemoryBytes)
            let keyWidth = memory.keyKind == .features ? ImageEncoder.featureCount : head.outputDimension
            guard memory.keys.columns == keyWidth, memory.targets.columns == head.outputDimension else {
                throw ImageModelError("the transfer memory does not fit the image model and the head")
            }
            transfer = (t, memory)
        }
        let temperature = info.zeroShotTemperature ?? 1
        guard temperature > 0, temperature.isFinite else { throw ImageModelError("this space's zero-shot temperature \(temperature) is not above 0") }
        return PhotoPlacer(head: head, zeroShot: zeroShot, share: info.zeroShotWeight ?? 0, temperature: temperature, transfer: transfer)
    }
}
