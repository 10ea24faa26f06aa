import Testing
@testable import GlimpseCore
import GlimpseTestSupport

struct ImageMetadataReaderTests {
    @Test func tsvWithAnyColumnOrderAndTagSeparators() throws {
        let text = "title\tfile\textra\ttags\r\nA beach\tbeach.png\tx\tsand|ice cream| sea \n\nSunrise\tsun.png\t\tmorning sky\nBare\tbare.png\n"
        let records = try ImageMetadataReader.parseTSV(text, path: "m.tsv")
        #expect(records == [
            ImageRecord(file: "beach.png", title: "A beach", tags: ["sand", "ice cream", "sea"]),
            ImageRecord(file: "sun.png", title: "Sunrise", tags: ["morning", "sky"]),
            ImageRecord(file: "bare.png", title: "Bare", tags: []),
        ])
    }

    @Test func tsvErrors() {
        #expect(throws: ImportError.self) { try ImageMetadataReader.parseTSV("", path: "m.tsv") }
        #expect(throws: ImportError(path: "m.tsv", line: 1, message: "header has no 'file' column (columns: name, tags)")) {
            try ImageMetadataReader.parseTSV("name\ttags\nx\ty\n", path: "m.tsv")
        }
        #expect(throws: ImportError(path: "m.tsv", line: 3, message: "the 'file' field is empty")) {
            try ImageMetadataReader.parseTSV("file\ttitle\na.png\tA\n\tB\n", path: "m.tsv")
        }
    }

    @Test func jsonLines() throws {
        let text = """
            {"file": "a.png", "title": "A", "tags": ["x", "y z"]}

            {"file": "b.png"}
            """
        #expect(try ImageMetadataReader.parseJSONLines(text, path: "m.jsonl") == [
            ImageRecord(file: "a.png", title: "A", tags: ["x", "y z"]),
            ImageRecord(file: "b.png", title: "", tags: []),
        ])
        #expect(throws: ImportError.self) { try ImageMetadataReader.parseJSONLines("{\"file\": 3}", path: "m.jsonl") }
        do {
            _ = try ImageMetadataReader.parseJSONLines("{\"file\": \"a\"}\n{\"title\": \"b\"}\n", path: "m.jsonl")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("missing 'file'"))
        }
    }

    @Test func formatByExtension() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tsv = try folder.write("m.tsv", "file\ttags\na.png\tx|y\n")
        let jsonl = try folder.write("m.jsonl", "{\"file\": \"a.png\", \"tags\": [\"x\", \"y\"]}\n")
        #expect(try ImageMetadataReader.read(path: tsv) == ImageMetadataReader.read(path: jsonl))
        #expect(throws: ImportError.self) { try ImageMetadataReader.read(path: try folder.write("m.csv", "file\n")) }
    }
}
