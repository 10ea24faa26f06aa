import Foundation

/// An image file's most probable ImageNet classes and the length of its feature
/// vector, to check the model by eye (`glimpse features embed`).
public struct FileClassification: Sendable, CustomStringConvertible {
    public var file: String
    /// The most probable classes, best first, with their softmax probabilities.
    public var classes: [(name: String, probability: Float)]
    /// The Euclidean length of the file's pooled features.
    public var featureLength: Float
    /// How long decoding and running the model took.
    public var time: Duration

    /// Runs `file` through `encoder`; `labels` are the class names in logit order (a class
    /// without a name shows as `#index`).
    public init(file: String, encoder: ImageEncoder, labels: [String], top: Int = 3) throws {
        let clock = ContinuousClock.now
        let (features, logits) = try encoder.embedFile(file)
        time = ContinuousClock.now - clock
        let best = logits.indices.sorted { logits[$0] > logits[$1] }.prefix(top)
        let maximum = logits.max() ?? 0
        let total = logits.reduce(0) { $0 + exp($1 - maximum) }
        self.file = file
        classes = best.map { ((labels.indices.contains($0) ? labels[$0] : "#\($0)"), exp(logits[$0] - maximum) / total) }
        featureLength = sqrt(features.reduce(0) { $0 + $1 * $1 })
    }

    /// Classifies each of `files` in order with the cache's model, labelled with the fetched
    /// class names (without them a class shows as its index); `each` hears of every file as it is done.
    public static func classify(_ files: [String], cache: GlimpseCache, each: (FileClassification) -> Void) throws {
        let encoder = try ImageEncoder(cache: cache)
        let labels = (try? ImageNetLabels.names(labels: cache.imageNetLabels)) ?? []
        for file in files { each(try FileClassification(file: file, encoder: encoder, labels: labels)) }
    }

    /// `file: class 0.91, class 0.03, class 0.01; |features| 12.345; 0.05 seconds`.
    public var description: String {
        let names = classes.map { $0.name + String(format: " %.2f", $0.probability) }
        return "\(file): \(names.joined(separator: ", ")); |features| \(String(format: "%.3f", featureLength)); \(time)"
    }
}
