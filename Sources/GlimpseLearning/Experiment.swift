import Foundation

/// A collection with its caption targets, as used for training and evaluation.
public struct LabelledCollection: Sendable {
    public var collection: ImageCollection
    public var captions: Captions
    /// Whether each image's title names it alone (emoji): then name queries are evaluated.
    public var evaluatesNames: Bool

    public init(collection: ImageCollection, captions: Captions, evaluatesNames: Bool) {
        self.collection = collection
        self.captions = captions
        self.evaluatesNames = evaluatesNames
    }
}

/// How to learn a head.
public enum HeadMethod: Sendable {
    /// Closed-form ridge; the penalty with the best validation score is kept.
    case ridge(input: ProjectionHead.Input, penalties: [Float])
    /// A contrastive head (InfoNCE or triplet), epochs chosen on validation.
    case contrastive(InfoNCETrainer.Configuration)
    /// Contrastive heads trained with each seed (epochs chosen on validation each), averaged into one head.
    case ensemble(InfoNCETrainer.Configuration, seeds: [UInt64])
}

/// Trains and evaluates heads over labelled collections with fixed per-collection splits.
///
/// This is the one entry point `glimpse build` and `glimpse eval` need: `train`
/// learns a head on the training part (choosing penalties or epochs on the
/// validation part), `evaluate` reports on the test part.
public struct Experiment: Sendable {
    public var words: WordVectors
    public var collections: [LabelledCollection]
    /// One split per collection, row-aligned with it.
    public var splits: [DataSplit]
    /// How collections with extra views are embedded for validation and evaluation.
    public var viewAveraging: ViewAveraging = .outputs
    /// Optional caption transfer from the nearest training images, applied after the head:
    /// in validation from the training part, in evaluation from `memory`.
    public var transfer: NeighbourTransfer? = nil
    /// Whether evaluation's transfer also reads the validation images (labelled, never tested).
    public var transferFromValidation = true

    /// The images collection `k`'s evaluation transfers captions from: the training part,
    /// and the validation part unless `transferFromValidation` is off.
    public func memory(_ k: Int) -> [Int] {
        transferFromValidation
            ? splits[k].parts.indices.filter { splits[k].parts[$0] != .test }
            : splits[k].indices(.train)
    }

    public init(words: WordVectors, collections: [LabelledCollection], splits: [DataSplit]) {
        precondition(collections.count == splits.count)
        for (c, s) in zip(collections, splits) { precondition(c.collection.count == s.parts.count, "split must cover \(c.collection.name)") }
        self.words = words
        self.collections = collections
        self.splits = splits
    }

    /// What training produced.
    public struct TrainedHead: Sendable {
        public var head: ProjectionHead
        public var seconds: Double
        /// Validation score of the kept head (see `validationScore`).
        public var validationScore: Double
        /// Per epoch (contrastive) or per penalty (ridge): a human-readable log.
        public var log: [String]
    }

    /// Trains a head on the training part of the collections `using` (indices; all by default).
    public func train(_ method: HeadMethod, using: [Int]? = nil) throws -> TrainedHead {
        let chosen = using ?? Array(collections.indices)
        let data = TrainingSet(chosen.map { k in
            (collections[k].collection, collections[k].captions, splits[k].indices(.train))
        }, words: words)
        let start = Date()
        let score = { (head: ProjectionHead) throws -> Double in try self.validationScore(head, using: chosen) }
        switch method {
        case .ridge(let input, let penalties):
            let heads = try RidgeRegression.fit(data, input: input, penalties: penalties)
            var best: (Double, ProjectionHead)? = nil
            var log: [String] = []
            for (lambda, head) in zip(penalties, heads) {
                let s = try score(head)
                log.append("lambda \(lambda): validation \(String(format: "%.4f", s))")
                if best == nil || s > best!.0 { best = (s, head) }
            }
            return TrainedHead(head: best!.1, seconds: Date().timeIntervalSince(start), validationScore: best!.0, log: log)
        case .contrastive(let configuration):
            let result = try InfoNCETrainer(configuration: configuration).train(data, validation: score)
            let log = result.epochs.map {
                "epoch \($0.epoch): loss \(String(format: "%.4f", $0.trainingLoss)) validation \(String(format: "%.4f", $0.validationScore ?? .nan))"
            }
            let kept = result.epochs[result.bestEpoch - 1].validationScore ?? .nan
            return TrainedHead(head: result.head, seconds: result.seconds, validationScore: kept, log: log)
        case .ensemble(let configuration, let seeds):
            var members: [ProjectionHead] = []
            var log: [String] = []
            for s in seeds {
                var c = configuration
                c.seed = s
                let result = try InfoNCETrainer(configuration: c).train(data, validation: score)
                members.append(result.head)
                log.append("seed \(s): kept epoch \(result.bestEpoch) of \(result.epochs.count), validation "
                    + String(format: "%.4f", result.epochs[result.bestEpoch - 1].validationScore ?? .nan))
            }
            let head = try ProjectionHead.ensemble(
                members, summary: "mean of \(seeds.count) heads (seeds \(seeds.map(String.init).joined(separator: ","))): " + members[0].summary)
            let s = try score(head)
            log.append("ensemble validation " + String(format: "%.4f", s))
            return TrainedHead(head: head, seconds: Date().timeIntervalSince(start), validationScore: s, log: log)
        }
    }

    /// Early-stopping score on the validation part: per collection, tag mAP (tags with at
    /// least 3 validation images), or for named collections the mean of that and the name
    /// queries' mean reciprocal rank; averaged over collections.
    public func validationScore(_ head: ProjectionHead, using: [Int]? = nil) throws -> Double {
        var scores: [Double] = []
        for k in using ?? Array(collections.indices) {
            let c = collections[k]
            let s = try Evaluation.section(collection: c.collection, captions: c.captions, indices: splits[k].indices(.validation),
                                           head: head, words: words, nameQueries: c.evaluatesNames, minimumRelevant: 3,
                                           averaging: viewAveraging, transfer: transfer.map { ($0, splits[k].indices(.train)) })
            var parts: [Double] = []
            if !s.tagQueries.isEmpty { parts.append(s.meanAveragePrecision) }
            if !s.nameQueries.isEmpty {
                parts.append(s.nameQueries.map { 1 / Double($0.rank + 1) }.reduce(0, +) / Double(s.nameQueries.count))
            }
            if !parts.isEmpty { scores.append(parts.reduce(0, +) / Double(parts.count)) }
        }
        return scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count)
    }

    /// Metrics on the test part of every collection (or of `using`), one section per collection.
    public func evaluate(_ head: ProjectionHead, title: String, using: [Int]? = nil) throws -> EvaluationReport {
        let sections = try (using ?? Array(collections.indices)).map { k in
            let c = collections[k]
            return try Evaluation.section(collection: c.collection, captions: c.captions, indices: splits[k].indices(.test),
                                          head: head, words: words, nameQueries: c.evaluatesNames, averaging: viewAveraging,
                                          transfer: transfer.map { ($0, memory(k)) })
        }
        return EvaluationReport(title: title, sections: sections)
    }
}
