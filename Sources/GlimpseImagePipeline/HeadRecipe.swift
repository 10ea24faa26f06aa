import GlimpseLearning

/// The ways `glimpse build` can learn the map from CNN features into the word space.
/// Every collection gets its own head (docs/learning.md: per-collection heads won).
public enum HeadRecipe: String, CaseIterable, Codable, Sendable {
    /// Three `mlp` heads (seeds s, s+1, s+2) averaged into one wider head.
    case mlpEnsemble = "mlp-ens3"
    /// Two-layer MLP (512 wide, GELU, dropout 0.5) with symmetric InfoNCE at a fixed
    /// temperature of 0.1, AdamW, epochs chosen on the validation split.
    case mlp
    /// The same loss on a linear map.
    case linear
    /// Closed-form ridge regression onto the caption vectors: the baseline.
    case ridge

    /// - Parameter dropout: after the hidden layer (MLPs only); 0.5 unless a collection's
    ///   recipe says otherwise (`SpaceBuilder.dropout(namedImages:)`).
    public func method(seed: UInt64, dropout: Float = 0.5) -> HeadMethod {
        switch self {
        case .mlp, .linear, .mlpEnsemble:
            var configuration = InfoNCETrainer.Configuration()
            configuration.hiddenWidths = self == .linear ? [] : [512]
            configuration.dropout = self == .linear ? 0.5 : dropout
            configuration.seed = seed
            configuration.minimumEpochs = 20
            return self == .mlpEnsemble ? .ensemble(configuration, seeds: [seed, seed + 1, seed + 2]) : .contrastive(configuration)
        case .ridge:
            return .ridge(input: .featuresAndProbabilities, penalties: [1, 10, 100, 1000])
        }
    }
}
