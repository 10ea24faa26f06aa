import GlimpseLearning

/// The ways `glimpse build` can learn the map from CNN features into the word space.
enum HeadRecipe: String, CaseIterable {
    /// Two-layer MLP (512 wide, GELU, dropout 0.5) with symmetric InfoNCE at a fixed
    /// temperature of 0.1, AdamW, epochs chosen on the validation split.
    case mlp
    /// The same loss on a linear map.
    case linear
    /// Closed-form ridge regression onto the caption vectors: the baseline.
    case ridge

    func method(seed: UInt64) -> HeadMethod {
        switch self {
        case .mlp, .linear:
            var configuration = InfoNCETrainer.Configuration()
            configuration.hiddenWidths = self == .mlp ? [512] : []
            configuration.seed = seed
            configuration.minimumEpochs = 20
            return .contrastive(configuration)
        case .ridge:
            return .ridge(input: .featuresAndProbabilities, penalties: [1, 10, 100, 1000])
        }
    }
}
