import Foundation
import GlimpseCore

/// Cached features of image collections, so that training never re-encodes images.
///
/// For a collection `name` the directory holds, row-aligned:
/// - `name.features.npy`: float32 N x 1280 image features,
/// - `name.logits.npy`: float32 N x 1000 ImageNet logits,
/// - `name.tsv`: the images' metadata as an `ImageTable`: `file` (absolute path),
///   `title`, `tags` (`|`-separated), then the collection's extra columns,
/// - `name.manifest.tsv`: the model's sha256, the preprocessing, and each row's
///   file size and modification time: the key that decides what to re-encode.
public struct FeatureCache: Sendable, Equatable {
    /// The folder of cache files.
    public var directory: String

    public init(directory: String) { self.directory = directory }

    /// The feature folder of a Glimpse cache (`$CACHE/features`).
    public init(cache: GlimpseCache = GlimpseCache()) { directory = cache.featuresDirectory }

    /// Paths of the files that make up collection `name`.
    public func files(name: String) -> (features: String, logits: String, table: String, manifest: String) {
        let base = directory + "/" + name
        return (base + ".features.npy", base + ".logits.npy", base + ".tsv", base + ".manifest.tsv")
    }

    /// Loads collection `name` as written by `store`: the one reader of the cache.
    public func load(name: String) throws -> CachedFeatures {
        let paths = files(name: name)
        let features = try NumpyArrayReader.read(path: paths.features)
        let logits = try NumpyArrayReader.read(path: paths.logits)
        let table = try ImageTable.read(path: paths.table)
        guard features.columns == ImageEncoder.featureCount, logits.columns == ImageEncoder.classCount,
              features.rows == logits.rows, features.rows == table.rows.count else {
            throw FeatureCacheError(name: name, message:
                "inconsistent cache: \(features.rows) x \(features.columns) features, \(logits.rows) x \(logits.columns) logits, \(table.rows.count) rows of metadata")
        }
        return CachedFeatures(table: table, encoded: EncodedImages(count: features.rows, features: features.values, logits: logits.values))
    }

    /// What a file looked like when it was encoded: if either changes, it is encoded again.
    struct FileKey: Hashable {
        var path: String
        var size: Int64
        var modified: Int64  // nanoseconds since 1970

        /// The key of the file at `path` now, or nil when it does not exist.
        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.path = path
            self.size = Int64(info.st_size)
            self.modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        }

        init(path: String, size: Int64, modified: Int64) {
            self.path = path
            self.size = size
            self.modified = modified
        }
    }

    static let manifestVersion = "glimpse-feature-cache 1"

    /// Rows of a previous run that are still valid for `modelSHA256` and `preprocessing`.
    func previous(name: String, modelSHA256: String, preprocessing: String) -> [FileKey: (features: ArraySlice<Float>, logits: ArraySlice<Float>)] {
        let paths = files(name: name)
        guard let text = try? String(contentsOfFile: paths.manifest, encoding: .utf8) else { return [:] }
        var lines = text.split(separator: "\n").map(String.init)
        let header = ["# \(Self.manifestVersion)", "# model\t\(modelSHA256)", "# preprocessing\t\(preprocessing)"]
        guard lines.count >= 4, Array(lines.prefix(3)) == header else { return [:] }
        lines.removeFirst(4)  // the header and the column names
        guard let features = try? NumpyArrayReader.read(path: paths.features), let logits = try? NumpyArrayReader.read(path: paths.logits),
              features.rows == lines.count, logits.rows == lines.count,
              features.columns == ImageEncoder.featureCount, logits.columns == ImageEncoder.classCount else { return [:] }
        var rows: [FileKey: (ArraySlice<Float>, ArraySlice<Float>)] = [:]
        for (i, line) in lines.enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let size = Int64(fields[1]), let modified = Int64(fields[2]) else { return [:] }
            let f = ImageEncoder.featureCount, c = ImageEncoder.classCount
            rows[FileKey(path: String(fields[0]), size: size, modified: modified)] =
                (features.values[(i * f)..<((i + 1) * f)], logits.values[(i * c)..<((i + 1) * c)])
        }
        return rows
    }

    /// Writes a collection's features, logits, metadata and manifest; returns false when
    /// the files on disk already said exactly this (and so were left untouched).
    ///
    /// `images` is the collection's table with each row's `file` its absolute path.
    @discardableResult
    func store(name: String, images: ImageTable, keys: [FileKey], encoded: EncodedImages,
               modelSHA256: String, preprocessing: String) throws -> Bool {
        precondition(images.rows.count == encoded.count && keys.count == encoded.count)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let paths = files(name: name)
        func clean(_ s: String) -> String {
            s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
        let table = images.encoded(as: .tsv)
        var manifest = "# \(Self.manifestVersion)\n# model\t\(modelSHA256)\n# preprocessing\t\(preprocessing)\npath\tsize\tmodified_ns\n"
        for key in keys { manifest += "\(clean(key.path))\t\(key.size)\t\(key.modified)\n" }
        if (try? String(contentsOfFile: paths.table, encoding: .utf8)) == table,
           (try? String(contentsOfFile: paths.manifest, encoding: .utf8)) == manifest,
           FileManager.default.fileExists(atPath: paths.features), FileManager.default.fileExists(atPath: paths.logits) {
            return false
        }
        // The manifest goes last: a run interrupted before it leaves an old or no
        // manifest, which never vouches for the new arrays.
        try? FileManager.default.removeItem(atPath: paths.manifest)
        try NumpyArrayWriter.write(encoded.features, rows: encoded.count, columns: ImageEncoder.featureCount, to: paths.features)
        try NumpyArrayWriter.write(encoded.logits, rows: encoded.count, columns: ImageEncoder.classCount, to: paths.logits)
        try AtomicFile.write(table, to: paths.table)
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: paths.manifest), options: .atomic)
        return true
    }
}

/// A collection loaded from the feature cache: metadata and encodings, row-aligned.
public struct CachedFeatures: Sendable {
    /// The metadata; each row's `file` is the image's absolute path.
    public var table: ImageTable
    public var encoded: EncodedImages
}

/// A feature cache whose files do not agree with each other.
public struct FeatureCacheError: Error, CustomStringConvertible, Sendable {
    public let name: String
    public let message: String
    public var description: String { "feature cache \(name): \(message)" }
}
