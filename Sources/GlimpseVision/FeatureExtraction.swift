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
    /// Wall-clock seconds spent decoding and encoding (all `views` of the run together).
    public var seconds: Double
    /// Views encoded in the same run, each file decoded once for all of them (1: this one alone).
    public var views: Int
    /// Whether the cache files were rewritten (false: they were already up to date).
    public var wroteCache: Bool
    /// The cache files of the collection.
    public var featuresFile: String, logitsFile: String, tableFile: String

    /// Encoding throughput of this run, when it encoded anything.
    public var imagesPerSecond: Double? { encoded > 0 && seconds > 0 ? Double(encoded) / seconds : nil }

    public var description: String {
        var text = "\(name): \(images) images"
        if let rate = imagesPerSecond {
            text += String(format: ", %d encoded in %.1f s", encoded, seconds)
                + (views > 1 ? " with \(views) views" : "") + String(format: " (%.1f images/s)", rate)
        }
        if reused > 0 { text += ", \(reused) from the cache" }
        if !failures.isEmpty { text += ", \(failures.count) skipped" }
        return text + (wroteCache ? " -> \(featuresFile)" : " (cache up to date)")
    }

    /// `description` and a line for each of the first `failureLines` failures (`  skipped FILE: REASON`),
    /// each line ending in a newline: what `glimpse features` prints of a run.
    public func summary(failureLines: Int = 10) -> String {
        ([description] + failures.prefix(failureLines).map { "  skipped \($0)" }).map { $0 + "\n" }.joined()
    }
}

/// Encodes image collections into the feature cache, re-encoding only what changed.
public enum FeatureExtraction {
    /// Images per ONNX Runtime call (and per decoding step overlapped with it): the model's
    /// CPU time per image measured 7-9 ms at 8 against 9-16 ms at 32 (2 threads, not
    /// spinning): large batches' activations spill out of the caches (docs/images.md).
    public static let defaultBatchSize = 8

    /// Images encoded between two writes of the cache, so that an interrupted run loses at most
    /// these: a rewrite of 5,000 cached images costs about 0.2 s, a batch of 8 about 0.5 s to encode.
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
        let modelSHA256 = try FileDigest.sha256(path: modelPath)
        return try run(collection: collection, targets: [Target(name: collection.name, view: preprocessor.view)],
                       framing: preprocessor.with(view: .identity), modelSHA256: modelSHA256,
                       makeEncoder: { try ImageEncoder(modelPath: modelPath, cache: cache, preprocessor: preprocessor.with(limits: .collections), modelSHA256: modelSHA256) },
                       featureCache: FeatureCache(cache: cache), progress: progress, batchSize: batchSize)[0]
    }

    /// Brings the cached features of every collection up to date in every view of `framing`,
    /// each cached under the collection's name plus the view's `cacheSuffix`; `report` hears
    /// of each collection as it is done (one report per view, in the order of `views`).
    /// Each file is decoded once for all of its views.
    public static func run(collections: [ImageFileCollection], framing: ImagePreprocessor, views: [ImageView],
                           cache: GlimpseCache = GlimpseCache(), progress: (any ProgressReporter)? = nil,
                           report: (ExtractionReport) -> Void) throws {
        let framing = framing.with(view: .identity)
        for var collection in collections {
            collection.name += framing.cacheSuffix
            for done in try run(collection: collection, views: views, cache: cache, framing: framing, progress: progress) {
                report(done)
            }
        }
    }

    /// Brings the cached features of `collection` up to date in each of `views` (framed by
    /// `framing`), decoding each file once for all of them: the identity view is cached
    /// under the collection's name, another view under the name plus `-view-<view>`
    /// (`openclipart-fit-view-flip`). Returns one report per view, in the order of `views`.
    public static func run(collection: ImageFileCollection, views: [ImageView], cache: GlimpseCache = GlimpseCache(),
                           framing: ImagePreprocessor = .efficientNetLite, progress: (any ProgressReporter)? = nil,
                           batchSize: Int = defaultBatchSize) throws -> [ExtractionReport] {
        let framing = framing.with(view: .identity)
        let modelPath = try cache.imageModel()
        let targets = views.map { view in
            Target(name: collection.name + (view.isIdentity ? "" : "-view-\(view)"), view: view)
        }
        let modelSHA256 = try FileDigest.sha256(path: modelPath)
        return try run(collection: collection, targets: targets, framing: framing, modelSHA256: modelSHA256,
                       makeEncoder: { try ImageEncoder(modelPath: modelPath, cache: cache, preprocessor: framing.with(limits: .collections), modelSHA256: modelSHA256) },
                       featureCache: FeatureCache(cache: cache), progress: progress, batchSize: batchSize)
    }

    /// Like `run(collection:cache:progress:batchSize:)`, with an encoder already loaded.
    public static func run(collection: ImageFileCollection, encoder: ImageEncoder, featureCache: FeatureCache,
                           progress: (any ProgressReporter)? = nil, batchSize: Int = defaultBatchSize) throws -> ExtractionReport {
        try run(collection: collection, targets: [Target(name: collection.name, view: encoder.preprocessor.view)],
                framing: encoder.preprocessor.with(view: .identity), modelSHA256: encoder.modelSHA256,
                makeEncoder: { encoder }, featureCache: featureCache, progress: progress, batchSize: batchSize)[0]
    }

    /// One cache a run fills: the collection in one view, stored under `name`.
    struct Target {
        var name: String
        var view: ImageView
    }

    /// Brings every target's cache up to date. A file missing from some targets' caches
    /// is decoded once and run through the model once per such target.
    static func run(collection: ImageFileCollection, targets: [Target], framing: ImagePreprocessor, modelSHA256: String,
                    makeEncoder: () throws -> ImageEncoder, featureCache: FeatureCache, progress: (any ProgressReporter)?,
                    batchSize: Int) throws -> [ExtractionReport] {
        precondition(batchSize > 0 && !targets.isEmpty)
        let preprocessing = targets.map { framing.with(view: $0.view).cacheIdentifier }
        let previous = targets.indices.map {
            featureCache.previous(name: targets[$0].name, modelSHA256: modelSHA256, preprocessing: preprocessing[$0])
        }
        var failures: [String: ImageError] = [:]
        var keys: [FeatureCache.FileKey?] = []
        // The files some target lacks, and for each the targets (indices) that lack it.
        var pending: [FeatureCache.FileKey] = []
        var pendingTargets: [[Int]] = []
        var seen = Set<FeatureCache.FileKey>()
        let paths = collection.paths
        for path in paths {
            guard let key = FeatureCache.FileKey(path: path) else {
                failures[path] = ImageError(file: path, message: "no such file")
                keys.append(nil)
                continue
            }
            keys.append(key)
            guard seen.insert(key).inserted else { continue }
            let missing = targets.indices.filter { previous[$0][key] == nil }
            if !missing.isEmpty {
                pending.append(key)
                pendingTargets.append(missing)
            }
        }

        var fresh = [[FeatureCache.FileKey: (features: ArraySlice<Float>, logits: ArraySlice<Float>)]](repeating: [:], count: targets.count)
        // The cache of target t as it stands: the rows of the images encoded so far or still valid from
        // before, each named by its absolute path. Stored every `flushInterval` images too, so an
        // interrupted run resumes.
        func storeCache(_ t: Int) throws -> (wrote: Bool, rows: Int, reused: Int) {
            var images = ImageTable(extraColumns: collection.table.extraColumns, rows: [])
            var rowKeys: [FeatureCache.FileKey] = []
            var features: [Float] = [], logits: [Float] = []
            features.reserveCapacity(paths.count * ImageEncoder.featureCount)
            logits.reserveCapacity(paths.count * ImageEncoder.classCount)
            var reused = 0
            for ((row, path), key) in zip(zip(collection.table.rows, paths), keys) {
                guard let key, let encoding = fresh[t][key] ?? previous[t][key] else { continue }
                if fresh[t][key] == nil { reused += 1 }
                var stored = row
                stored.file = path
                images.rows.append(stored)
                rowKeys.append(key)
                features += encoding.features
                logits += encoding.logits
            }
            let encoded = EncodedImages(count: images.rows.count, features: features, logits: logits)
            let wrote = try featureCache.store(name: targets[t].name, images: images, keys: rowKeys, encoded: encoded,
                                               modelSHA256: modelSHA256, preprocessing: preprocessing[t])
            return (wrote, images.rows.count, reused)
        }
        let clock = ContinuousClock.now
        if !pending.isEmpty {
            // Started before the model loads, so the rate and ETA count its loading, as they always have.
            progress?.start(total: pending.count, label: targets.count == 1 ? targets[0].name : "\(collection.name) (\(targets.count) views)")
            defer { progress?.finish() }
            let encoder = try makeEncoder()
            let pendingPaths = pending.map(\.path)
            let pendingViews = pendingTargets.map { $0.map { targets[$0].view } }
            let batches = stride(from: 0, to: pending.count, by: batchSize).map { $0..<min($0 + batchSize, pending.count) }
            // Background workers decode ahead (up to two batches) while the model runs on
            // the batch taken last: each stage leaves gaps (serial PNG inflate, thin
            // convolution layers) the other fills, and no core waits for a batch boundary.
            let decoding = DecodingPipeline<[[Float]]>(count: pending.count, workers: encoder.decoders, lookahead: 2 * batchSize) { i in
                encoder.tensors(path: pendingPaths[i], views: pendingViews[i])
            }
            defer { decoding.cancel() }
            var done = 0
            for range in batches {
                let decoded = decoding.take(range)
                var tensors = [[Float]](repeating: [], count: targets.count)
                var rows = [[FeatureCache.FileKey]](repeating: [], count: targets.count)
                for (offset, result) in decoded.enumerated() {
                    let key = pending[range.lowerBound + offset]
                    switch result {
                    case .success(let viewTensors):
                        for (t, tensor) in zip(pendingTargets[range.lowerBound + offset], viewTensors) {
                            if tensors[t].isEmpty { tensors[t].reserveCapacity(range.count * encoder.preprocessor.tensorCount) }
                            tensors[t] += tensor
                            rows[t].append(key)
                        }
                    case .failure(let error): failures[key.path] = error
                    }
                }
                for t in targets.indices where !rows[t].isEmpty {
                    let encoded = try encoder.encode(tensors: tensors[t], count: rows[t].count)
                    for (row, key) in rows[t].enumerated() { fresh[t][key] = (encoded.features(at: row), encoded.logits(at: row)) }
                }
                done += range.count
                if done / flushInterval > (done - range.count) / flushInterval, done < pending.count {
                    for t in targets.indices { _ = try storeCache(t) }
                }
                progress?.update(done: done)
            }
        }
        let elapsed = (ContinuousClock.now - clock).inSeconds

        return try targets.indices.map { t in
            let stored = try storeCache(t)
            let files = featureCache.files(name: targets[t].name)
            // A file that failed is reported by every target that does not have it.
            let failureList = zip(paths, keys).compactMap { path, key in
                key.map { previous[t][$0] == nil } ?? true ? failures[path] : nil
            }
            return ExtractionReport(name: targets[t].name, images: stored.rows, encoded: fresh[t].count, reused: stored.reused,
                                    failures: failureList, seconds: elapsed, views: targets.count, wroteCache: stored.wrote,
                                    featuresFile: files.features, logitsFile: files.logits, tableFile: files.table)
        }
    }
}
