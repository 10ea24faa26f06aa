import Foundation
import GlimpseCore
import GlimpseLanguage
import GlimpseLearning
import GlimpseVision

/// `image("file")`: the CNN (over ONNX Runtime) and the space's learnt head, the
/// same model and preprocessing that embedded the space's own images.
///
/// Nothing is loaded until the first `image(...)`: opening a space stays fast, and
/// a machine without ONNX Runtime can still run every other query.
final class HeadImageEmbedder: ImageEmbedding, @unchecked Sendable {
    private let headBytes: [UInt8]
    private let info: ImageModelInfo
    private let lock = NSLock()
    private var loaded: (encoder: ImageEncoder, head: ProjectionHead)?

    init(headBytes: [UInt8], info: ImageModelInfo) {
        self.headBytes = headBytes
        self.info = info
    }

    /// The embedder for `space`, or nil when it carries no image model.
    static func of(_ space: Space) -> HeadImageEmbedder? {
        guard let head = space.attachment(.imageModel), let info = ImageModelInfo.of(space) else { return nil }
        return HeadImageEmbedder(headBytes: head, info: info)
    }

    func embed(file path: String) throws -> [Float] {
        let (encoder, head) = try load()
        let (features, logits) = try encoder.embedFile(path)
        return try head.project(features: features, logits: logits)
    }

    private func load() throws -> (ImageEncoder, ProjectionHead) {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let head = try ProjectionHead(decoding: headBytes)
        let preprocessor: ImagePreprocessor = info.preprocessing == ImagePreprocessor.efficientNetLiteFit.identifier
            ? .efficientNetLiteFit : .efficientNetLite
        guard preprocessor.identifier == info.preprocessing else {
            throw ImageModelError("this space was embedded with preprocessing '\(info.preprocessing)', which this glimpse does not know")
        }
        let encoder = try ImageEncoder(preprocessor: preprocessor)
        guard encoder.modelSHA256 == info.encoderSHA256 else {
            throw ImageModelError("the image model at \(encoder.modelPath) is not the one this space was built with (sha256 \(info.encoderSHA256.prefix(12))…)")
        }
        loaded = (encoder, head)
        return (encoder, head)
    }
}

/// A problem with a space's image model.
struct ImageModelError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
