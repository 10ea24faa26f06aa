import GlimpseLearning

/// Places images the heads never saw (a user's photos) in the space: the head's
/// vector mixed with the zero-shot ImageNet signal, then optionally moved towards the
/// captions of the most similar captioned images (caption transfer from the space's
/// clip-art). `image("file")` places one file with it, one view; `glimpse eval --photos`
/// measures it on labelled photos (docs/photos.md).
public struct PhotoPlacer: Sendable {
    public var head: ProjectionHead
    /// The zero-shot signal (nil: the head alone).
    public var zeroShot: ZeroShotEmbedding?
    /// The zero-shot share of the mix: `normalise((1 - share) head + share zeroShot)`.
    public var share: Float
    /// The softmax temperature of the class probabilities (1: the model's own).
    public var temperature: Float
    /// Caption transfer and the memory it draws on (nil: none).
    public var transfer: (NeighbourTransfer, TransferMemory)?

    public init(head: ProjectionHead, zeroShot: ZeroShotEmbedding?, share: Float, temperature: Float = 1,
                transfer: (NeighbourTransfer, TransferMemory)? = nil) {
        self.head = head
        self.zeroShot = zeroShot
        self.share = share
        self.temperature = temperature
        self.transfer = transfer
    }

    /// Unit vectors of images seen through `views` (the image itself first; more views
    /// average the head's and the zero-shot vectors before they are mixed).
    public func place(views: [ViewFeatures]) throws -> DenseMatrix {
        guard let first = views.first else { throw LearningError.invalidArgument("no views to place") }
        let headVectors = try head.project(views: views, averaging: .outputs)
        var vectors = headVectors
        if let zeroShot, share > 0 {
            var sum: DenseMatrix?
            for view in views {
                guard var logits = view.logits else { throw LearningError.badInput("the zero-shot signal needs the images' logits") }
                if temperature != 1 { for k in logits.values.indices { logits.values[k] /= temperature } }
                let z = zeroShot.embed(logits: logits)
                if var s = sum {
                    for k in s.values.indices { s.values[k] += z.values[k] }
                    sum = s
                } else {
                    sum = z
                }
            }
            var zeroShotVectors = sum!
            if views.count > 1 { zeroShotVectors.normaliseRows() }
            vectors = ZeroShotEmbedding.mix(head: headVectors, zeroShot: zeroShotVectors, weight: share)
        }
        guard let (transfer, memory) = transfer else { return vectors }
        // Compared by cosine: the summed features point where the views' mean does.
        var features = first.features
        for view in views.dropFirst() { for k in features.values.indices { features.values[k] += view.features.values[k] } }
        return memory.apply(transfer, to: vectors, features: features)
    }
}
