import ArgumentParser
import GlimpseCore
import GlimpseImagePipeline
import GlimpseLearning
import GlimpseShell

/// `glimpse calibrate`: the calibration runs of docs/learning.md (not in the main help).
struct CalibrateCommand: GlimpseCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Train heads on the cached openclipart and emoji features and print their held-out metrics.",
        discussion: """
            One TSV row per protocol, head grouping and method (\(Calibration.methodNames.joined(separator: ", "))).
            The setup options given (from --suffix on) are named in each row. Write suffixes as --suffix=-fit.
            """,
        shouldDisplay: false)

    @Option(help: "The feature cache folder (default: the cache's features folder).") var cache: String?
    @Option(help: "GloVe text (default: glove.6B.50d.txt beside the feature cache folder).") var glove: String?
    @Option(name: .customLong("protocol"), help: "own, halves or both.") var splitProtocol = "both"
    @Option(help: "joint, domain or both.") var heads = "joint"
    @Option(help: "Methods, comma-separated.") var methods = "ridge,mlp"
    @Option(help: "Caption targets.") var caption: Captions.Source = .tags
    @Option(help: "The emoji collection's caption targets (default: --caption).") var captionEmoji: Captions.Source?
    @Option(help: "Also report each --knn setting with emoji memory captions from this source.") var transferCaptionEmoji: Captions.Source?
    @Flag(help: "Print every query's numbers.") var verbose = false
    @Flag(help: "Print each head's training log.") var log = false
    @Flag(help: "Print test metrics per epoch beside the validation score.") var diagnose = false
    @Option(help: "Write the last trained head to this file.") var saveHead: String?
    @Option(help: "Report nearest words of the 'photos' cache in this folder.") var photos: String?
    @Option(help: "Zero-shot weights of the photo report, comma-separated.") var photoWeights = "0,0.5,1"
    @Option(help: "OpenBLAS threads outside training.") var threads = 2
    @Option(help: "Feature cache suffix of the collections (-fit: the fit framing).") var suffix: String?
    @Option(help: "Extra views: cache suffixes or crop (the centre-crop cache), comma-separated.") var views: String?
    @Option(help: "Test-time view averaging.") var tta: ViewAveraging?
    @Option(help: "Draw a view per image per epoch: yes or no.") var trainViews: String?
    @Option var temperature: Float?
    @Option var softWeight: Float?
    @Option var softTemperature: Float?
    @Option var inputDropout: Float?
    @Option var dropout: Float?
    @Option(help: "Caption transfer K:T:W[:similarity]; several separated by ';' (trained with the first).") var knn: String?
    @Option(help: "The transfer's memory: train or train+validation.") var memory: String?
    @Option(name: .customLong("wd")) var weightDecay: Float?
    @Option(name: .customLong("lr")) var learningRate: Float?
    @Option var hidden: Int?
    @Option var batch: Int?
    @Option var epochs: Int?
    @Option var patience: Int?
    @Option var minEpochs: Int?
    @Option var seed: UInt64?

    func validate() throws {
        guard CalibrationSettings.protocols(named: splitProtocol) != nil else { throw ValidationError("--protocol takes own, halves or both") }
        guard CalibrationSettings.headGroupings(named: heads) != nil else { throw ValidationError("--heads takes joint, domain or both") }
        for name in methods.split(separator: ",") where !Calibration.methodNames.contains(String(name)) {
            throw ValidationError("unknown method \(name)")
        }
        if let trainViews, !["yes", "no"].contains(trainViews) { throw ValidationError("--train-views takes yes or no") }
        if let memory, !["train", "train+validation"].contains(memory) { throw ValidationError("--memory takes train or train+validation") }
        guard (try? CommaSeparatedList.parse(photoWeights) { Float($0) }) != nil else {
            throw ValidationError("--photo-weights takes comma-separated numbers")
        }
    }

    var settings: CalibrationSettings {
        var s = CalibrationSettings()
        s.protocols = CalibrationSettings.protocols(named: splitProtocol) ?? []
        s.headGroupings = CalibrationSettings.headGroupings(named: heads) ?? []
        s.methods = methods.split(separator: ",").map(String.init)
        (s.captionSource, s.emojiCaptionSource, s.transferCaptionEmoji) = (caption, captionEmoji, transferCaptionEmoji)
        (s.verbose, s.log, s.diagnose, s.threads) = (verbose, log, diagnose, threads)
        (s.suffix, s.views, s.testTimeAveraging) = (suffix, views.map { $0.split(separator: ",").map(String.init) }, tta)
        (s.trainViews, s.temperature, s.softWeight, s.softTemperature) = (trainViews.map { $0 == "yes" }, temperature, softWeight, softTemperature)
        (s.inputDropout, s.dropout, s.knn, s.transferFromValidation) = (inputDropout, dropout, knn, memory.map { $0 != "train" })
        (s.weightDecay, s.learningRate, s.hidden, s.batch) = (weightDecay, learningRate, hidden, batch)
        (s.epochs, s.patience, s.minimumEpochs, s.seed) = (epochs, patience, minEpochs, seed)
        return s
    }

    func execute() throws -> ExitStatus {
        let output = { (line: String) in Console.write(line + "\n") }
        let log = { (line: String) in Console.writeError(line + "\n") }
        let files = CalibrationFiles(features: cache, glove: glove)
        let (calibration, allWords) = try files.calibration(settings, log: log)
        let trained = try calibration.run(output: output, log: log)
        if let saveHead, let head = trained.last {
            try AtomicFile.write(head.encode(), to: saveHead)
            log("wrote \(saveHead) (\(head.encode().count) bytes)")
        }
        if let photos {
            let weights = try CommaSeparatedList.parse(photoWeights) { Float($0) }
            try files.photoReport(trained, of: calibration, allWords: allWords, photos: photos, weights: weights, output: output)
        }
        return .success
    }
}

extension Captions.Source: ExpressibleByArgument {}
extension ViewAveraging: ExpressibleByArgument {}
