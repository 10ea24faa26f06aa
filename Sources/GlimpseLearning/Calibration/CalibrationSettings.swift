/// What a calibration run trains and reports (`glimpse calibrate`'s options).
///
/// The optional fields are the ones a run's setup label names when they are given;
/// nil means the default, which the comment beside each gives.
public struct CalibrationSettings: Sendable {
    /// How a collection is split for training and testing.
    public enum SplitProtocol: String, Sendable, CaseIterable {
        /// Train on half, test on the other half: the published baselines' protocol.
        case halves
        /// 70/10/20 with near-copies kept on one side, as `glimpse build` splits.
        case own
    }

    /// Whether one head serves both collections or each has its own.
    public enum HeadGrouping: String, Sendable, CaseIterable {
        case joint, domain
    }

    /// The protocols `own`, `halves` or `both` names (halves first, as rows are reported);
    /// nil for any other name.
    public static func protocols(named name: String) -> [SplitProtocol]? {
        name == "both" ? [.halves, .own] : SplitProtocol(rawValue: name).map { [$0] }
    }

    /// The groupings `joint`, `domain` or `both` names (joint first); nil for any other name.
    public static func headGroupings(named name: String) -> [HeadGrouping]? {
        name == "both" ? [.joint, .domain] : HeadGrouping(rawValue: name).map { [$0] }
    }

    public var protocols: [SplitProtocol] = [.halves, .own]
    public var headGroupings: [HeadGrouping] = [.joint]
    /// Method names (`Calibration.methodNames`), each trained and reported.
    public var methods: [String] = ["ridge", "mlp"]
    public var captionSource: Captions.Source = .tags
    /// The emoji collection's caption source (default: `captionSource`).
    public var emojiCaptionSource: Captions.Source?
    /// One more row per --knn setting whose transfer reads emoji captions from this source.
    public var transferCaptionEmoji: Captions.Source?
    /// Print every query's numbers after each row.
    public var verbose = false
    /// Print the training log of every head (standard error).
    public var log = false
    /// Print test metrics per epoch beside the validation score (standard error).
    public var diagnose = false
    /// OpenBLAS threads outside training.
    public var threads = 2

    /// Feature cache suffix of the collections (`-fit`: the fit framing); default none.
    public var suffix: String?
    /// Extra views: cache suffixes, `crop` meaning the plain centre-crop cache; default none.
    public var views: [String]?
    /// How views are combined at test time; default `.outputs`.
    public var testTimeAveraging: ViewAveraging?
    /// Whether training draws a view per image per epoch; default true.
    public var trainViews: Bool?
    public var temperature: Float?          // 0.1
    public var softWeight: Float?           // soft InfoNCE when > 0
    public var softTemperature: Float?      // 0.1
    public var inputDropout: Float?
    public var dropout: Float?
    /// Caption transfer settings, `K:T:W[:similarity]` separated by `;`: trained with the first, each reported.
    public var knn: String?
    /// Whether evaluation's transfer reads the validation images too; default true.
    public var transferFromValidation: Bool?
    public var weightDecay: Float?
    public var learningRate: Float?
    public var hidden: Int?
    public var batch: Int?
    public var epochs: Int?                 // 80
    public var patience: Int?               // 10
    public var minimumEpochs: Int?          // 15
    public var seed: UInt64?                // 1

    public init() {}

    var effectiveSeed: UInt64 { seed ?? 1 }
    var effectiveEmojiCaptionSource: Captions.Source { emojiCaptionSource ?? captionSource }

    /// `tags`, or `oc tags, emoji tags+title` when the two collections differ.
    var captionLabel: String {
        captionSource == effectiveEmojiCaptionSource ? captionSource.rawValue
            : "oc \(captionSource.rawValue), emoji \(effectiveEmojiCaptionSource.rawValue)"
    }

    /// The settings given, as `name=value` in a fixed order (the rows' setup column).
    var setupLabel: String {
        let given: [(String, String?)] = [
            ("suffix", suffix), ("views", views?.joined(separator: ",")), ("tta", testTimeAveraging?.rawValue),
            ("train-views", trainViews.map { $0 ? "yes" : "no" }), ("temperature", temperature.map { "\($0)" }),
            ("soft-weight", softWeight.map { "\($0)" }), ("soft-temperature", softTemperature.map { "\($0)" }),
            ("input-dropout", inputDropout.map { "\($0)" }), ("dropout", dropout.map { "\($0)" }), ("knn", knn),
            ("memory", transferFromValidation.map { $0 ? "train+validation" : "train" }),
            ("wd", weightDecay.map { "\($0)" }), ("lr", learningRate.map { "\($0)" }), ("hidden", hidden.map { "\($0)" }),
            ("batch", batch.map { "\($0)" }), ("epochs", epochs.map { "\($0)" }), ("min-epochs", minimumEpochs.map { "\($0)" }),
            ("seed", seed.map { "\($0)" }),
        ]
        return given.compactMap { name, value in value.map { "\(name)=\($0)" } }.joined(separator: " ")
    }

    /// The caption transfers --knn names, in order.
    var transfers: [NeighbourTransfer] {
        (knn ?? "").split(separator: ";").compactMap { NeighbourTransfer(String($0)) }
    }
}
