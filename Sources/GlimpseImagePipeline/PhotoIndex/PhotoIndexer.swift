import Foundation
import GlimpseCore
import GlimpseLearning
import GlimpseVision

/// `glimpse index`: a space of the photos under some folders, placed by a base space's image
/// model (no captions needed), kept up to date by running it again.
///
/// A run walks the folders (`PhotoFolderWalk`), reads each image file's header (size, pixels,
/// orientation, camera, date taken, keywords; nothing decoded), keeps the vector of every image
/// whose file is unchanged since the previous space at the same path (same size and
/// modification second), encodes the new and changed ones through the feature cache (which an
/// interrupted run left half full: it resumes), places them with `place(features:logits:)`,
/// and numbers them: an image keeps its `IMG_n`, new ones get numbers never used before, and
/// removed ones are retired with their files (`ImageNumbers`).
public struct PhotoIndexer {
    /// The folders (or files) to index, as given.
    public var roots: [String]
    /// The space file the index goes to; when it exists, the run updates it.
    public var output: String
    /// The space whose words and image model the index uses.
    public var base: Space
    /// Titles and tags for some files (`ImageTable`: TSV or JSON Lines), or none.
    public var captions: ImageTable?
    public var includeHidden: Bool
    public var limits: ImageFileLimits
    public var cache: GlimpseCache
    /// Where encoding reports how far it got.
    public var progress: (any ProgressReporter)?

    /// The file name suffixes taken to be images; other files are not looked at.
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "jpe", "png", "webp", "gif", "tif", "tiff", "heic", "heif", "avif"]

    public init(roots: [String], output: String, base: Space, captions: ImageTable? = nil, includeHidden: Bool = false,
                limits: ImageFileLimits = .standard, cache: GlimpseCache = GlimpseCache(), progress: (any ProgressReporter)? = nil) {
        self.roots = roots
        self.output = output
        self.base = base
        self.captions = captions
        self.includeHidden = includeHidden
        self.limits = limits
        self.cache = cache
        self.progress = progress
    }

    /// How the index places photos, given their CNN features and logits (one row each): the one
    /// place to change the method. Today it is `image("file")`'s (the base's head mixed with the
    /// zero-shot share), so a photo's stored vector is what `image("its file")` gives.
    public static func place(features: DenseMatrix, logits: DenseMatrix, with embedder: SpaceImageEmbedder) throws -> DenseMatrix {
        try embedder.vectors(features: features, logits: logits)
    }

    /// Makes the new space (the caller writes it) and says what was done.
    public func run() throws -> (space: Space, report: PhotoIndexReport) {
        let clock = ContinuousClock.now
        guard let embedder = SpaceImageEmbedder.of(base), let baseInfo = ImageModelInfo.of(base) else {
            throw PhotoIndexError("the base space has no image model: index with a space made by 'glimpse build' (--model)")
        }
        // A folder that is missing (a typo, an unmounted disk) must not read as "every photo was removed".
        for root in roots where !FileManager.default.fileExists(atPath: Self.absolute(root)) {
            throw PhotoIndexError("no such folder: \(root)")
        }
        let outputPath = Self.absolute(output)
        let previous = try previousIndex(at: outputPath)
        var report = PhotoIndexReport()

        let walk = PhotoFolderWalk(roots: roots.map(Self.absolute), includeHidden: includeHidden, excluded: [outputPath],
                                   excludedFolders: [Self.absolute(cache.root), Self.absolute(cache.featuresDirectory)], excludedPrefixes: [outputPath + ".tmp-"])
        report.skipped = walk.skipped
        var photos: [Photo] = []
        var seen = Set<String>()
        for file in walk.files where seen.insert(file.path).inserted {
            let suffix = (file.path as NSString).pathExtension.lowercased()
            guard Self.imageExtensions.contains(suffix) else {
                report.otherFiles += 1
                continue
            }
            do {
                let header = try limits.check(path: file.path)
                photos.append(Photo(file: file, header: header))
            } catch {
                report.skipped.append(PhotoFolderWalk.Skipped(path: file.path, reason: Self.reason(error)))
            }
        }

        // Unchanged since the previous space: same path, size and modification second, same model.
        let sameModel = previous.map { Self.sameImageModel($0, base) } ?? false
        var vectors = [[Float]?](repeating: nil, count: photos.count)
        var toEncode: [Int] = []
        for (i, photo) in photos.enumerated() {
            if let previous, let row = previous.rows[photo.file.path] {
                let facts = previous.space.imageFileFacts?[row]
                if sameModel, facts?.byteSize == photo.file.byteSize, facts?.modified == photo.file.modifiedSeconds {
                    vectors[i] = Array(previous.space.imageVectors.row(row))
                    report.unchanged += 1
                    continue
                }
                report.changed += 1
            } else {
                report.new += 1
            }
            toEncode.append(i)
        }

        if !toEncode.isEmpty {
            let encoded = try encode(toEncode.map { photos[$0].file.path }, embedder: embedder, baseInfo: baseInfo, report: &report)
            let placed = toEncode.filter { encoded.rows[photos[$0].file.path] != nil }
            var features: [Float] = [], logits: [Float] = []
            for i in placed {
                let (f, l) = encoded.rows[photos[i].file.path]!
                features += f
                logits += l
            }
            if !placed.isEmpty {
                let result = try Self.place(features: DenseMatrix(rows: placed.count, columns: ImageEncoder.featureCount, values: features),
                                            logits: DenseMatrix(rows: placed.count, columns: ImageEncoder.classCount, values: logits),
                                            with: embedder)
                for (row, i) in placed.enumerated() { vectors[i] = Array(result.row(row)) }
            }
            for failure in encoded.failures {
                report.skipped.append(PhotoFolderWalk.Skipped(path: failure.file, reason: failure.message))
            }
        }
        let kept = photos.indices.filter { vectors[$0] != nil }
        report.new -= toEncode.filter { vectors[$0] == nil && previous?.rows[photos[$0].file.path] == nil }.count
        report.changed -= toEncode.filter { vectors[$0] == nil && previous?.rows[photos[$0].file.path] != nil }.count

        // Numbers: kept by path, new ones above every number ever given, removed ones retired.
        var numbering = previous?.space.imageNumbers ?? ImageNumbers(numbers: [])
        var next = numbering.next
        let keptPaths = Set(kept.map { photos[$0].file.path })
        var numbers: [Int] = []
        for i in kept {
            if let previous, let row = previous.rows[photos[i].file.path] {
                numbers.append(previous.space.imageNumber(row: row))
            } else {
                numbers.append(next)
                next += 1
            }
        }
        if let previous {
            for row in 0..<previous.space.imageCount where !keptPaths.contains(previous.space.image(at: row).file) {
                numbering.retired.append(ImageNumbers.Retired(number: previous.space.imageNumber(row: row), file: previous.space.image(at: row).file))
                report.removed += 1
            }
        }
        numbering.numbers = numbers

        let captionIndex = CaptionIndex(captions, roots: roots.map(Self.absolute))
        let records = kept.map { i -> ImageRecord in
            let photo = photos[i]
            let caption = captionIndex.row(for: photo.file.path)
            var tags = caption?.tags ?? []
            for keyword in photo.header.keywords where !tags.contains(keyword) { tags.append(keyword) }
            let name = (photo.file.path as NSString).lastPathComponent
            let title = caption.map(\.title).flatMap { $0.isEmpty ? nil : $0 } ?? (name as NSString).deletingPathExtension
            return ImageRecord(file: photo.file.path, title: title, tags: tags)
        }
        let facts = kept.map { i -> ImageFileFacts in
            let photo = photos[i]
            return ImageFileFacts(byteSize: photo.file.byteSize, pixelWidth: photo.header.width, pixelHeight: photo.header.height,
                                  modified: photo.file.modifiedSeconds, taken: photo.header.taken.flatMap(CalendarTime.seconds(exif:)),
                                  camera: photo.header.camera)
        }
        let space = try makeSpace(records: records, vectors: kept.map { vectors[$0]! }, facts: facts, numbers: numbering, baseInfo: baseInfo)
        report.indexed = space.imageCount
        report.seconds = (ContinuousClock.now - clock).inSeconds
        return (space, report)
    }

    private struct Photo {
        var file: PhotoFolderWalk.FoundFile
        var header: ImageFileHeader
    }

    private struct PreviousIndex {
        var space: Space
        var rows: [String: Int]
    }

    /// The space at `path` when it is an index to update; nil when there is none; an error when
    /// something else is there (a space made another way is never overwritten).
    private func previousIndex(at path: String) throws -> PreviousIndex? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let space = try Space.open(path: path)
        guard space.imageNumbers != nil else {
            throw PhotoIndexError("\(path) exists and was not made by 'glimpse index': give another -o, or remove it first")
        }
        var rows: [String: Int] = [:]
        for row in 0..<space.imageCount { rows[space.image(at: row).file] = row }
        return PreviousIndex(space: space, rows: rows)
    }

    private static func sameImageModel(_ previous: PreviousIndex, _ base: Space) -> Bool {
        guard let old = ImageModelInfo.of(previous.space), let new = ImageModelInfo.of(base) else { return false }
        return previous.space.attachment(.imageModel) == base.attachment(.imageModel)
            && previous.space.attachment(.zeroShotClasses) == base.attachment(.zeroShotClasses)
            && old.encoderSHA256 == new.encoderSHA256 && old.preprocessing == new.preprocessing && old.zeroShotWeight == new.zeroShotWeight
            && previous.space.dimension == base.dimension
    }

    /// Features and logits of the images at `paths`, through the feature cache (`index-<hash of the output>`).
    private func encode(_ paths: [String], embedder: SpaceImageEmbedder, baseInfo: ImageModelInfo, report: inout PhotoIndexReport)
        throws -> (rows: [String: (ArraySlice<Float>, ArraySlice<Float>)], failures: [ImageError]) {
        let preprocessor = try embedder.preprocessor()
        let modelSHA256 = try FileDigest.sha256(path: try cache.imageModel())
        guard modelSHA256 == embedder.encoderSHA256 else {
            throw ImageModelError("the image model at \(try cache.imageModel()) is not the one the base space was built with (sha256 \(embedder.encoderSHA256.prefix(12))…)")
        }
        let name = "index-" + String(XXHash64.hash(Array(Self.absolute(output).utf8)), radix: 16) + preprocessor.cacheSuffix
        let collection = ImageFileCollection(name: name, imageFolder: "/", table: ImageTable(rows: paths.map { ImageTable.Row(file: $0) }))
        let extraction = try FeatureExtraction.run(collection: collection, cache: cache, preprocessor: preprocessor,
                                                   progress: progress.map { LabelledProgress($0, label: "encoding") })
        report.encoded = extraction.encoded
        report.fromCache = extraction.reused
        report.encodingSeconds = extraction.seconds
        let cached = try FeatureCache(cache: cache).load(name: name)
        var rows: [String: (ArraySlice<Float>, ArraySlice<Float>)] = [:]
        for (row, entry) in cached.table.rows.enumerated() {
            rows[entry.file] = (cached.encoded.features(at: row), cached.encoded.logits(at: row))
        }
        return (rows, extraction.failures)
    }

    /// The base's words and image model with these images.
    private func makeSpace(records: [ImageRecord], vectors: [[Float]], facts: [ImageFileFacts], numbers: ImageNumbers,
                           baseInfo: ImageModelInfo) throws -> Space {
        var words: [String] = []
        words.reserveCapacity(base.wordCount)
        var wordVectors: [Float] = []
        wordVectors.reserveCapacity(base.wordCount * base.dimension)
        for i in 0..<base.wordCount {
            words.append(base.words[i])
            wordVectors += base.wordVectors.row(i)
        }
        var info = baseInfo
        info.collections = [ImageModelInfo.Collection(name: "photos", count: records.count, namedImages: false)]
        var attachments: [SectionKind: [UInt8]] = [.imageModelInfo: info.encoded()]
        for kind in [SectionKind.imageModel, .zeroShotClasses, .imageCollectionModels, .transferMemory] {
            if let bytes = base.attachment(kind) { attachments[kind] = bytes }
        }
        return try Space(
            words: words, wordVectors: wordVectors, images: records, imageVectors: vectors.flatMap { $0 },
            dimension: base.dimension, model: base.info.model,
            source: "glimpse index of " + roots.joined(separator: ", "), vectorStorage: base.vectorStorage,
            imageFileFacts: facts, imageNumbers: numbers, attachments: attachments)
    }

    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        return URL(fileURLWithPath: expanded).standardizedFileURL.path
    }

    static func reason(_ error: any Error) -> String {
        (error as? ImageError)?.message ?? "\(error)"
    }
}

/// Captions for some of the indexed files, found by absolute path, by path under a root, or by file name.
private struct CaptionIndex {
    private var rows: [String: ImageTable.Row] = [:]
    private var roots: [String]

    init(_ table: ImageTable?, roots: [String]) {
        self.roots = roots
        for row in table?.rows ?? [] where rows[row.file] == nil { rows[row.file] = row }
    }

    func row(for path: String) -> ImageTable.Row? {
        if let row = rows[path] { return row }
        for root in roots where path.hasPrefix(root + "/") {
            if let row = rows[String(path.dropFirst(root.count + 1))] { return row }
        }
        return rows[(path as NSString).lastPathComponent]
    }
}

/// A progress reporter that shows another label.
private final class LabelledProgress: ProgressReporter, @unchecked Sendable {
    private let inner: any ProgressReporter
    private let label: String

    init(_ inner: any ProgressReporter, label: String) {
        self.inner = inner
        self.label = label
    }

    func start(total: Int, label _: String) { inner.start(total: total, label: label) }
    func update(done: Int) { inner.update(done: done) }
    func finish() { inner.finish() }
}
