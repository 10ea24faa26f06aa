extension ImageTable {
    static func parseTSV(_ lines: inout TableLines, path: String) throws(ImportError) -> ImageTable {
        guard let (firstNumber, firstLine) = lines.next() else {
            throw ImportError(path: path, message: "empty file; expected a header row with a 'file' column, or rows of file, title and tags")
        }
        let names = firstLine.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        let lowered = names.map { $0.lowercased() }
        func column(_ kind: Column) -> Int? {
            kind.names.lazy.compactMap { lowered.firstIndex(of: $0) }.first
        }

        var fileColumn = 0
        var titleColumn: Int? = 1
        var tagsColumn: Int? = 2
        var extraColumns: [(name: String, index: Int)] = []
        var pending: (number: Int, line: Substring)? = (firstNumber, firstLine)
        // A header names the file column, or names nothing but columns (and then lacks the file one).
        if column(.file) != nil || lowered.allSatisfy({ $0.isEmpty || Column.named($0) != nil }) {
            guard let file = column(.file) else {
                throw ImportError(path: path, line: firstNumber, message: "header has no 'file' column (columns: \(lowered.joined(separator: ", ")))")
            }
            fileColumn = file
            titleColumn = column(.title)
            tagsColumn = column(.tags)
            let used = Set([fileColumn, titleColumn, tagsColumn].compactMap { $0 })
            extraColumns = names.indices.filter { !used.contains($0) }.map { (names[$0], $0) }
            pending = nil
        }

        var rows: [Row] = []
        while let (number, line) = pending ?? lines.next() {
            pending = nil
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            func field(_ column: Int?) -> Substring {
                guard let column, column < fields.count else { return "" }
                return fields[column]
            }
            let file = field(fileColumn).trimmingWhitespace()
            guard !file.isEmpty else { throw emptyFileError(path, line: number) }
            rows.append(Row(file: file, title: field(titleColumn).trimmingWhitespace(), tags: splitTags(field(tagsColumn)),
                            extra: extraColumns.map { String(field($0.index)) }))
        }
        return ImageTable(extraColumns: extraColumns.map(\.name), rows: rows)
    }

    func encodedTSV() -> String {
        func clean(_ field: String) -> String { field.replacingScalars(["\t", "\r", "\n"], with: " ") }
        var text = (["file", "title", "tags"] + extraColumns).map(clean).joined(separator: "\t") + "\n"
        for row in rows {
            let tags = row.tags.map { $0.replacingScalars(["|"], with: " ") }.joined(separator: "|")
            text += ([row.file, row.title, tags] + row.extra).map(clean).joined(separator: "\t") + "\n"
        }
        return text
    }
}

extension String {
    /// The text with each of `scalars` replaced by `replacement` (a "\r\n" is two scalars, so two spaces).
    func replacingScalars(_ scalars: Set<Unicode.Scalar>, with replacement: Unicode.Scalar) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: unicodeScalars.lazy.map { scalars.contains($0) ? replacement : $0 })
        return String(view)
    }
}
