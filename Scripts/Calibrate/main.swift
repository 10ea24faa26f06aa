// Calibration runs for GlimpseLearning: trains heads on the cached openclipart and
// emoji features and prints their held-out metrics under both protocols.
//
//   swift run -c release --scratch-path .build-train glimpse-calibrate \
//       [--cache DIR] [--glove FILE] [--protocol own|halves|both] [--methods a,b,...]
//       [--heads joint|domain|both] [--caption tags|tags+title] [--caption-emoji tags|tags+title]
//       [--seed N] [--epochs N] [--patience N] [--min-epochs N] [--verbose] [--log] [--diagnose]
//       [--save-head FILE]   (writes the last trained head's bytes)
//       [--suffix -fit]      (feature caches openclipart-fit, emoji-fit: the fit framing)
//       [--views crop,-fit-view-flip]   (extra views: caches <name><view>, "crop" = the plain centre-crop cache)
//       [--tta outputs|inputs|none] [--train-views yes|no]
//       [--temperature T] [--soft-weight W] [--soft-temperature T] [--input-dropout P] [--dropout P]
//       [--knn K:T:W[:similarity];...]   (caption transfer from the K nearest training images, NeighbourTransfer;
//                        several: train with the first, report each) [--memory train|train+validation]
//       [--wd X] [--lr X] [--hidden N] [--batch N]   (override every contrastive method's configuration)
//
// Methods: ridge, ridge-p, linear, mlp, mlp-f, mlp-wide, mlp-d3, mlp-wd, mlp-ens3, mlp-ens5, mlp-f-ens3, triplet
// (see `method(named:)`).
import Foundation
import GlimpseLearning

func parseArguments() -> ([String: String], Set<String>) {
    var options: [String: String] = [:]
    var flags = Set<String>()
    var argv = CommandLine.arguments.dropFirst()
    while let a = argv.popFirst() {
        guard a.hasPrefix("--") else { FileHandle.standardError.write("unexpected argument \(a)\n".data(using: .utf8)!); exit(64) }
        if ["--verbose", "--log", "--diagnose"].contains(a) { flags.insert(a) } else { options[a] = argv.popFirst() ?? "" }
    }
    return (options, flags)
}
let (options, flags) = parseArguments()
func emit(_ s: String) { FileHandle.standardOutput.write((s + "\n").data(using: .utf8)!) }
let env = ProcessInfo.processInfo.environment
let cache = options["--cache"] ?? ImageCollection.defaultCacheDirectory()
let glovePath = options["--glove"] ?? (cache as NSString).deletingLastPathComponent + "/glove.6B.50d.txt"
let seed = UInt64(options["--seed"] ?? "1") ?? 1
let captionSource = Captions.Source(rawValue: options["--caption"] ?? "tags") ?? .tags
let emojiCaptionSource = Captions.Source(rawValue: options["--caption-emoji"] ?? captionSource.rawValue) ?? captionSource
let captionLabel = captionSource == emojiCaptionSource ? captionSource.rawValue : "oc \(captionSource.rawValue), emoji \(emojiCaptionSource.rawValue)"
let setupLabel = ["--suffix", "--views", "--tta", "--train-views", "--temperature", "--soft-weight", "--soft-temperature",
                  "--input-dropout", "--dropout", "--knn", "--memory", "--wd", "--lr", "--hidden", "--batch", "--epochs", "--min-epochs", "--seed"]
    .compactMap { k in options[k].map { "\(k.dropFirst(2))=\($0)" } }.joined(separator: " ")
let protocols = (options["--protocol"] ?? "both") == "both" ? ["halves", "own"] : [options["--protocol"]!]
let headKinds = (options["--heads"] ?? "joint") == "both" ? ["joint", "domain"] : [options["--heads"] ?? "joint"]
let methodNames = (options["--methods"] ?? "ridge,mlp").split(separator: ",").map(String.init)
LinearAlgebra.setThreadCount(Int(env["GLIMPSE_THREADS"] ?? "2") ?? 2)

func log(_ s: String) { FileHandle.standardError.write((s + "\n").data(using: .utf8)!) }

func method(named name: String) -> HeadMethod? {
    var c = InfoNCETrainer.Configuration()
    c.seed = seed
    c.maxEpochs = Int(options["--epochs"] ?? "80") ?? 80
    c.patience = Int(options["--patience"] ?? "10") ?? 10
    c.minimumEpochs = Int(options["--min-epochs"] ?? "15") ?? 15
    c.sampleViews = (options["--train-views"] ?? "yes") == "yes"
    let temperature = Float(options["--temperature"] ?? "0.1") ?? 0.1
    c.loss = .infoNCE(temperature: temperature)
    if let w = options["--soft-weight"].flatMap(Float.init), w > 0 {
        c.loss = .softInfoNCE(temperature: temperature, targetTemperature: Float(options["--soft-temperature"] ?? "0.1") ?? 0.1, weight: w)
    }
    if let p = options["--input-dropout"].flatMap(Float.init) { c.inputDropout = p }
    if let p = options["--dropout"].flatMap(Float.init) { c.dropout = p }
    if let x = options["--wd"].flatMap(Float.init) { c.weightDecay = x }
    if let x = options["--lr"].flatMap(Float.init) { c.learningRate = x }
    if let x = options["--hidden"].flatMap(Int.init) { c.hiddenWidths = [x] }
    if let x = options["--batch"].flatMap(Int.init) { c.batchSize = x }
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

let t0 = Date()
let suffix = options["--suffix"] ?? ""
let viewNames = (options["--views"] ?? "").split(separator: ",").map(String.init)
let averaging = ViewAveraging(rawValue: options["--tta"] ?? "outputs") ?? .outputs
let raw = try ["openclipart", "emoji"].map { base in
    try ImageCollection.load(name: base + suffix, directory: cache)
        .loadingViews(viewNames.map { $0 == "crop" ? base : base + $0 }, directory: cache)
}
var keep = Set<String>()
for c in raw {
    for i in 0..<c.count {
        for tag in c.tags[i] { keep.insert(tag.lowercased()); keep.formUnion(WordVectors.tokens(tag)) }
        keep.formUnion(WordVectors.tokens(c.titles[i]))
    }
}
let words = try WordVectors.loadGloVe(path: glovePath, keeping: keep)
let labelled = raw.map { c in
    LabelledCollection(collection: c, captions: Captions(collection: c, source: c.name.hasPrefix("emoji") ? emojiCaptionSource : captionSource, words: words),
                       evaluatesNames: c.name.hasPrefix("emoji"))
}
log("loaded \(raw.map { "\($0.name) \($0.count)" }.joined(separator: ", ")), \(words.words.count) words in \(String(format: "%.1f", Date().timeIntervalSince(t0))) s")
for l in labelled {
    let groups = DataSplit.nearCopyGroups(features: l.collection.features, threshold: 0.995)
    log("\(l.collection.name): \(l.captions.hasTarget.filter { $0 }.count) with a caption target, \(Set(groups).count) near-copy groups")
}

emit("protocol\thead\tmethod\tsetup\toc mAP\toc P@10\toc queries\temoji R@1\temoji R@5\temoji R@10\temoji names\tseconds\tvalidation\tnote")
var lastHead: ProjectionHead? = nil
var photoHeads: [(String, ProjectionHead)] = []
for proto in protocols {
    let splits = labelled.map { l -> DataSplit in
        proto == "halves"
            ? DataSplit.halves(count: l.collection.count, seed: seed, validationFraction: 0.1)
            : DataSplit.make(features: l.collection.features, fractions: (0.7, 0.1, 0.2), seed: seed)
    }
    var experiment = Experiment(words: words, collections: labelled, splits: splits)
    experiment.viewAveraging = averaging
    // --knn A;B;C trains with A (validation includes it) and reports every setting (extra rows).
    let transfers = (options["--knn"] ?? "").split(separator: ";").compactMap { NeighbourTransfer(String($0)) }
    experiment.transfer = transfers.first
    experiment.transferFromValidation = (options["--memory"] ?? "train+validation") != "train"
    for kind in headKinds {
        for name in methodNames {
            guard let m = method(named: name) else { log("unknown method \(name)"); exit(64) }
            // Joint: one head over both collections; domain: one head per collection, each evaluated on its own.
            let groups: [[Int]] = kind == "joint" ? [[0, 1]] : [[0], [1]]
            var sections: [EvaluationSection] = []
            var extraSections: [Int: [EvaluationSection]] = [:]
            var seconds = 0.0
            var notes: [String] = []
            var validation: [String] = []
            for g in groups {
                if flags.contains("--diagnose"), case .contrastive(let c) = m {
                    // Test metrics per epoch beside the validation score: how good is early stopping?
                    let data = TrainingSet(g.map { (labelled[$0].collection, labelled[$0].captions, splits[$0].indices(.train)) })
                    _ = try InfoNCETrainer(configuration: c).train(data, validation: { head in
                        let v = try experiment.validationScore(head, using: g)
                        let r = try experiment.evaluate(head, title: "", using: g)
                        log("  diagnose \(g): validation \(String(format: "%.4f", v)) test " + r.sections.map {
                            "\($0.collection) mAP \(String(format: "%.3f", $0.meanAveragePrecision)) P@10 \(String(format: "%.3f", $0.precisionAt10)) R@10 \(String(format: "%.3f", $0.recall(at: 10)))"
                        }.joined(separator: "; "))
                        return v
                    })
                }
                let trained = try experiment.train(m, using: g)
                seconds += trained.seconds
                validation.append(String(format: "%.4f", trained.validationScore))
                notes.append(trained.head.summary)
                if flags.contains("--log") { trained.log.forEach { log("  [\(proto) \(kind) \(name) \(g)] \($0)") } }
                let report = try experiment.evaluate(trained.head, title: "\(proto) \(kind) \(name)", using: g)
                sections += report.sections
                for (k, t) in transfers.enumerated().dropFirst() {
                    var other = experiment
                    other.transfer = t
                    extraSections[k, default: []] += try other.evaluate(trained.head, title: "", using: g).sections
                }
                // --transfer-caption-emoji SRC: one more row per setting whose transfer reads emoji captions from SRC.
                if let src = options["--transfer-caption-emoji"].flatMap(Captions.Source.init(rawValue:)) {
                    for (k, t) in transfers.enumerated() {
                        var other = experiment
                        other.transfer = t
                        for c in other.collections.indices where other.collections[c].evaluatesNames {
                            other.collections[c].captions = Captions(collection: other.collections[c].collection, source: src, words: words)
                        }
                        extraSections[100 + k, default: []] += try other.evaluate(trained.head, title: "", using: g).sections
                    }
                }
                if flags.contains("--verbose") { emit(report.render(verbose: true)) }
                lastHead = trained.head
                if g.contains(0) { photoHeads.append(("\(proto) \(kind) \(name)", trained.head)) }
            }
            for k in [0] + extraSections.keys.sorted() {
            let all = k == 0 ? sections : extraSections[k]!
            let oc = all.first { $0.collection.hasPrefix("openclipart") }!
            let em = all.first { $0.collection.hasPrefix("emoji") }!
            let f = { (x: Double) in String(format: "%.3f", x) }
            let t = transfers[k % 100]
            let label = (setupLabel.isEmpty ? captionLabel : captionLabel + " " + setupLabel)
                + (k == 0 ? "" : " (evaluated with knn \(t.neighbours):\(t.temperature):\(t.weight):\(t.similarity)"
                   + (k >= 100 ? ", emoji memory captions \(options["--transfer-caption-emoji"]!))" : ")"))
            emit([proto, kind, name, label, f(oc.meanAveragePrecision), f(oc.precisionAt10), "\(oc.tagQueries.count)",
                   f(em.recall(at: 1)), f(em.recall(at: 5)), f(em.recall(at: 10)), "\(em.nameQueries.count)",
                   String(format: "%.1f", seconds), validation.joined(separator: "/"), notes.joined(separator: " | ")].joined(separator: "\t"))
            }
        }
    }
}
if let path = options["--save-head"], let head = lastHead {
    try Data(head.encode()).write(to: URL(fileURLWithPath: path))
    log("wrote \(path) (\(head.encode().count) bytes)")
}

// Nearest words of photos (outside the training domain): the head, the zero-shot
// ImageNet signal and their mixes, among the 20,000 most frequent alphabetic GloVe words.
if let dir = options["--photos"] {
    let photos = try ImageCollection.load(name: "photos", directory: dir)
    let all = try WordVectors.loadGloVe(path: glovePath)
    let candidates = all.words.indices.filter { i in
        let w = all.words[i]
        return w.count >= 3 && w.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }.prefix(20_000).map { $0 }
    let vocabulary = all.vectors.gathering(rows: candidates)
    let labelsPath = (cache as NSString).deletingLastPathComponent + "/imagenet1k_labels.tsv"
    let labelLines = try String(contentsOfFile: labelsPath, encoding: .utf8).split(separator: "\n").dropFirst()
    let classNames = labelLines.map { String($0.split(separator: "\t").last ?? "") }
    let zeroShot = ZeroShotEmbedding(classNames: classNames, words: all).embed(logits: photos.logits!)
    let weights = (options["--photo-weights"] ?? "0,0.5,1").split(separator: ",").compactMap { Float(String($0)) }
    // The same mixes on held-out openclipart images (own split): what the zero-shot share costs in domain.
    let clipartZeroShot = ZeroShotEmbedding(classNames: classNames, words: all)
    let testSplit = DataSplit.make(features: labelled[0].collection.features, fractions: (0.7, 0.1, 0.2), seed: seed)
    let kept = testSplit.indices(.test).filter { labelled[0].captions.hasTarget[$0] }
    let testImages = labelled[0].collection.subset(kept)
    for (label, head) in photoHeads where label.hasPrefix("own") {
        let h = try head.project(features: testImages.features, logits: testImages.logits)
        let z = clipartZeroShot.embed(logits: testImages.logits!)
        for w in weights {
            let rows = Evaluation.tagQueries(embeddings: ZeroShotEmbedding.mix(head: h, zeroShot: z, weight: w),
                                             queryWords: kept.map { labelled[0].captions.queryWords[$0] }, words: words)
            let section = EvaluationSection(collection: "openclipart", candidates: kept.count, tagQueries: rows, nameQueries: [])
            emit("\(label), zero-shot weight \(w): openclipart test mAP \(String(format: "%.3f", section.meanAveragePrecision)) P@10 \(String(format: "%.3f", section.precisionAt10))")
        }
    }
    for (label, head) in photoHeads {
        let projected = try head.project(features: photos.features, logits: photos.logits)
        let clipart = labelled[0].collection
        let stored = try head.project(features: clipart.features, logits: clipart.logits)
        for w in weights {
            let v = ZeroShotEmbedding.mix(head: projected, zeroShot: zeroShot, weight: w)
            let scores = LinearAlgebra.product(v, vocabulary, transposeB: true)
            emit("\n\(label), zero-shot weight \(w):")
            let imageScores = LinearAlgebra.product(v, stored, transposeB: true)
            for i in 0..<photos.count {
                let top = RetrievalMetrics.ranking(scores.row(i)).prefix(10).map { all.words[candidates[$0]] }
                emit("  \(photos.titles[i]): \(top.joined(separator: " "))")
                let images = RetrievalMetrics.ranking(imageScores.row(i)).prefix(5).map { clipart.titles[$0] }
                emit("    nearest openclipart: \(images.joined(separator: " | "))")
            }
        }
    }
}
