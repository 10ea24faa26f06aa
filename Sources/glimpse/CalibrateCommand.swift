import ArgumentParser
import GlimpseCore
import GlimpseImagePipeline
import GlimpseLearning
import GlimpseShell

/// `glimpse calibrate`: the calibration runs of docs/learning.md (not in the main help).
struct CalibrateCommand: GlimpseTask {
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

    func validate() throws { do { _ = try calibration() } catch { throw ValidationError(error.message) } }

    func calibration() throws(OptionError) -> CalibrationRun {
        var s = CalibrationSettings()
        (s.captionSource, s.emojiCaptionSource, s.transferCaptionEmoji) = (caption, captionEmoji, transferCaptionEmoji)
        (s.verbose, s.log, s.diagnose, s.threads, s.suffix, s.testTimeAveraging) = (verbose, log, diagnose, threads, suffix, tta)
        (s.temperature, s.softWeight, s.softTemperature, s.inputDropout, s.dropout) = (temperature, softWeight, softTemperature, inputDropout, dropout)
        (s.knn, s.weightDecay, s.learningRate, s.hidden, s.batch) = (knn, weightDecay, learningRate, hidden, batch)
        (s.epochs, s.patience, s.minimumEpochs, s.seed) = (epochs, patience, minEpochs, seed)
        return try CalibrationRun(
            files: CalibrationFiles(features: cache, glove: glove), settings: s, protocols: splitProtocol, heads: heads, methods: methods,
            trainViews: trainViews, memory: memory, views: views, saveHead: saveHead, photos: photos, photoWeights: photoWeights)
    }

    func perform() throws {
        try calibration().run(output: { Console.write($0 + "\n") }, log: { Console.writeError($0 + "\n") })
    }
}

extension Captions.Source: ExpressibleByArgument {}
extension ViewAveraging: ExpressibleByArgument {}
