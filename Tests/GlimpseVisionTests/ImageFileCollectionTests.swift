import GlimpseCore
import Foundation
import Testing
import GlimpseTestSupport
@testable import GlimpseVision

/// Paths and names of a collection to encode; the table's own dialect is tested in GlimpseCore (ImageTableTests).
@Suite struct ImageFileCollectionTests {
    @Test func pathsStartFromTheImageFolderUnlessAbsolute() throws {
        let folder = try TemporaryFolder()
        let captions = try folder.write("pets.tsv", bytes: Array("""
            group\tfile\ttitle\ttags
            animals\tcats/tom.png\tA cat\tcat| pet |cat||kitten
            animals\t/abs/rex.jpg\tA dog\t

            """.utf8))
        let collection = try ImageFileCollection.read(captions: captions, images: "/photos")
        #expect(collection.name == "pets")
        #expect(collection.imageFolder == "/photos")
        #expect(collection.table.extraColumns == ["group"])
        #expect(collection.paths == ["/photos/cats/tom.png", "/abs/rex.jpg"])
        #expect(collection.table.rows[0].file == "cats/tom.png")
    }

    @Test func imagePathsDefaultToTheCaptionsFolder() throws {
        let folder = try TemporaryFolder()
        let captions = try folder.write("sub/c.tsv", bytes: Array("a.png\tTitle\tx|y\n".utf8))
        let collection = try ImageFileCollection.read(captions: captions)
        #expect(collection.paths == [folder.path + "/sub/a.png"])
        #expect(collection.table.rows[0].tags == ["x", "y"])
    }

    @Test func theNameDefaultsToTheCaptionsFileName() throws {
        let folder = try TemporaryFolder()
        let captions = try folder.write("c.jsonl", bytes: Array("{\"file\": \"a.png\", \"caption\": \"A\"}\n".utf8))
        #expect(try ImageFileCollection.read(captions: captions).name == "c")
        #expect(try ImageFileCollection.read(captions: captions, name: "toys").name == "toys")
    }

    @Test func reportsTheLineOfABadRecord() throws {
        let folder = try TemporaryFolder()
        let captions = try folder.write("c.jsonl", bytes: Array("{\"file\": \"a.png\"}\n{\"title\": \"no file\"}\n".utf8))
        do {
            _ = try ImageFileCollection.read(captions: captions)
            Issue.record("expected an error")
        } catch {
            #expect(error.path == captions && error.line == 2 && error.message.contains("missing 'file'"))
        }
        #expect(throws: ImportError.self) { try ImageFileCollection.read(captions: folder.path + "/missing.tsv") }
    }
}

@Suite struct NumpyFileTests {
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
