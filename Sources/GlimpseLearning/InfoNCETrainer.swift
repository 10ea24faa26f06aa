import Foundation

/// Trains a projection head with a contrastive loss (symmetric InfoNCE by default), deterministically.
///
/// Mini-batch AdamW over a seeded permutation of the training rows each epoch, with
/// dropout after each hidden layer. After every epoch an optional validation score
/// (higher is better, e.g. validation mAP) is computed; the head of the best epoch is
/// returned, and training stops after `patience` epochs without improvement. The
/// same data, configuration and seed give the same bytes.
public struct InfoNCETrainer: Sendable {
    public struct Configuration: Sendable, Equatable {
        public var input: ProjectionHead.Input = .featuresAndProbabilities
        /// Hidden layer widths; empty gives a linear head.
        public var hiddenWidths: [Int] = [512]
        public var dropout: Float = 0.5
        public var learningRate: Float = 1e-3
        public var weightDecay: Float = 0.01
        public var batchSize = 256
        public var loss: ContrastiveLoss = .infoNCE(temperature: 0.1)
        /// Weight of `loss` (the caption-level term); 0 trains on the word loss alone.
        public var captionLossWeight: Float = 1
        /// Weight of `TagWordLoss` added to `loss` (0: off); needs the training set's vocabulary.
        public var wordLossWeight: Float = 0
        public var wordTemperature: Float = 0.1
        public var maxEpochs = 80
        /// Epochs without a better validation score before stopping.
        public var patience = 10
        /// Epochs always trained before a validation score can be kept: validation sets of a
        /// few hundred images are noisy, and a lucky early epoch otherwise ends training
        /// under-fitted (seen on openclipart: kept epoch 11 at test mAP 0.405 while epochs
        /// 20-40 sit at 0.41-0.42).
        public var minimumEpochs = 15
        public var seed: UInt64 = 1
        /// OpenBLAS threads during training; pinned because the result's last bits depend on it
        /// (one thread costs about 7% time here against two).
        public var blasThreads = 1
        /// With a training set that has extra views: draw one view per image per epoch
        /// (the image's own or an extra one, uniformly) instead of always its own.
        public var sampleViews = true
        /// Dropout on the z-scored input (0: off).
        public var inputDropout: Float = 0

        public init() {}
    }

    /// One epoch's numbers.
    public struct EpochRecord: Sendable, Equatable {
        public var epoch: Int
        public var trainingLoss: Double
        public var validationScore: Double?
    }

    public struct Result: Sendable {
        public var head: ProjectionHead
        public var epochs: [EpochRecord]
        /// 1-based epoch whose head was kept.
        public var bestEpoch: Int
        public var seconds: Double
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Trains on `data`; `validation` scores a candidate head (higher is better).
    /// Without it, all `maxEpochs` run and the last head is returned.
    public func train(_ data: TrainingSet, validation: ((ProjectionHead) throws -> Double)? = nil,
                      progress: ((EpochRecord) -> Void)? = nil) throws -> Result {
        try LinearAlgebra.withThreadCount(configuration.blasThreads) {
            try trainPinned(data, validation: validation, progress: progress)
        }
    }

    private func trainPinned(_ data: TrainingSet, validation: ((ProjectionHead) throws -> Double)?,
                             progress: ((EpochRecord) -> Void)?) throws -> Result {
        let cfg = configuration
        guard data.count >= 2 else { throw LearningError.invalidArgument("training needs at least 2 images, got \(data.count)") }
        guard cfg.batchSize >= 2, cfg.maxEpochs >= 1, (0..<1).contains(cfg.dropout) else {
            throw LearningError.invalidArgument("batch size >= 2, epochs >= 1 and dropout in [0, 1) are required")
        }
        let start = Date()
        let logitDimension = cfg.input == .featuresAndProbabilities ? (data.logits?.columns ?? 0) : 0
        let raw = try ProjectionHead.rawInput(cfg.input, features: data.features, logits: data.logits,
                                              featureDimension: data.features.columns, logitDimension: logitDimension)
        let (mean, inverseScale) = raw.columnStatistics()
        let x = raw.standardised(mean: mean, inverseScale: inverseScale)
        // Extra views share the own view's statistics: the head sees them as the same input.
        let viewInputs = cfg.sampleViews ? try data.views.map { v in
            try ProjectionHead.rawInput(cfg.input, features: v.features, logits: v.logits,
                                        featureDimension: data.features.columns, logitDimension: logitDimension)
                .standardised(mean: mean, inverseScale: inverseScale)
        } : []
        guard (0..<1).contains(cfg.inputDropout) else { throw LearningError.invalidArgument("input dropout must be in [0, 1)") }
        var generator = SeededGenerator(seed: cfg.seed)
        var network = HeadNetwork(widths: [x.columns] + cfg.hiddenWidths + [data.targets.columns], generator: &generator)
        var optimiser = AdamW(shapes: network.parameters.map(\.count), learningRate: cfg.learningRate,
                              weightDecay: cfg.weightDecay)
        let decays = network.parameters.indices.map { $0 % 2 == 0 }
        let summary = describe(images: data.count, views: viewInputs.count) 
        var wordLoss: TagWordLoss? = nil
        if cfg.wordLossWeight > 0 {
            guard let vocabulary = data.vocabulary, data.wordLists.count == data.count else {
                throw LearningError.invalidArgument("the word loss needs a training set built with word vectors")
            }
            wordLoss = TagWordLoss(vocabulary: vocabulary, temperature: cfg.wordTemperature)
        }
        func head() -> ProjectionHead {
            network.head(input: cfg.input, featureDimension: data.features.columns, logitDimension: logitDimension,
                         mean: mean, inverseScale: inverseScale, summary: summary)
        }

        var records: [EpochRecord] = []
        var best: (score: Double, epoch: Int, head: ProjectionHead)? = nil
        for epoch in 1...cfg.maxEpochs {
            let order = generator.permutation(data.count)
            var lossSum = 0.0
            var batches = 0
            var from = 0
            while from < order.count {
                let rows = Array(order[from..<min(from + cfg.batchSize, order.count)])
                from += cfg.batchSize
                guard rows.count >= 2 else { continue }  // a one-row batch has no negatives
                var batch: DenseMatrix
                if viewInputs.isEmpty {
                    batch = x.gathering(rows: rows)
                } else {
                    // One view per row: 0 is the row's own, k > 0 the k-th extra view.
                    batch = DenseMatrix(rows: rows.count, columns: x.columns)
                    let c = x.columns
                    for (r, row) in rows.enumerated() {
                        let v = generator.nextIndex(below: viewInputs.count + 1)
                        let source = v == 0 ? x : viewInputs[v - 1]
                        for j in 0..<c { batch.values[r * c + j] = source.values[row * c + j] }
                    }
                }
                if cfg.inputDropout > 0 {
                    let keep = 1 - cfg.inputDropout, scale = 1 / keep
                    for k in batch.values.indices { batch.values[k] *= generator.nextUnitFloat() < keep ? scale : 0 }
                }
                let trace = network.forward(batch, dropout: cfg.dropout, generator: &generator)
                var (loss, du) = cfg.loss.evaluate(u: trace.output, targets: data.targets.gathering(rows: rows),
                                                   captionIDs: rows.map { data.captionIDs[$0] })
                if cfg.captionLossWeight != 1 {
                    loss *= Double(cfg.captionLossWeight)
                    for k in du.values.indices { du.values[k] *= cfg.captionLossWeight }
                }
                if let wordLoss {
                    let (l2, du2) = wordLoss.evaluate(u: trace.output, words: rows.map { data.wordLists[$0] })
                    loss += Double(cfg.wordLossWeight) * l2
                    for k in du.values.indices { du.values[k] += cfg.wordLossWeight * du2.values[k] }
                }
                let grads = network.backward(trace, outputGradient: du)
                optimiser.update(&network.parameters, gradients: grads, decays: decays)
                lossSum += loss
                batches += 1
            }
            var record = EpochRecord(epoch: epoch, trainingLoss: lossSum / Double(max(batches, 1)), validationScore: nil)
            if let validation {
                let candidate = head()
                let score = try validation(candidate)
                record.validationScore = score
                if epoch >= cfg.minimumEpochs, best == nil || score > best!.score { best = (score, epoch, candidate) }
            }
            records.append(record)
            progress?(record)
            if let best, epoch - best.epoch >= cfg.patience { break }
        }
        var result = best?.head ?? head()
        let bestEpoch = best?.epoch ?? records.count
        result.summary += ", kept epoch \(bestEpoch) of \(records.count)"
        return Result(head: result, epochs: records, bestEpoch: bestEpoch, seconds: Date().timeIntervalSince(start))
    }

    private func describe(images: Int, views: Int) -> String {
        let c = configuration
        let shape = c.hiddenWidths.isEmpty ? "linear" : "MLP hidden \(c.hiddenWidths.map(String.init).joined(separator: "x")) GELU dropout \(c.dropout)"
        let lossText: String
        switch c.loss {
        case .infoNCE(let t): lossText = "symmetric InfoNCE T=\(t)"
        case .triplet(let m, let s): lossText = "triplet margin \(m) soft negatives below \(s)"
        case .softInfoNCE(let t, let tt, let w): lossText = "symmetric InfoNCE T=\(t) with \(w) x soft caption targets T=\(tt)"
        }
        let words = c.wordLossWeight > 0 ? " + \(c.wordLossWeight) x tag-word softmax T=\(c.wordTemperature)" : ""
        let captionPart = c.captionLossWeight == 1 ? lossText : "\(c.captionLossWeight) x \(lossText)"
        return "\(shape), \(captionPart)\(words), AdamW lr \(c.learningRate) wd \(c.weightDecay), batch \(c.batchSize), seed \(c.seed), "
            + "\(images) images, input \(c.input == .features ? "features" : "features+probabilities")"
            + (c.inputDropout > 0 ? ", input dropout \(c.inputDropout)" : "")
            + (views > 0 ? ", a random one of \(views + 1) views per image per epoch" : "")
    }
}
