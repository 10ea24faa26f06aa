import Foundation

/// Calibration runs (docs/learning.md): heads trained on the openclipart and emoji
/// collections under both split protocols, one TSV row of held-out metrics per protocol,
/// grouping and method.
///
/// Reads no files: the caller gives the collections (from the feature cache) and the
/// word vectors, and receives the rows (`output`) and progress notes (`log`).
public struct Calibration {
    public var settings: CalibrationSettings
    public var words: WordVectors
    /// openclipart first, then emoji (their names start so), with their caption targets.
    public var collections: [LabelledCollection]

    /// The heads a run trained, for `--save-head` and the photo report.
    public struct TrainedHeads {
        /// The head trained last.
        public var last: ProjectionHead?
        /// Every head whose training included openclipart, labelled `protocol grouping method`.
        public var photoHeads: [(label: String, head: ProjectionHead)] = []
    }

    /// The header of `run`'s rows.
    public static let header = "protocol\thead\tmethod\tsetup\toc mAP\toc P@10\toc queries\temoji R@1\temoji R@5\temoji R@10\temoji names\tseconds\tvalidation\tnote"

    public init(collections: [ImageCollection], words: WordVectors, settings: CalibrationSettings) {
        self.settings = settings
        self.words = words
        self.collections = collections.map { c in
            let emoji = c.name.hasPrefix("emoji")
            return LabelledCollection(
                collection: c, captions: Captions(collection: c, source: emoji ? settings.effectiveEmojiCaptionSource : settings.captionSource, words: words),
                evaluatesNames: emoji)
        }
    }

    /// The words a run needs: every tag (whole and as tokens) and title token of `collections`.
    public static func vocabulary(of collections: [ImageCollection]) -> Set<String> {
        var keep = Set<String>()
        for c in collections {
            for i in 0..<c.count {
                for tag in c.tags[i] { keep.insert(tag.lowercased()); keep.formUnion(WordVectors.tokens(tag)) }
                keep.formUnion(WordVectors.tokens(c.titles[i]))
            }
        }
        return keep
    }

    /// The method names `method(named:)` knows.
    public static let methodNames = ["ridge", "ridge-p", "linear", "mlp", "mlp-f", "mlp-wide", "mlp-d3", "mlp-wd", "mlp-ens3", "mlp-ens2",
                                     "mlp-ens5", "mlp-f-ens3", "mlp-words", "mlp-words-only", "triplet"]

    /// The head method a name stands for, with the settings' overrides; nil for an unknown name.
    public func method(named name: String) -> HeadMethod? {
        let seed = settings.effectiveSeed
        var c = InfoNCETrainer.Configuration()
        c.seed = seed
        c.maxEpochs = settings.epochs ?? 80
        c.patience = settings.patience ?? 10
        c.minimumEpochs = settings.minimumEpochs ?? 15
        c.sampleViews = settings.trainViews ?? true
        let temperature = settings.temperature ?? 0.1
        c.loss = .infoNCE(temperature: temperature)
        if let w = settings.softWeight, w > 0 {
            c.loss = .softInfoNCE(temperature: temperature, targetTemperature: settings.softTemperature ?? 0.1, weight: w)
        }
        if let p = settings.inputDropout { c.inputDropout = p }
        if let p = settings.dropout { c.dropout = p }
        if let x = settings.weightDecay { c.weightDecay = x }
        if let x = settings.learningRate { c.learningRate = x }
        if let x = settings.hidden { c.hiddenWidths = [x] }
        if let x = settings.batch { c.batchSize = x }
        let penalties: [Float] = [10, 100, 300, 1000, 3000, 10000, 30000]
        switch name {
        case "ridge": return .ridge(input: .features, penalties: penalties)
        case "ridge-p": return .ridge(input: .featuresAndProbabilities, penalties: penalties)
        case "linear": c.hiddenWidths = []; c.dropout = 0; return .contrastive(c)
        case "mlp": return .contrastive(c)
        case "mlp-f": c.input = .features; return .contrastive(c)
        case "mlp-wide": c.hiddenWidths = [1024]; return .contrastive(c)
        case "mlp-d3": c.dropout = 0.3; return .contrastive(c)
        case "mlp-wd": c.weightDecay = 0.1; return .contrastive(c)
        case "mlp-ens3": return .ensemble(c, seeds: [seed, seed + 1, seed + 2])
        case "mlp-ens2": return .ensemble(c, seeds: [seed, seed + 1])
        case "mlp-ens5": return .ensemble(c, seeds: (0..<5).map { seed + $0 })
        case "mlp-f-ens3": c.input = .features; return .ensemble(c, seeds: [seed, seed + 1, seed + 2])
        case "mlp-words": c.wordLossWeight = 1; return .contrastive(c)
        case "mlp-words-only": c.wordLossWeight = 1; c.captionLossWeight = 0; return .contrastive(c)
        case "triplet": c.loss = .triplet(margin: 0.2, softBelow: 0.7); return .contrastive(c)
        default: return nil
        }
    }

    /// Trains and evaluates every protocol x grouping x method; `output` gets the header
    /// and one row each (more with several --knn settings), `log` the notes.
    public func run(output: (String) -> Void, log: @escaping (String) -> Void) throws -> TrainedHeads {
        LinearAlgebra.setThreadCount(settings.threads)
        let seed = settings.effectiveSeed
        for l in collections {
            let groups = DataSplit.nearCopyGroups(features: l.collection.features, threshold: 0.995)
            log("\(l.collection.name): \(l.captions.hasTarget.filter { $0 }.count) with a caption target, \(Set(groups).count) near-copy groups")
        }
        output(Self.header)
        var heads = TrainedHeads()
        let transfers = settings.transfers
        for proto in settings.protocols {
            let splits = collections.map { l -> DataSplit in
                proto == .halves
                    ? DataSplit.halves(count: l.collection.count, seed: seed, validationFraction: 0.1)
                    : DataSplit.make(features: l.collection.features, fractions: (0.7, 0.1, 0.2), seed: seed)
            }
            var experiment = Experiment(words: words, collections: collections, splits: splits)
            experiment.viewAveraging = settings.testTimeAveraging ?? .outputs
            // Several --knn settings: train with the first (validation includes it), report every one (extra rows).
            experiment.transfer = transfers.first
            experiment.transferFromValidation = settings.transferFromValidation ?? true
            for kind in settings.headGroupings {
                for name in settings.methods {
                    guard let m = method(named: name) else { throw LearningError.invalidArgument("unknown method \(name)") }
                    // Joint: one head over both collections; domain: one head per collection, each evaluated on its own.
                    let groups: [[Int]] = kind == .joint ? [[0, 1]] : [[0], [1]]
                    var sections: [EvaluationSection] = []
                    var extraSections: [Int: [EvaluationSection]] = [:]
                    var seconds = 0.0
                    var notes: [String] = []
                    var validation: [String] = []
                    for g in groups {
                        if settings.diagnose, case .contrastive(let c) = m { try diagnose(c, experiment: experiment, splits: splits, using: g, log: log) }
                        let trained = try experiment.train(m, using: g)
                        seconds += trained.seconds
                        validation.append(String(format: "%.4f", trained.validationScore))
                        notes.append(trained.head.summary)
                        if settings.log { trained.log.forEach { log("  [\(proto.rawValue) \(kind.rawValue) \(name) \(g)] \($0)") } }
                        let report = try experiment.evaluate(trained.head, title: "\(proto.rawValue) \(kind.rawValue) \(name)", using: g)
                        sections += report.sections
                        for (k, t) in transfers.enumerated().dropFirst() {
                            var other = experiment
                            other.transfer = t
                            extraSections[k, default: []] += try other.evaluate(trained.head, title: "", using: g).sections
                        }
                        if let source = settings.transferCaptionEmoji {
                            for (k, t) in transfers.enumerated() {
                                var other = experiment
                                other.transfer = t
                                for c in other.collections.indices where other.collections[c].evaluatesNames {
                                    other.collections[c].captions = Captions(collection: other.collections[c].collection, source: source, words: words)
                                }
                                extraSections[100 + k, default: []] += try other.evaluate(trained.head, title: "", using: g).sections
                            }
                        }
                        if settings.verbose { output(report.render(verbose: true)) }
                        heads.last = trained.head
                        if g.contains(0) { heads.photoHeads.append(("\(proto.rawValue) \(kind.rawValue) \(name)", trained.head)) }
                    }
                    for k in [0] + extraSections.keys.sorted() {
                        output(row(protocol: proto, kind: kind, method: name, sections: k == 0 ? sections : extraSections[k]!,
                                   transferVariant: k == 0 ? nil : (transfers[k % 100], k >= 100),
                                   seconds: seconds, validation: validation, notes: notes))
                    }
                }
            }
        }
        return heads
    }

    /// Test metrics per epoch beside the validation score: how good is early stopping?
    private func diagnose(_ configuration: InfoNCETrainer.Configuration, experiment: Experiment, splits: [DataSplit], using g: [Int],
                          log: @escaping (String) -> Void) throws {
        let data = TrainingSet(g.map { (collections[$0].collection, collections[$0].captions, splits[$0].indices(.train)) })
        _ = try InfoNCETrainer(configuration: configuration).train(data, validation: { head in
            let v = try experiment.validationScore(head, using: g)
            let r = try experiment.evaluate(head, title: "", using: g)
            log("  diagnose \(g): validation \(String(format: "%.4f", v)) test " + r.sections.map {
                "\($0.collection) mAP \(String(format: "%.3f", $0.meanAveragePrecision)) P@10 \(String(format: "%.3f", $0.precisionAt10)) R@10 \(String(format: "%.3f", $0.recall(at: 10)))"
            }.joined(separator: "; "))
            return v
        })
    }

    /// One output row; `transferVariant` names the --knn setting of an extra row and whether
    /// its emoji memory captions come from --transfer-caption-emoji.
    private func row(protocol proto: CalibrationSettings.SplitProtocol, kind: CalibrationSettings.HeadGrouping, method: String,
                     sections: [EvaluationSection], transferVariant: (NeighbourTransfer, Bool)?, seconds: Double,
                     validation: [String], notes: [String]) -> String {
        let oc = sections.first { $0.collection.hasPrefix("openclipart") }!
        let em = sections.first { $0.collection.hasPrefix("emoji") }!
        let f = { (x: Double) in String(format: "%.3f", x) }
        let setup = settings.setupLabel
        var label = setup.isEmpty ? settings.captionLabel : settings.captionLabel + " " + setup
        if let (t, emojiMemory) = transferVariant {
            label += " (evaluated with knn \(t.neighbours):\(t.temperature):\(t.weight):\(t.similarity)"
                + (emojiMemory ? ", emoji memory captions \(settings.transferCaptionEmoji!.rawValue))" : ")")
        }
        return [proto.rawValue, kind.rawValue, method, label, f(oc.meanAveragePrecision), f(oc.precisionAt10), "\(oc.tagQueries.count)",
                f(em.recall(at: 1)), f(em.recall(at: 5)), f(em.recall(at: 10)), "\(em.nameQueries.count)",
                String(format: "%.1f", seconds), validation.joined(separator: "/"), notes.joined(separator: " | ")].joined(separator: "\t")
    }
}
