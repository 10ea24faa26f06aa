// glimpse-features: the vision stage on its own, for set-up scripts and checks.
//
//   glimpse-features demo                                  encode openclipart + emoji into the cache
//   glimpse-features collection CAPTIONS [IMAGE_DIR] [NAME] encode a user's collection
//   glimpse-features embed FILE...                         top ImageNet classes of image files
//   glimpse-features dump OUT_DIR FILE...                  tensors, features, logits as .npy (for
//                                                          Scripts/check_onnx_agreement.py)
import Foundation
import GlimpseCore
import GlimpseVision

func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data("glimpse-features: \(message)\n".utf8))
    exit(code)
}

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: glimpse-features demo | collection CAPTIONS [IMAGE_DIR] [NAME] | embed FILE... | dump OUT_DIR FILE..."
guard let command = arguments.first else { fail(usage, code: 64) }

do {
    let cache = GlimpseCache()
    switch command {
    case "demo", "collection":
        let collections: [CaptionTable]
        if command == "demo" {
            collections = try FeatureExtraction.demoCollections(cache: cache)
        } else {
            guard arguments.count >= 2 else { fail(usage, code: 64) }
            collections = [try CaptionTable.read(captions: arguments[1], images: arguments.count > 2 ? arguments[2] : nil,
                                                 name: arguments.count > 3 ? arguments[3] : nil)]
        }
        // GLIMPSE_FRAMING=fit letterboxes instead of cropping; GLIMPSE_VIEWS=flip,zoom0.85 adds
        // views (ImageView); each framing and view is cached under its own name (cacheSuffix).
        let environment = ProcessInfo.processInfo.environment
        let base = environment["GLIMPSE_FRAMING"] == "fit" ? ImagePreprocessor.efficientNetLiteFit : ImagePreprocessor.efficientNetLite
        let views = try (environment["GLIMPSE_VIEWS"] ?? "identity").split(separator: ",").map { text in
            guard let view = ImageView(String(text)) else { fail("unknown view '\(text)' in GLIMPSE_VIEWS", code: 64) }
            return view
        }
        for view in views {
        for var collection in collections {
            let framing = base.with(view: view)
            collection.name += framing.cacheSuffix
            let report = try FeatureExtraction.run(collection: collection, cache: cache, preprocessor: framing,
                                                   progress: ProgressBar.onTerminal(label: collection.name))
            print(report)
            for failure in report.failures.prefix(10) { print("  skipped \(failure)") }
        }
        }
    case "embed":
        let encoder = try ImageEncoder(cache: cache)
        let labels = (try? String(contentsOfFile: cache.imageNetLabels, encoding: .utf8))?
            .split(separator: "\n").dropFirst().map { $0.split(separator: "\t").last.map(String.init) ?? "" } ?? []
        for file in arguments.dropFirst() {
            let clock = ContinuousClock.now
            let (features, logits) = try encoder.embedFile(file)
            let time = ContinuousClock.now - clock
            let top = logits.indices.sorted { logits[$0] > logits[$1] }.prefix(3)
            let maximum = logits.max()!
            let total = logits.reduce(0) { $0 + exp($1 - maximum) }
            let names = top.map { (labels.indices.contains($0) ? labels[$0] : "#\($0)") + String(format: " %.2f", exp(logits[$0] - maximum) / total) }
            print("\(file): \(names.joined(separator: ", ")); |features| \(String(format: "%.3f", sqrt(features.reduce(0) { $0 + $1 * $1 }))); \(time)")
        }
    case "dump":
        guard arguments.count >= 3 else { fail(usage, code: 64) }
        let encoder = try ImageEncoder(cache: cache)
        let files = Array(arguments.dropFirst(2))
        var tensors: [Float] = []
        for file in files { tensors += try encoder.preprocessor.tensor(path: file) }
        let encoded = try encoder.encode(tensors: tensors, count: files.count)
        try FileManager.default.createDirectory(atPath: arguments[1], withIntermediateDirectories: true)
        try NumpyArrayWriter.write(tensors, rows: files.count, columns: encoder.preprocessor.tensorCount, to: arguments[1] + "/tensors.npy")
        try NumpyArrayWriter.write(encoded.features, rows: files.count, columns: ImageEncoder.featureCount, to: arguments[1] + "/features.npy")
        try NumpyArrayWriter.write(encoded.logits, rows: files.count, columns: ImageEncoder.classCount, to: arguments[1] + "/logits.npy")
        print("wrote \(files.count) images to \(arguments[1]) (ONNX Runtime \(encoder.runtimeVersion))")
    case "bench":
        // Where the time goes: decoding alone (1 and N workers), then the model alone.
        let encoder = try ImageEncoder(cache: cache)
        let files = Array(arguments.dropFirst())
        var clock = ContinuousClock.now
        for file in files { _ = try? encoder.preprocessor.tensor(path: file) }
        let serial = ContinuousClock.now - clock
        clock = ContinuousClock.now
        let decoded = encoder.preprocess(paths: files)
        let parallel = ContinuousClock.now - clock
        let tensors = decoded.compactMap { try? $0.get() }
        let batch = Array(tensors.prefix(32).joined())
        _ = try encoder.encode(tensors: batch, count: batch.count / encoder.preprocessor.tensorCount)
        clock = ContinuousClock.now
        for _ in 0..<3 { _ = try encoder.encode(tensors: batch, count: batch.count / encoder.preprocessor.tensorCount) }
        let model = (ContinuousClock.now - clock) / 3
        print("\(files.count) files: decode \(serial / files.count) each on 1 thread, \(parallel / files.count) each on \(encoder.decoders); model \(model / (batch.count / encoder.preprocessor.tensorCount)) per image in a batch of \(batch.count / encoder.preprocessor.tensorCount)")
    default:
        fail(usage, code: 64)
    }
} catch {
    fail("\(error)", code: 70)
}
