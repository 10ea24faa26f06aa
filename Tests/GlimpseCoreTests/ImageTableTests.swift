import Testing
import GlimpseTestSupport
@testable import GlimpseCore

/// The one image-table dialect: the cases of the three readers it replaced (import's
/// metadata reader, build's caption table, learning's cache table) and the rules it adds.
struct ImageTableTests {
    static func tsv(_ text: String) throws(ImportError) -> ImageTable { try ImageTable.parse(text, format: .tsv, path: "m.tsv") }
    static func jsonLines(_ text: String) throws(ImportError) -> ImageTable { try ImageTable.parse(text, format: .jsonLines, path: "m.jsonl") }

    @Test func tsvWithAnyColumnOrderAndTagSeparators() throws {
        let text = "title\tfile\textra\ttags\r\nA beach\tbeach.png\tx\tsand|ice cream| sea \n\nSunrise\tsun.png\t\tmorning sky\nBare\tbare.png\n"
        let table = try Self.tsv(text)
        // Tags are split on '|' only: "morning sky" is one tag. (The import reader split a field
        // without '|' on spaces; the build's captions and the feature cache never did, and the
        // demo's openclipart has such fields: see ImageTable.)
        #expect(table.records == [
            ImageRecord(file: "beach.png", title: "A beach", tags: ["sand", "ice cream", "sea"]),
            ImageRecord(file: "sun.png", title: "Sunrise", tags: ["morning sky"]),
            ImageRecord(file: "bare.png", title: "Bare", tags: []),
        ])
        #expect(table.extraColumns == ["extra"])
        #expect(table.rows.map(\.extra) == [["x"], [""], [""]])
    }

    @Test func tsvErrors() {
        #expect(throws: ImportError.self) { try Self.tsv("") }
        #expect(throws: ImportError(path: "m.tsv", line: 1, message: "header has no 'file' column (columns: name, tags)")) {
            try Self.tsv("name\ttags\nx\ty\n")
        }
        #expect(throws: ImportError(path: "m.tsv", line: 3, message: "the 'file' field is empty")) {
            try Self.tsv("file\ttitle\na.png\tA\n\tB\n")
        }
    }

    @Test func tsvWithHeaderAndExtraColumns() throws {
        let table = try Self.tsv("""
            group\tfile\ttitle\ttags
            animals\tcats/tom.png\tA cat\tcat| pet |cat||kitten
            animals\t/abs/rex.jpg\tA dog\t

            """)
        #expect(table.extraColumns == ["group"])
        #expect(table.rows == [
            ImageTable.Row(file: "cats/tom.png", title: "A cat", tags: ["cat", "pet", "kitten"], extra: ["animals"]),
            ImageTable.Row(file: "/abs/rex.jpg", title: "A dog", tags: [], extra: ["animals"]),
        ])
    }

    @Test func tsvWithoutHeaderIsFileTitleTags() throws {
        #expect(try Self.tsv("a.png\tTitle\tx|y\n").rows == [ImageTable.Row(file: "a.png", title: "Title", tags: ["x", "y"])])
        // Fields past the third have no name and are not kept; missing ones are empty.
        #expect(try Self.tsv("a.png\tA\tx\tmore\nb.png\n").rows == [
            ImageTable.Row(file: "a.png", title: "A", tags: ["x"]), ImageTable.Row(file: "b.png"),
        ])
    }

    @Test func theFeatureCachesTable() throws {
        let table = try Self.tsv("file\ttitle\ttags\textra\na.png\tA cat\tcat|pet\tx\nb.png\t\t\ty\n")
        #expect(table.rows.map(\.file) == ["a.png", "b.png"])
        #expect(table.rows.map(\.title) == ["A cat", ""])
        #expect(table.rows.map(\.tags) == [["cat", "pet"], []])
    }

    @Test func columnNamesHaveAliasesAndIgnoreCase() throws {
        let table = try Self.tsv(" Path \tCaption\tKeywords\tname\n/x/a.png\tA\tk1|k2\tother\n")
        #expect(table.rows == [ImageTable.Row(file: "/x/a.png", title: "A", tags: ["k1", "k2"], extra: ["other"])])
        #expect(table.extraColumns == ["name"])  // "caption" came first among the title's names
        #expect(try Self.tsv("image\nb.png\n").rows == [ImageTable.Row(file: "b.png")])
    }

    @Test func byteOrderMarkBlankLinesAndCRLF() throws {
        let table = try Self.tsv("\u{FEFF}file\ttitle\r\n  \r\n\t\r\n a.png \t A \r\n")
        #expect(table.rows == [ImageTable.Row(file: "a.png", title: "A")])
        #expect(try Self.jsonLines("\u{FEFF}{\"file\": \"a.png\"}\r\n\r\n").rows == [ImageTable.Row(file: "a.png")])
        // Line numbers count blank lines.
        #expect(throws: ImportError(path: "m.tsv", line: 4, message: "the 'file' field is empty")) { try Self.tsv("file\n\na\n\tx\n") }
    }

    @Test func jsonLines() throws {
        let text = """
            {"file": "a.png", "title": "A", "tags": ["x", "y z"]}

            {"file": "b.png"}
            """
        #expect(try Self.jsonLines(text).records == [
            ImageRecord(file: "a.png", title: "A", tags: ["x", "y z"]),
            ImageRecord(file: "b.png", title: "", tags: []),
        ])
        #expect(throws: ImportError.self) { try Self.jsonLines("{\"file\": 3}") }
        #expect(throws: ImportError.self) { try Self.jsonLines("[\"a.png\"]") }
        #expect(throws: ImportError.self) { try Self.jsonLines("{\"file\": \"a.png\"") }
        #expect(throws: ImportError(path: "m.jsonl", line: 1, message: "the 'file' field is empty")) { try Self.jsonLines("{\"file\": \" \"}") }
        do {
            _ = try Self.jsonLines("{\"file\": \"a\"}\n{\"title\": \"b\"}\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("missing 'file'"))
        }
        #expect(try Self.jsonLines("").rows.isEmpty)
    }

    @Test func jsonLinesWithAliasesTagStringsAndExtraFields() throws {
        let table = try Self.jsonLines("""
            {"file": "a.png", "caption": "Grandma's old rag doll.", "tags": ["doll", "toy", 7, null, "doll"], "year": 1999}
            {"file": "b.png", "title": "Kite", "tags": "kite|sky", "name": "a kite"}
            {"path": "c.png", "title": 42, "keywords": " one | two "}

            """)
        #expect(table.rows.map(\.file) == ["a.png", "b.png", "c.png"])
        #expect(table.rows.map(\.title) == ["Grandma's old rag doll.", "Kite", "42"])
        #expect(table.rows.map(\.tags) == [["doll", "toy", "7"], ["kite", "sky"], ["one", "two"]])
        // "name" is a name of the title column, but beside a "title" it is an extra field, as in TSV.
        #expect(table.extraColumns == ["year", "name"])
        #expect(table.rows.map(\.extra) == [["1999", ""], ["", "a kite"], ["", ""]])
    }

    @Test func formatByExtension() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tsv = try folder.write("m.tsv", "file\ttags\na.png\tx|y\n")
        let jsonl = try folder.write("m.jsonl", "{\"file\": \"a.png\", \"tags\": [\"x\", \"y\"]}\n")
        #expect(try ImageTable.read(path: tsv) == ImageTable.read(path: jsonl))
        #expect(try ImageTable.read(path: try folder.write("m.ndjson", "{\"file\": \"a.png\", \"tags\": \"x|y\"}\n")) == ImageTable.read(path: tsv))
        #expect(try ImageTable.read(path: try folder.write("m.txt", "a.png\t\tx|y\n")) == ImageTable.read(path: tsv))
        #expect(throws: ImportError.self) { try ImageTable.read(path: try folder.write("m.csv", "file\n")) }
        #expect(throws: ImportError.self) { try ImageTable.read(path: folder.file("missing.tsv")) }
    }

    @Test func writtenTablesReadBackTheSame() throws {
        let table = ImageTable(extraColumns: ["group", "note"], rows: [
            ImageTable.Row(file: "/images/a b.png", title: "Ice cream", tags: ["ice cream", "dessert"], extra: ["food", ""]),
            ImageTable.Row(file: "b.png", title: "", tags: [], extra: ["", "é ✓"]),
        ])
        for format in [ImageTable.Format.tsv, .jsonLines] {
            #expect(try ImageTable.parse(table.encoded(as: format), format: format, path: "t") == table)
        }
        #expect(table.encoded(as: .tsv) == "file\ttitle\ttags\tgroup\tnote\n/images/a b.png\tIce cream\tice cream|dessert\tfood\t\nb.png\t\t\t\té ✓\n")
        #expect(table.encoded(as: .jsonLines).hasPrefix(#"{"file":"/images/a b.png","group":"food","note":"","tags":["ice cream","dessert"],"title":"Ice cream"}"#))
    }

    @Test func writingReplacesWhatTSVCannotHold() throws {
        let table = ImageTable(records: [ImageRecord(file: "a\tb.png", title: "two\r\nlines", tags: ["a|b", "c\nd"])])
        #expect(table.encoded(as: .tsv) == "file\ttitle\ttags\na b.png\ttwo  lines\ta b|c d\n")
        #expect(try ImageTable.parse(table.encoded(as: .tsv), format: .tsv, path: "t").records
                == [ImageRecord(file: "a b.png", title: "two  lines", tags: ["a b", "c d"])])
        // JSON Lines holds them all.
        #expect(try ImageTable.parse(table.encoded(as: .jsonLines), format: .jsonLines, path: "t").rows.map(\.title) == ["two\r\nlines"])
    }

    @Test func writeChoosesTheFormatByName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let table = ImageTable(records: [ImageRecord(file: "a.png", title: "A", tags: ["x"])])
        try table.write(to: folder.file("t.jsonl"))
        try table.write(to: folder.file("t.tsv"))
        #expect(String(decoding: bytes(of: folder.file("t.jsonl")), as: UTF8.self) == #"{"file":"a.png","tags":["x"],"title":"A"}"# + "\n")
        #expect(String(decoding: bytes(of: folder.file("t.tsv")), as: UTF8.self) == "file\ttitle\ttags\na.png\tA\tx\n")
        #expect(try ImageTable.read(path: folder.file("t.jsonl")) == table && ImageTable.read(path: folder.file("t.tsv")) == table)
    }
}
