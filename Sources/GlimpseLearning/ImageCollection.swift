import Foundation
import GlimpseCore

/// Images of one collection with their metadata and cached CNN outputs, row-aligned.
///
/// Loaded from the feature cache the vision stage writes:
/// `<dir>/<name>.features.npy` (n x 1280), `<dir>/<name>.logits.npy` (n x 1000, optional)
/// and `<dir>/<name>.tsv` (file, title, tags separated by `|`; same row order).
public struct ImageCollection: Sendable {
    public var name: String
    public var files: [String]
    public var titles: [String]
    /// Tags as written in the metadata, trimmed (for emoji: the CLDR keywords).
    public var tags: [[String]]
    public var features: Matrix
    public var logits: Matrix?
    /// Extra views of the same images (mirrored, zoomed out, ...), row-aligned; empty by default.
    public var views: [ViewFeatures] = []

    public init(name: String, files: [String], titles: [String], tags: [[String]], features: Matrix, logits: Matrix?,
                views: [ViewFeatures] = []) {
        precondition(files.count == features.rows && titles.count == files.count && tags.count == files.count,
                     "metadata and features must have one row per image")
        precondition(logits == nil || logits!.rows == features.rows, "logits must have one row per image")
        self.name = name
        self.files = files
        self.titles = titles
        self.tags = tags
        self.features = features
        self.logits = logits
        for v in views { precondition(v.features.rows == features.rows, "a view must have one row per image") }
        self.views = views
    }

    public var count: Int { files.count }

    /// The default feature cache directory: `$GLIMPSE_CACHE`, else `$XDG_CACHE_HOME/glimpse`, else `~/.cache/glimpse`, plus `features`.
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let c = environment["GLIMPSE_CACHE"], !c.isEmpty { return c + "/features" }
        if let x = environment["XDG_CACHE_HOME"], !x.isEmpty { return x + "/glimpse/features" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/glimpse/features"
    }

    /// Loads collection `name` from the feature cache in `directory`.
    public static func load(name: String, directory: String) throws -> ImageCollection {
        let base = directory + "/" + name
        let features = try matrix(NumpyArrayReader.read(path: base + ".features.npy"))
        let logitsPath = base + ".logits.npy"
        let logits = FileManager.default.fileExists(atPath: logitsPath) ? try matrix(NumpyArrayReader.read(path: logitsPath)) : nil
        guard let data = FileManager.default.contents(atPath: base + ".tsv"),
              let text = String(data: data, encoding: .utf8) else {
            throw LearningError.badInput("cannot read \(base).tsv")
        }
        let (files, titles, tags) = try parseTable(text, name: base + ".tsv")
        guard files.count == features.rows else {
            throw LearningError.badInput("\(base).tsv has \(files.count) rows, features have \(features.rows)")
        }
        if let logits, logits.rows != features.rows {
            throw LearningError.badInput("\(base): \(logits.rows) logit rows for \(features.rows) images")
        }
        return ImageCollection(name: name, files: files, titles: titles, tags: tags, features: features, logits: logits)
    }

    /// Parses the cache's TSV: a header naming `file`, `title`, `tags` (else those three columns in order).
    static func parseTable(_ text: String, name: String) throws -> ([String], [String], [[String]]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let first = lines.first else { return ([], [], []) }
        let head = first.split(separator: "\t", omittingEmptySubsequences: false).map { $0.lowercased() }
        var fileColumn = 0, titleColumn = 1, tagColumn = 2
        if head.contains("file") || head.contains("title") || head.contains("tags") {
            guard let f = head.firstIndex(of: "file"), let t = head.firstIndex(of: "title"), let g = head.firstIndex(of: "tags") else {
                throw LearningError.badInput("\(name): header must name file, title and tags (has \(head))")
            }
            (fileColumn, titleColumn, tagColumn) = (f, t, g)
            lines.removeFirst()
        }
        var files: [String] = [], titles: [String] = [], tags: [[String]] = []
        for (k, line) in lines.enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > max(fileColumn, titleColumn, tagColumn) else {
                throw LearningError.badInput("\(name): row \(k + 1) has \(fields.count) columns")
            }
            files.append(String(fields[fileColumn]))
            titles.append(String(fields[titleColumn]))
            tags.append(fields[tagColumn].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        return (files, titles, tags)
    }

    private static func matrix(_ array: NumpyArray) -> Matrix {
        Matrix(rows: array.rows, columns: array.columns, values: array.values)
    }

    /// The images at `indices`, in that order.
    public func subset(_ indices: [Int]) -> ImageCollection {
        ImageCollection(name: name, files: indices.map { files[$0] }, titles: indices.map { titles[$0] },
                        tags: indices.map { tags[$0] }, features: features.gathering(rows: indices),
                        logits: logits?.gathering(rows: indices), views: views.map { $0.gathering(rows: indices) })
    }
}
