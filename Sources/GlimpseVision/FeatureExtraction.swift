import Foundation
import GlimpseCore

/// What one feature extraction did: counts, failures, time.
public struct ExtractionReport: Sendable, CustomStringConvertible {
    /// The collection's name.
    public var name: String
    /// Rows in the cache now (images that decoded).
    public var images: Int
    /// Images encoded by this run.
    public var encoded: Int
    /// Images whose cached features were still valid.
    public var reused: Int
    /// Images left out, with the reason (missing, empty, truncated, not an image, ...).
    public var failures: [ImageError]
    /// Wall-clock seconds spent decoding and encoding.
    public var seconds: Double
    /// Whether the cache files were rewritten (false: they were already up to date).
    public var wroteCache: Bool
    /// The cache files of the collection.
    public var featuresFile: String, logitsFile: String, tableFile: String

    /// Encoding throughput of this run, when it encoded anything.
    public var imagesPerSecond: Double? { encoded > 0 && seconds > 0 ? Double(encoded) / seconds : nil }

    public var description: String {
        var text = "\(name): \(images) images"
        if let rate = imagesPerSecond {
            text += String(format: ", %d encoded in %.1f s (%.1f images/s)", encoded, seconds, rate)
        }
        if reused > 0 { text += ", \(reused) from the cache" }
        if !failures.isEmpty { text += ", \(failures.count) skipped" }
        return text + (wroteCache ? " -> \(featuresFile)" : " (cache up to date)")
    }
}

/// Encodes image collections into the feature cache, re-encoding only what changed.
public enum FeatureExtraction {
    /// Images per ONNX Runtime call: big enough to keep both cores busy, small enough
    /// for a lively progress bar (32 x 602 KB of input).
    public static let defaultBatchSize = 32

    /// Images encoded between two writes of the cache, so that an interrupted run loses at most
    /// these: a rewrite of 5,000 cached images costs about 0.2 s, a batch of 32 about 2 s to encode.
    public static let flushInterval = 512

    /// Names of the demo collections that Scripts/fetch-assets.sh prepares.
    public static let demoNames = ["openclipart", "emoji"]

    /// The demo collections (openclipart, emoji) from the cache's caption TSVs.
    public static func demoCollections(cache: GlimpseCache = GlimpseCache()) throws(ImportError) -> [ImageFileCollection] {
        try demoNames.map { (name) throws(ImportError) in
            let captions = cache.root + "/" + name + ".tsv"
            guard FileManager.default.fileExists(atPath: captions) else {
                throw ImportError(path: captions, message: "missing: run Scripts/fetch-assets.sh to fetch the demo images")
            }
            return try ImageFileCollection.read(captions: captions, name: name)
        }
    }

    /// Brings the cached features of `collection` up to date and returns what was done.
    ///
    /// The model and ONNX Runtime are found through `cache`; the runtime is loaded
    /// only when some image needs encoding, so a warm cache works without it.
    public static func run(collection: ImageFileCollection, cache: GlimpseCache = GlimpseCache(),
                           preprocessor: ImagePreprocessor = .efficientNetLite,
                           progress: (any ProgressReporter)? = nil, batchSize: Int = defaultBatchSize) throws -> ExtractionReport {
        let modelPath = try cache.imageModel()
        return try run(collection: collection, modelPath: modelPath, modelSHA256: try FileDigest.sha256(path: modelPath),
                       preprocessor: preprocessor,
                       makeEncoder: { try ImageEncoder(modelPath: modelPath, cache: cache, preprocessor: preprocessor) },
                       featureCache: FeatureCache(cache: cache), progress: progress, batchSize: batchSize)
    }

    /// Brings the cached features of every collection up to date in every view of `framing`,
    /// each cached under the collection's name plus the view's `cacheSuffix`; `report` hears
    /// of each collection as it is done (views outermost).
    public static func run(collections: [ImageFileCollection], framing: ImagePreprocessor, views: [ImageView],
                           cache: GlimpseCache = GlimpseCache(), progress: (any ProgressReporter)? = nil,
                           report: (ExtractionReport) -> Void) throws {
        for view in views {
            for var collection in collections {
                let preprocessor = framing.with(view: view)
                collection.name += preprocessor.cacheSuffix
                report(try run(collection: collection, cache: cache, preprocessor: preprocessor, progress: progress))
            }
        }
    }

    /// Like `run(collection:cache:progress:batchSize:)`, with an encoder already loaded.
    public static func run(collection: ImageFileCollection, encoder: ImageEncoder, featureCache: FeatureCache,
                           progress: (any ProgressReporter)? = nil, batchSize: Int = defaultBatchSize) throws -> ExtractionReport {
        try run(collection: collection, modelPath: encoder.modelPath, modelSHA256: encoder.modelSHA256,
                preprocessor: encoder.preprocessor, makeEncoder: { encoder }, featureCache: featureCache, progress: progress, batchSize: batchSize)
    }

    static func run(collection: ImageFileCollection, modelPath: String, modelSHA256: String, preprocessor: ImagePreprocessor,
                    makeEncoder: () throws -> ImageEncoder, featureCache: FeatureCache, progress: (any ProgressReporter)?,
                    batchSize: Int) throws -> ExtractionReport {
        precondition(batchSize > 0)
        let preprocessing = preprocessor.identifier
        let previous = featureCache.previous(name: collection.name, modelSHA256: modelSHA256, preprocessing: preprocessing)
        var failures: [String: ImageError] = [:]
        var keys: [FeatureCache.FileKey?] = []
        var pending: [FeatureCache.FileKey] = []
        var pendingSet = Set<FeatureCache.FileKey>()
        let paths = collection.paths
        for path in paths {
            guard let key = FeatureCache.FileKey(path: path) else {
                failures[path] = ImageError(file: path, message: "no such file")
                keys.append(nil)
                continue
            }
            keys.append(key)
            if previous[key] == nil, pendingSet.insert(key).inserted { pending.append(key) }
        }

        var fresh: [FeatureCache.FileKey: (features: ArraySlice<Float>, logits: ArraySlice<Float>)] = [:]
        var reused = 0, storedRows = 0
        // The cache as it stands: the rows of the images encoded so far or still valid from before, each
        // named by its absolute path. Stored every `flushInterval` images too, so an interrupted run resumes.
        func storeCache() throws -> Bool {
            var images = ImageTable(extraColumns: collection.table.extraColumns, rows: [])
            var rowKeys: [FeatureCache.FileKey] = []
            var features: [Float] = [], logits: [Float] = []
            features.reserveCapacity(paths.count * ImageEncoder.featureCount)
            logits.reserveCapacity(paths.count * ImageEncoder.classCount)
            reused = 0
            for ((row, path), key) in zip(zip(collection.table.rows, paths), keys) {
                guard let key, let encoding = fresh[key] ?? previous[key] else { continue }
                if fresh[key] == nil { reused += 1 }
                var stored = row
                stored.file = path
                images.rows.append(stored)
                rowKeys.append(key)
                features += encoding.features
                logits += encoding.logits
            }
            let encoded = EncodedImages(count: images.rows.count, features: features, logits: logits)
            storedRows = images.rows.count
            return try featureCache.store(name: collection.name, images: images, keys: rowKeys, encoded: encoded,
                                          modelSHA256: modelSHA256, preprocessing: preprocessing)
        }
        let clock = ContinuousClock.now
        if !pending.isEmpty {
            // Started before the model loads, so the rate and ETA count its loading, as they always have.
            progress?.start(total: pending.count, label: collection.name)
            defer { progress?.finish() }
            let encoder = try makeEncoder()
            let batches = stride(from: 0, to: pending.count, by: batchSize).map { Array(pending[$0..<min($0 + batchSize, pending.count)]) }
            // Decoding batch k+1 overlaps running the model on batch k: each stage
            // leaves gaps (serial PNG inflate, thin convolution layers) the other fills.
            var decoded = encoder.preprocess(paths: batches[0].map(\.path))
            var done = 0
            for (k, batch) in batches.enumerated() {
                let next = k + 1 < batches.count ? DecodingInBackground(encoder: encoder, paths: batches[k + 1].map(\.path)) : nil
                var tensors: [Float] = []
                tensors.reserveCapacity(batch.count * encoder.preprocessor.tensorCount)
                var rows: [FeatureCache.FileKey] = []
                for (key, result) in zip(batch, decoded) {
                    switch result {
                    case .success(let tensor): tensors += tensor; rows.append(key)
                    case .failure(let error): failures[key.path] = error
                    }
                }
                let encoded = try encoder.encode(tensors: tensors, count: rows.count)
                for (row, key) in rows.enumerated() { fresh[key] = (encoded.features(at: row), encoded.logits(at: row)) }
                done += batch.count
                if done / flushInterval > (done - batch.count) / flushInterval, done < pending.count { _ = try storeCache() }
                progress?.update(done: done)
                if let next { decoded = next.wait() }
            }
        }
        let elapsed = (ContinuousClock.now - clock).inSeconds

        let wrote = try storeCache()
        let files = featureCache.files(name: collection.name)
        let failureList = paths.compactMap { failures[$0] }
        return ExtractionReport(name: collection.name, images: storedRows, encoded: fresh.count, reused: reused,
                                failures: failureList, seconds: elapsed, wroteCache: wrote,
                                featuresFile: files.features, logitsFile: files.logits, tableFile: files.table)
    }
}

/// Decodes one batch of images on a background thread while the caller does other work.
private final class DecodingInBackground: @unchecked Sendable {
    // `results` is written once by the background block and read only after
    // `group.wait()`, which orders the two.
    private var results: [Result<[Float], ImageError>] = []
    private let group = DispatchGroup()

    init(encoder: ImageEncoder, paths: [String]) {
        DispatchQueue.global().async(group: group) { self.results = encoder.preprocess(paths: paths) }
    }

    func wait() -> [Result<[Float], ImageError>] {
        group.wait()
        return results
    }
}
