/// The image table: one row per image with its file, title and tags, plus any other
/// columns, as TSV with a header or as JSON Lines.
///
/// The one reader and writer of this format: `glimpse import --metadata`, `glimpse
/// export --metadata`, the captions of `glimpse build` and the feature cache's table
/// all go through it. One dialect, for reading:
///
/// - **Format** by the file's extension: `.jsonl`, `.ndjson` and `.json` are JSON Lines;
///   `.csv` is refused (commas are not separators here); anything else is TSV.
/// - **Text**: UTF-8 (invalid bytes become U+FFFD), an optional byte-order mark, lines
///   ending in `\n` or `\r\n`. Blank lines are ignored; line numbers in errors count
///   every line.
/// - **Columns**: `file` (also `path` or `image`), `title` (also `caption` or `name`)
///   and `tags` (also `keywords`), matched case-insensitively; other columns are kept
///   as `extraColumns`.
/// - **TSV**: the first line is a header when it names a file column, or when all its
///   fields are column names (and then it is an error, for want of the file column);
///   otherwise there is no header and the columns are file, title, tags in that order. Fields are literal (no quoting); a
///   row's missing fields are empty. A file without a single line is an error.
/// - **JSON Lines**: one object per line; `tags` is an array or a string split like a
///   TSV field; a string or number is text, other values count as absent. A field
///   named by another alias of a column already present (`caption` beside `title`)
///   is an extra column, as in TSV. Extra columns come in the order they first appear
///   (each object's keys sorted).
/// - **Values**: files and titles are trimmed of whitespace; a tags field is split on
///   `|` only (so a tag may hold spaces: `ice cream|beach`), each tag trimmed, empty
///   and repeated ones dropped.
/// - A row without a file is an error: rows pair with vector rows by position, so
///   skipping one would shift all that follow.
///
/// Writing puts the header `file title tags` and the extra columns first (TSV), joins
/// tags with `|`, and replaces tabs and line breaks in fields, and `|` in tags, with
/// spaces, so that what it writes reads back the same.
public struct ImageTable: Sendable, Equatable {
    /// One image's row.
    public struct Row: Sendable, Equatable {
        /// The image file as the table names it (relative names are the caller's to resolve).
        public var file: String
        public var title: String
        public var tags: [String]
        /// Values of the extra columns, in `ImageTable.extraColumns` order.
        public var extra: [String]

        public init(file: String, title: String = "", tags: [String] = [], extra: [String] = []) {
            self.file = file
            self.title = title
            self.tags = tags
            self.extra = extra
        }

        /// The row as a space stores it (extra columns left out).
        public var record: ImageRecord { ImageRecord(file: file, title: title, tags: tags) }
    }

    /// The two ways to write the table down.
    public enum Format: Sendable, Equatable {
        case tsv
        case jsonLines

        /// The format a file's name says (see the type's summary); `.csv` is an error.
        public init(path: String) throws(ImportError) {
            let lowered = path.lowercased()
            if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".json") {
                self = .jsonLines
            } else if lowered.hasSuffix(".csv") {
                throw ImportError(path: path, message: "comma-separated tables are not read; write the table as TSV (.tsv) or JSON Lines (.jsonl)")
            } else {
                self = .tsv
            }
        }
    }

    /// Names of the columns beyond file, title and tags.
    public var extraColumns: [String]
    /// The images, in the table's order.
    public var rows: [Row]

    public init(extraColumns: [String] = [], rows: [Row]) {
        precondition(rows.allSatisfy { $0.extra.count == extraColumns.count }, "every row needs one value per extra column")
        self.extraColumns = extraColumns
        self.rows = rows
    }

    /// A table of space records (no extra columns).
    public init(records: [ImageRecord]) {
        self.init(rows: records.map { Row(file: $0.file, title: $0.title, tags: $0.tags) })
    }

    /// The rows as a space stores them.
    public var records: [ImageRecord] { rows.map(\.record) }

    /// Reads the table at `path`, in the format its name says.
    public static func read(path: String) throws(ImportError) -> ImageTable {
        let format = try Format(path: path)
        let storage = try ImportFile.map(path)
        return try parse(String(decoding: storage.bytes, as: UTF8.self), format: format, path: path)
    }

    /// Parses the text of a table; `path` names it in errors.
    public static func parse(_ text: String, format: Format, path: String) throws(ImportError) -> ImageTable {
        var lines = TableLines(text)
        switch format {
        case .tsv: return try parseTSV(&lines, path: path)
        case .jsonLines: return try parseJSONLines(&lines, path: path)
        }
    }

    /// The table's text in `format`.
    public func encoded(as format: Format) -> String {
        switch format {
        case .tsv: return encodedTSV()
        case .jsonLines: return encodedJSONLines()
        }
    }

    /// Writes the table atomically to `path`, in the format its name says (TSV unless
    /// `.jsonl`, `.ndjson` or `.json`).
    public func write(to path: String) throws(AtomicFile.WriteError) {
        try AtomicFile.write(encoded(as: (try? Format(path: path)) ?? .tsv), to: path)
    }

    /// The column a header or JSON key names, if any (case-insensitive; aliases in order of preference).
    enum Column: CaseIterable {
        case file, title, tags

        var names: [String] {
            switch self {
            case .file: return ["file", "path", "image"]
            case .title: return ["title", "caption", "name"]
            case .tags: return ["tags", "keywords"]
            }
        }

        static func named(_ name: String) -> Column? {
            allCases.first { $0.names.contains(name) }
        }
    }

    /// Splits a tags field on `|`: each tag trimmed, empty and repeated tags dropped.
    static func splitTags(_ field: some StringProtocol) -> [String] {
        uniqueTags(field.split(separator: "|").map { $0.trimmingWhitespace() })
    }

    /// `tags` without empty and repeated ones, in order.
    static func uniqueTags(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    static func emptyFileError(_ path: String, line: Int) -> ImportError {
        ImportError(path: path, line: line, message: "the 'file' field is empty")
    }
}

/// The non-blank lines of a table's text with their 1-based numbers, after a byte-order mark.
struct TableLines: IteratorProtocol {
    private var lines: [Substring]
    private var index = 0

    init(_ text: String) {
        lines = text.splitLines()
        if let first = lines.first, first.first == "\u{FEFF}" { lines[0] = first.dropFirst() }
    }

    mutating func next() -> (number: Int, line: Substring)? {
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            return (index, line.last == "\r" ? line.dropLast() : line)
        }
        return nil
    }
}
