import GlimpseCore
import Foundation
import Testing
@testable import GlimpseVision
import GlimpseTestSupport

@Suite struct CaptionTableTests {
    @Test func readsTSVWithHeaderAndExtraColumns() throws {
        let folder = try TemporaryFolder()
        let captions = try folder.write("pets.tsv", bytes: Array("""
            group\tfile\ttitle\ttags
            animals\tcats/tom.png\tA cat\tcat| pet |cat||kitten
            animals\t/abs/rex.jpg\tA dog\t

            """.utf8))
        let table = try CaptionTable.read(captions: captions, images: "/photos")
        #expect(table.name == "pets")
        #expect(table.extraColumns == ["group"])
        #expect(table.images.count == 2)
        #expect(table.images[0] == CaptionedImage(file: "cats/tom.png", path: "/photos/cats/tom.png", title: "A cat",
                                                  tags: ["cat", "pet", "kitten"], extra: ["animals"]))
        #expect(table.images[1].path == "/abs/rex.jpg")
        #expect(table.images[1].tags.isEmpty)
    }

    @Test func imagePathsDefaultToTheCaptionsFolder() throws {
        let folder = try TemporaryFolder()
        let captions = try folder.write("sub/c.tsv", bytes: Array("a.png\tTitle\tx|y\n".utf8))
        let table = try CaptionTable.read(captions: captions)
        #expect(table.images.map(\.path) == [folder.path + "/sub/a.png"])
        #expect(table.images[0].tags == ["x", "y"])
    }

    @Test func readsJSONLines() throws {
        let folder = try TemporaryFolder()
        let captions = try folder.write("c.jsonl", bytes: Array("""
            {"file": "a.png", "caption": "Grandma's old rag doll.", "tags": ["doll", "toy"], "year": 1999}
            {"file": "b.png", "title": "Kite", "tags": "kite|sky"}

            """.utf8))
        let table = try CaptionTable.read(captions: captions, name: "toys")
        #expect(table.name == "toys")
        #expect(table.extraColumns == ["year"])
        #expect(table.images.map(\.title) == ["Grandma's old rag doll.", "Kite"])
        #expect(table.images.map(\.tags) == [["doll", "toy"], ["kite", "sky"]])
        #expect(table.images.map(\.extra) == [["1999"], [""]])
    }

    @Test func reportsTheLineOfABadRecord() throws {
        let folder = try TemporaryFolder()
        let captions = try folder.write("c.jsonl", bytes: Array("{\"file\": \"a.png\"}\n{\"title\": \"no file\"}\n".utf8))
        #expect(throws: CaptionTableError(file: captions, line: 2, message: "no \"file\" string")) {
            try CaptionTable.read(captions: captions)
        }
        #expect(throws: CaptionTableError.self) { try CaptionTable.read(captions: folder.path + "/missing.tsv") }
    }
}

@Suite struct NumpyFileTests {
    @Test func roundTripsAndAlignsTheHeader() throws {
        let folder = try TemporaryFolder()
        let values: [Float] = (0..<6).map { Float($0) * 0.5 - 1 }
        let file = folder.path + "/a.npy"
        try NumpyArrayWriter.write(values, rows: 2, columns: 3, to: file)
        let bytes = [UInt8](FileManager.default.contents(atPath: file)!)
        #expect((bytes.count - 24) % 64 == 0)  // numpy's rule: data starts on a 64-byte boundary
        let read = try NumpyArrayReader.read(path: file)
        #expect(read.rows == 2 && read.columns == 3 && read.values == values)
    }

    @Test func readsNumpysOwnFile() throws {
        let read = try NumpyArrayReader.read(path: Fixture.path("shapes224.features.npy"))
        #expect(read.rows == 1 && read.columns == 1280)
    }

    @Test func rejectsOtherFiles() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("x.npy", bytes: Array("hello".utf8))
        #expect(throws: ImportError.self) { try NumpyArrayReader.read(path: file) }
    }
}

@Suite struct ProgressBarTests {
    @Test func showsCountRateAndETA() {
        #expect(ProgressBar.line(label: "emoji", unit: "images", done: 50, total: 200, elapsed: 5, width: 8)
                == "emoji [##......] 50/200 25% 10.0 images/s ETA 0:15")
        #expect(ProgressBar.line(label: "x", unit: "images", done: 0, total: 10, elapsed: 0, width: 4) == "x [....] 0/10 0%")
        #expect(ProgressBar.line(label: "x", unit: "images", done: 10, total: 10, elapsed: 4000, width: 4)
                == "x [####] 10/10 100% 0.0 images/s in 1:06:40")
    }
}
