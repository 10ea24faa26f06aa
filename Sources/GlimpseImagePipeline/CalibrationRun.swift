import GlimpseCore
import GlimpseLearning

/// One `glimpse calibrate` run (docs/learning.md): the settings, the ones given as option
/// text read here, and what to do with the trained heads: save the last one, report the photos.
public struct CalibrationRun {
    public var files: CalibrationFiles
    public var settings: CalibrationSettings
    /// Where to write the last trained head.
    public var saveHead: String?
    /// The feature cache folder whose `photos` collection gets the photo report.
    public var photos: String?
    /// The photo report's zero-shot weights.
    public var photoWeights: [Float]

    /// `settings` with the options given as text: `protocols` own, halves or both; `heads`
    /// joint, domain or both; `methods` names (`Calibration.methodNames`) separated by commas;
    /// `trainViews` yes or no; `memory` train or train+validation; `views` cache suffixes
    /// separated by commas; `photoWeights` numbers separated by commas. Checked in that
    /// order (`views` takes any text); the first that does not read is thrown.
    public init(files: CalibrationFiles, settings: CalibrationSettings, protocols: String, heads: String, methods: String,
                trainViews: String?, memory: String?, views: String?, saveHead: String?, photos: String?,
                photoWeights: String) throws(OptionError) {
        var settings = settings
        guard let protocols = CalibrationSettings.protocols(named: protocols) else { throw OptionError("--protocol takes own, halves or both") }
        guard let heads = CalibrationSettings.headGroupings(named: heads) else { throw OptionError("--heads takes joint, domain or both") }
        settings.protocols = protocols
        settings.headGroupings = heads
        settings.methods = methods.split(separator: ",").map(String.init)
        if let unknown = settings.methods.first(where: { !Calibration.methodNames.contains($0) }) {
            throw OptionError("unknown method \(unknown)")
        }
        if let trainViews, !["yes", "no"].contains(trainViews) { throw OptionError("--train-views takes yes or no") }
        if let memory, !["train", "train+validation"].contains(memory) { throw OptionError("--memory takes train or train+validation") }
        settings.trainViews = trainViews.map { $0 == "yes" }
        settings.transferFromValidation = memory.map { $0 != "train" }
        settings.views = views.map { $0.split(separator: ",").map(String.init) }
        guard let weights = try? CommaSeparatedList.parse(photoWeights, item: { Float($0) }) else {
            throw OptionError("--photo-weights takes comma-separated numbers")
        }
        (self.files, self.settings, self.saveHead, self.photos, self.photoWeights) = (files, settings, saveHead, photos, weights)
    }

    /// Loads the files, trains and reports every row (`Calibration.run`), then writes the last
    /// head to `saveHead` and reports the photos, when given. `output` gets the rows, `log` the notes.
    public func run(output: (String) -> Void, log: @escaping (String) -> Void) throws {
        let (calibration, allWords) = try files.calibration(settings, log: log)
        let trained = try calibration.run(output: output, log: log)
        if let saveHead, let head = trained.last {
            try AtomicFile.write(head.encode(), to: saveHead)
            log("wrote \(saveHead) (\(head.encode().count) bytes)")
        }
        if let photos {
            try files.photoReport(trained, of: calibration, allWords: allWords, photos: photos, weights: photoWeights, output: output)
        }
    }
}
