import Dispatch
import Foundation
import GlimpseCore

/// Image features and ImageNet logits of a batch of images, one row per image.
public struct EncodedImages: Sendable, Equatable {
    /// How many images (rows).
    public var count: Int
    /// count x 1280 pooled features, row-major.
    public var features: [Float]
    /// count x 1000 ImageNet-1k logits, row-major, in sorted-wnid class order.
    public var logits: [Float]

    public init(count: Int, features: [Float], logits: [Float]) {
        precondition(features.count == count * ImageEncoder.featureCount && logits.count == count * ImageEncoder.classCount)
        self.count = count
        self.features = features
        self.logits = logits
    }

    /// The features of image `i`.
    public func features(at i: Int) -> ArraySlice<Float> {
        features[(i * ImageEncoder.featureCount)..<((i + 1) * ImageEncoder.featureCount)]
    }

    /// The logits of image `i`.
    public func logits(at i: Int) -> ArraySlice<Float> {
        logits[(i * ImageEncoder.classCount)..<((i + 1) * ImageEncoder.classCount)]
    }
}

/// EfficientNet-Lite0 over ONNX Runtime: image files in, features and logits out.
public final class ImageEncoder: Sendable {
    /// Length of a feature vector (the pooled last convolution).
    public static let featureCount = 1280
    /// Number of ImageNet classes, hence of logits.
    public static let classCount = 1000

    /// The ONNX model file and the sha256 of its bytes (the key of cached features).
    public let modelPath: String, modelSHA256: String
    /// How files become model inputs.
    public let preprocessor: ImagePreprocessor
    /// Images decoded at the same time while encoding a batch.
    public let decoders: Int
    private let session: ONNXSession

    /// Loads the model; without arguments, finds the model and ONNX Runtime through `cache`.
    ///
    /// - Parameters:
    ///   - threads: threads ONNX Runtime uses inside one batch (default: all cores).
    ///   - modelSHA256: the model file's sha256 when the caller has just computed it.
    public init(modelPath: String? = nil, runtime: ONNXRuntime? = nil, cache: GlimpseCache = GlimpseCache(),
                threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                preprocessor: ImagePreprocessor = .efficientNetLite, modelSHA256: String? = nil) throws {
        let modelPath = try modelPath ?? cache.imageModel()
        guard FileManager.default.fileExists(atPath: modelPath) else {
            throw ONNXRuntimeError.modelNotFound(searched: [modelPath])
        }
        let runtime = try runtime ?? ONNXRuntime.load(from: cache)
        let session = try ONNXSession(runtime: runtime, modelPath: modelPath, threads: threads)
        guard session.inputCount == 1, session.outputCount == 2 else {
            throw ONNXRuntimeError.unexpectedModel(
                path: modelPath, reason: "\(session.inputCount) inputs and \(session.outputCount) outputs, expected 1 (image) and 2 (features, logits)")
        }
        self.session = session
        self.modelPath = modelPath
        self.modelSHA256 = try modelSHA256 ?? FileDigest.sha256(path: modelPath)
        self.preprocessor = preprocessor
        self.decoders = max(1, threads)
    }

    /// The ONNX Runtime version in use.
    public var runtimeVersion: String { session.runtime.version }

    /// Runs the model on `count` preprocessed images (count x 3 x 224 x 224 floats).
    public func encode(tensors: [Float], count: Int) throws -> EncodedImages {
        let side = preprocessor.cropSize
        precondition(tensors.count == count * preprocessor.tensorCount, "expected \(count) tensors")
        guard count > 0 else { return EncodedImages(count: 0, features: [], logits: []) }
        let outputs = try session.run(input: "image", Tensor(shape: [count, 3, side, side], values: tensors),
                                      outputs: ["features", "logits"])
        guard outputs[0].shape == [count, Self.featureCount], outputs[1].shape == [count, Self.classCount] else {
            throw ONNXRuntimeError.unexpectedModel(
                path: modelPath, reason: "outputs of shape \(outputs[0].shape) and \(outputs[1].shape), expected [\(count), 1280] and [\(count), 1000]")
        }
        return EncodedImages(count: count, features: outputs[0].values, logits: outputs[1].values)
    }

    /// Decodes `paths` in parallel; each slot holds the image's tensor or why it failed.
    public func preprocess(paths: [String]) -> [Result<[Float], ImageError>] {
        preprocess(paths: paths, views: Array(repeating: [preprocessor.view], count: paths.count)).map { $0.map { $0[0] } }
    }

    /// Decodes `paths` in parallel, each once, into its tensors in each of its `views`
    /// (`views[i]` for `paths[i]`; the preprocessor's own view is not used); each slot
    /// holds the file's tensors, in the order of its views, or why it failed.
    public func preprocess(paths: [String], views: [[ImageView]]) -> [Result<[[Float]], ImageError>] {
        precondition(views.count == paths.count, "one list of views per file")
        let results = ResultSlots<[[Float]]>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: min(decoders, max(paths.count, 1))) { worker in
            var i = worker
            while i < paths.count {
                results[i] = tensors(path: paths[i], views: views[i])
                i += decoders
            }
        }
        return results.values
    }

    /// The tensors of the file at `path` in each of `views` (one decode), or why it failed.
    public func tensors(path: String, views: [ImageView]) -> Result<[[Float]], ImageError> {
        do {
            return .success(try preprocessor.tensors(path: path, views: views))
        } catch let error as ImageError {
            return .failure(error)
        } catch {
            return .failure(ImageError(file: path, message: "\(error)"))
        }
    }

    /// Encodes the images at `paths`; files that fail to decode are left out and
    /// reported with their reasons. `encoded.count == paths.count - failures.count`,
    /// and the rows follow `paths` with the failures skipped.
    public func encode(paths: [String]) throws -> (encoded: EncodedImages, failures: [(index: Int, error: ImageError)]) {
        let decoded = preprocess(paths: paths)
        var tensors: [Float] = []
        tensors.reserveCapacity(paths.count * preprocessor.tensorCount)
        var failures: [(index: Int, error: ImageError)] = []
        for (i, result) in decoded.enumerated() {
            switch result {
            case .success(let tensor): tensors += tensor
            case .failure(let error): failures.append((i, error))
            }
        }
        return (try encode(tensors: tensors, count: paths.count - failures.count), failures)
    }

    /// Features and logits of the one image at `path` (for `image("file")` queries);
    /// a leading `~` means the home folder, as in a shell.
    public func embedFile(_ path: String) throws -> (features: [Float], logits: [Float]) {
        let tensor = try preprocessor.tensor(path: HomeFolder.expanding(path))
        let encoded = try encode(tensors: tensor, count: 1)
        return (encoded.features, encoded.logits)
    }
}

/// Fixed slots that parallel workers fill at distinct indices.
private final class ResultSlots<Value>: @unchecked Sendable {
    // Each index is written by exactly one worker and read after all have finished;
    // raw memory (not an Array) so that the writers never share copy-on-write state.
    private let slots: UnsafeMutableBufferPointer<Result<Value, ImageError>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(i: Int) -> Result<Value, ImageError>? {
        get { slots[i] }
        set { slots[i] = newValue }
    }

    var values: [Result<Value, ImageError>] { slots.map { $0! } }
}
