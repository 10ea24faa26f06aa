import Foundation

/// Reads per-image metadata (file, title, tags), one record per image row, from TSV or JSON Lines.
///
/// **TSV** (`.tsv`, `.tab`): the first line names the columns; `file` is required,
/// `title` and `tags` are optional, other columns are ignored, names are matched
/// case-insensitively. Fields are taken literally (no quoting). The tags field is split
/// on `|` when it contains one (so `ice cream|beach` is two tags), otherwise on spaces;
/// tags are trimmed and empty ones dropped.
///
/// **JSON Lines** (`.jsonl`, `.ndjson`, `.json`): one object per line,
/// `{"file": "a.png", "title": "A", "tags": ["x", "y"]}`; `title` and `tags` may be left out.
///
/// In both, blank lines are ignored, and a record without a file is an error (records
/// pair with vector rows by position, so skipping one would shift all that follow).
public enum ImageMetadataReader {
    /// Reads TSV or JSON Lines, chosen by the file extension.
    public static func read(path: String) throws(ImportError) -> [ImageRecord] {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".tsv") || lowered.hasSuffix(".tab") { return try readTSV(path: path) }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".json") {
            return try readJSONLines(path: path)
        }
        throw ImportError(path: path, message: "unknown metadata format; expected .tsv or .jsonl")
    }

    public static func readTSV(path: String) throws(ImportError) -> [ImageRecord] {
        let storage = try ImportFile.map(path)
        return try parseTSV(String(decoding: storage.bytes, as: UTF8.self), path: path)
    }

    public static func readJSONLines(path: String) throws(ImportError) -> [ImageRecord] {
        let storage = try ImportFile.map(path)
        return try parseJSONLines(String(decoding: storage.bytes, as: UTF8.self), path: path)
    }

    public static func parseTSV(_ text: String, path: String) throws(ImportError) -> [ImageRecord] {
        var lines = lineSequence(text)
        guard let (headerNumber, headerLine) = lines.next() else {
            throw ImportError(path: path, message: "empty file; expected a header row with a 'file' column")
        }
        let columns = headerLine.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingWhitespace().lowercased() }
        guard let fileColumn = columns.firstIndex(of: "file") else {
            throw ImportError(path: path, line: headerNumber, message: "header has no 'file' column (columns: \(columns.joined(separator: ", ")))")
        }
        let titleColumn = columns.firstIndex(of: "title")
        let tagsColumn = columns.firstIndex(of: "tags")
        var records: [ImageRecord] = []
        while let (number, line) = lines.next() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func field(_ column: Int?) -> String {
                guard let column, column < fields.count else { return "" }
                return fields[column]
            }
            let file = field(fileColumn).trimmingWhitespace()
            guard !file.isEmpty else { throw ImportError(path: path, line: number, message: "the 'file' field is empty") }
            records.append(ImageRecord(file: file, title: field(titleColumn).trimmingWhitespace(), tags: splitTags(field(tagsColumn))))
        }
        return records
    }

    public static func parseJSONLines(_ text: String, path: String) throws(ImportError) -> [ImageRecord] {
        let decoder = JSONDecoder()
        var records: [ImageRecord] = []
        var lines = lineSequence(text)
        while let (number, line) = lines.next() {
            let record: ImageRecord
            do {
                record = try decoder.decode(ImageRecord.self, from: Data(line.utf8))
            } catch {
                throw ImportError(path: path, line: number, message: "not a JSON object with a string 'file', optional 'title' and 'tags' (\(describe(error)))")
            }
            guard !record.file.isEmpty else { throw ImportError(path: path, line: number, message: "the 'file' field is empty") }
            records.append(record)
        }
        return records
    }

    /// Splits a tags field: on `|` if there is one, else on whitespace.
    public static func splitTags(_ field: String) -> [String] {
        let parts: [Substring] = field.contains("|")
            ? field.split(separator: "|", omittingEmptySubsequences: true)
            : field.split(whereSeparator: { $0.isWhitespace })
        return parts.map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// Non-blank lines with their 1-based numbers; `\r\n` ends are accepted.
    private static func lineSequence(_ text: String) -> some IteratorProtocol<(Int, Substring)> {
        var lines = text.splitLines().enumerated().makeIterator()
        return AnyIterator<(Int, Substring)> {
            while let (index, line) = lines.next() {
                if line.allSatisfy({ $0.isWhitespace }) { continue }
                return (index + 1, line)
            }
            return nil
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context): return "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted: return "invalid JSON"
        default: return "\(error)"
        }
    }
}
