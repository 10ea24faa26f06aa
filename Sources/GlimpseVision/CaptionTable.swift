import Foundation

/// One image of a collection with its caption metadata.
public struct CaptionedImage: Sendable, Equatable {
    /// The image's path as the captions file wrote it (relative to the image folder).
    public var file: String
    /// The image's absolute path.
    public var path: String
    /// A short caption or name.
    public var title: String
    /// Keywords, in the captions file's order, without duplicates.
    public var tags: [String]
    /// Values of the table's extra columns, in `CaptionTable.extraColumns` order.
    public var extra: [String]

    public init(file: String, path: String, title: String, tags: [String], extra: [String] = []) {
        self.file = file
        self.path = path
        self.title = title
        self.tags = tags
        self.extra = extra
    }
}

/// A collection of images with captions, read from a TSV or JSON Lines file.
///
/// TSV: a header line naming the columns `file`, `title` (or `caption`) and `tags`
/// (`|`-separated); other columns are kept as extra metadata. Without a header the
/// columns are file, title, tags. JSON Lines: one object per line with `file`,
/// `title` or `caption`, and `tags` as an array or a `|`-separated string; other
/// string or number fields are kept as extra metadata. File paths are relative to
/// the image folder, which defaults to the captions file's folder.
public struct CaptionTable: Sendable, Equatable {
    /// The collection's name: the stem of cache files (`<name>.features.npy`).
    public var name: String
    /// The folder the images' relative paths start from.
    public var imageFolder: String
    /// Names of the metadata columns beyond file, title and tags.
    public var extraColumns: [String]
    /// The images, in the captions file's order.
    public var images: [CaptionedImage]

    public init(name: String, imageFolder: String, extraColumns: [String] = [], images: [CaptionedImage]) {
        self.name = name
        self.imageFolder = imageFolder
        self.extraColumns = extraColumns
        self.images = images
    }

    /// Reads a captions file (`.jsonl`/`.json` as JSON Lines, anything else as TSV).
    ///
    /// - Parameters:
    ///   - images: the folder image paths are relative to (default: the captions file's folder).
    ///   - name: the collection's name (default: the captions file's name without extension).
    public static func read(captions: String, images: String? = nil, name: String? = nil) throws -> CaptionTable {
        let url = URL(fileURLWithPath: captions).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CaptionTableError(file: captions, line: nil, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CaptionTableError(file: captions, line: nil, message: "not UTF-8 text")
        }
        let folder = images.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? url.deletingLastPathComponent().path
        let stem = name ?? url.deletingPathExtension().lastPathComponent
        let ext = url.pathExtension.lowercased()
        if ext == "jsonl" || ext == "json" || ext == "ndjson" {
            return try parseJSONLines(text, file: captions, name: stem, imageFolder: folder)
        }
        return try parseTSV(text, file: captions, name: stem, imageFolder: folder)
    }

    static func parseTSV(_ text: String, file: String, name: String, imageFolder: String) throws -> CaptionTable {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { return CaptionTable(name: name, imageFolder: imageFolder, images: []) }
        let head = first.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var fileColumn = 0, titleColumn: Int? = 1, tagsColumn: Int? = 2
        var extraColumns: [(name: String, index: Int)] = []
        var firstRow = 0
        if let f = head.firstIndex(of: "file") ?? head.firstIndex(of: "path") ?? head.firstIndex(of: "image") {
            fileColumn = f
            titleColumn = head.firstIndex(of: "title") ?? head.firstIndex(of: "caption") ?? head.firstIndex(of: "name")
            tagsColumn = head.firstIndex(of: "tags") ?? head.firstIndex(of: "keywords")
            let used = Set([fileColumn, titleColumn, tagsColumn].compactMap { $0 })
            let names = first.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            extraColumns = names.indices.filter { !used.contains($0) }.map { (names[$0], $0) }
            firstRow = 1
        }
        var images: [CaptionedImage] = []
        for (k, line) in lines.enumerated().dropFirst(firstRow) where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count > fileColumn, !fields[fileColumn].isEmpty else {
                throw CaptionTableError(file: file, line: k + 1, message: "no file name in column \(fileColumn + 1)")
            }
            func field(_ i: Int?) -> String { i.flatMap { $0 < fields.count ? fields[$0] : nil } ?? "" }
            images.append(image(file: fields[fileColumn], title: field(titleColumn), tags: splitTags(field(tagsColumn)),
                                extra: extraColumns.map { field($0.index) }, imageFolder: imageFolder))
        }
        return CaptionTable(name: name, imageFolder: imageFolder, extraColumns: extraColumns.map(\.name), images: images)
    }

    static func parseJSONLines(_ text: String, file: String, name: String, imageFolder: String) throws -> CaptionTable {
        var objects: [[String: Any]] = []
        var extraColumns: [String] = []
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                throw CaptionTableError(file: file, line: k + 1, message: "not a JSON object")
            }
            guard let path = object["file"] as? String, !path.isEmpty else {
                throw CaptionTableError(file: file, line: k + 1, message: "no \"file\" string")
            }
            for key in object.keys.sorted() where !["file", "title", "caption", "tags"].contains(key) && !extraColumns.contains(key) {
                if object[key] is String || object[key] is NSNumber { extraColumns.append(key) }
            }
            objects.append(object)
        }
        let images = objects.map { object in
            let tags: [String]
            if let list = object["tags"] as? [Any] {
                tags = unique(list.compactMap { $0 as? String }.map { $0.trimmingCharacters(in: .whitespaces) })
            } else {
                tags = splitTags(object["tags"] as? String ?? "")
            }
            let title = object["title"] as? String ?? object["caption"] as? String ?? ""
            let extra = extraColumns.map { key -> String in
                if let s = object[key] as? String { return s }
                if let n = object[key] as? NSNumber { return n.stringValue }
                return ""
            }
            return image(file: object["file"] as! String, title: title, tags: tags, extra: extra, imageFolder: imageFolder)
        }
        return CaptionTable(name: name, imageFolder: imageFolder, extraColumns: extraColumns, images: images)
    }

    private static func image(file: String, title: String, tags: [String], extra: [String], imageFolder: String) -> CaptionedImage {
        let path = file.hasPrefix("/") ? file : URL(fileURLWithPath: imageFolder).appendingPathComponent(file).standardizedFileURL.path
        return CaptionedImage(file: file, path: path, title: title.trimmingCharacters(in: .whitespaces), tags: tags, extra: extra)
    }

    static func splitTags(_ text: String) -> [String] {
        unique(text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    private static func unique(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

/// A captions file that cannot be read, with the line at fault when there is one.
public struct CaptionTableError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let line: Int?
    public let message: String

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
