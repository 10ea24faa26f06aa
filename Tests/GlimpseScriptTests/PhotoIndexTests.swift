import Foundation
import GlimpseCore
import GlimpseTestSupport
import GlimpseVision
import Testing

/// `glimpse index` through the binary on a real folder tree with subfolders, a hidden folder,
/// a symbolic link loop and the bad files a real disk has; then an update that adds, changes
/// and removes files. The base space is ImageFileTests' small built space (60 openclipart
/// images, the whole zero-shot share), so these tests need the same fetched assets.
@Suite(.serialized, .enabled(if: FetchedAssets.present, FetchedAssets.skipReason))
struct PhotoIndexTests {
    static var cache: String { ImageFileTests.cache }
    static var environment: [String: String] { ["GLIMPSE_CACHE": cache] }
    static let photos = FetchedAssets.root + "/photos"

    /// The folder tree: four images in three folders, one more in a hidden folder, and every kind of bad file.
    static func makeTree() throws -> (root: String, skippedNames: [String]) {
        let root = ScratchFolder.unique("photo-index").path
        let fm = FileManager.default
        for folder in ["sub/deeper", ".hidden"] { try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
        try fm.copyItem(atPath: photos + "/dog.jpg", toPath: root + "/a.jpg")
        let giraffe = try ImageFile.rgbPixels(path: photos + "/giraffe.jpg")
        try ImageFile.write(pixels: giraffe.rgb, width: giraffe.width, height: giraffe.height, bands: 3, to: root + "/b.png")
        try fm.copyItem(atPath: photos + "/eagle.jpg", toPath: root + "/sub/c.jpg")
        // A photo as a camera leaves it: EXIF orientation (a quarter turn), camera, date taken, keywords.
        let horses = Array(try Data(contentsOf: URL(fileURLWithPath: photos + "/horses.jpg")))
        try Data(PhotoMetadata.jpeg(horses, orientation: 6, make: "Canon", model: "Canon EOS 5D", taken: "2019:06:01 12:00:00",
                                    keywords: ["field", "horses"])).write(to: URL(fileURLWithPath: root + "/sub/deeper/d.jpg"))
        try fm.copyItem(atPath: photos + "/kite.jpg", toPath: root + "/.hidden/e.jpg")
        try fm.createSymbolicLink(atPath: root + "/sub/loop", withDestinationPath: "..")
        try "just notes\n".write(toFile: root + "/notes.txt", atomically: true, encoding: .utf8)
        // Bad files, all with an image suffix so that they are looked at.
        #expect(mkfifo(root + "/pipe.jpg", 0o644) == 0)
        fm.createFile(atPath: root + "/empty.jpg", contents: Data())
        try "this is not a JPEG\n".write(toFile: root + "/fake.jpg", atomically: true, encoding: .utf8)
        let dog = try Data(contentsOf: URL(fileURLWithPath: photos + "/dog.jpg"))
        try dog.prefix(dog.count / 3).write(to: URL(fileURLWithPath: root + "/truncated.jpg"))
        try Self.largePNGHeader(width: 20_000, height: 20_000).write(to: URL(fileURLWithPath: root + "/huge.png"))
        // A name that is not UTF-8: byte 0xFF.
        let badName = Array((root + "/bad").utf8) + [0xFF] + Array(".jpg".utf8) + [0]
        let descriptor = badName.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(descriptor >= 0)
        _ = dog.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        var skipped = ["pipe.jpg", "empty.jpg", "fake.jpg", "truncated.jpg", "huge.png", "bad\u{FFFD}.jpg"]
        // Root reads every file, so the unreadable case is only checked for other users.
        if geteuid() != 0 {
            try fm.copyItem(atPath: photos + "/dog.jpg", toPath: root + "/unreadable.jpg")
            chmod(root + "/unreadable.jpg", 0)
            skipped.append("unreadable.jpg")
        }
        return (root, skipped)
    }

    /// A PNG whose header says `width` x `height` (8-bit RGB), followed by a tiny IDAT: cheap to
    /// write, and all a reader needs to see that it is too large to decode.
    static func largePNGHeader(width: UInt32, height: UInt32) -> Data {
        let header = PNGChunks.bigEndian(Int(width)) + PNGChunks.bigEndian(Int(height)) + [8, 2, 0, 0, 0]
        let idat: [UInt8] = [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]  // zlib of one zero byte
        return Data(PNGChunks.signature + PNGChunks.chunk("IHDR", header) + PNGChunks.chunk("IDAT", idat) + PNGChunks.chunk("IEND", []))
    }

    static func index(_ root: String, output: String, extra: [String] = []) throws -> BuiltProgram.Result {
        try BuiltProgram.run(["index", root, "-o", output, "--model", ImageFileTests.zeroShot.space] + extra, environment: environment)
    }

    static func query(_ space: String, _ script: String, format: String = "table") throws -> BuiltProgram.Result {
        try BuiltProgram.run(["--space", space, "--format", format, "-c", script], environment: environment)
    }

    /// Rows by file name, with their numbers, vectors and facts.
    static func rows(of space: Space) -> [String: (number: Int, vector: [Float], facts: ImageFileFacts?, record: ImageRecord)] {
        var rows: [String: (Int, [Float], ImageFileFacts?, ImageRecord)] = [:]
        for row in 0..<space.imageCount {
            let record = space.image(at: row)
            rows[(record.file as NSString).lastPathComponent] =
                (space.imageNumber(row: row), Array(space.imageVectors.row(row)), space.imageFileFacts?[row], record)
        }
        return rows
    }

    @Test func indexesAFolderTreeSkipsBadFilesAndUpdates() throws {
        #expect(ImageFileTests.zeroShot.result?.status == 0, "\(ImageFileTests.zeroShot.result?.standardError ?? "no base space")")
        let (root, skippedNames) = try Self.makeTree()
        // The output lies inside the walked folder: it, its temporary file and the cache are never indexed.
        let output = root + "/photos.glimpse"

        let first = try Self.index(root, output: output)
        #expect(first.status == 0 && !first.killedBySignal, "\(first.standardError)")
        #expect(first.standardError.contains("4 images: 0 unchanged, 4 new, 0 changed, 0 removed, \(skippedNames.count) skipped"), "\(first.standardError)")
        for name in skippedNames {
            #expect(first.standardError.contains("skipped \(root)/\(name): "), "\(name): \(first.standardError)")
        }
        #expect(first.standardError.contains("pipe.jpg: a FIFO"))
        #expect(first.standardError.contains("empty.jpg: empty (0 bytes)"))
        #expect(first.standardError.contains("huge.png: 20000 x 20000 pixels, more than the limit"))
        #expect(first.standardError.contains("bad\u{FFFD}.jpg: the name is not UTF-8"))

        let before = try Space.open(path: output)
        let rowsBefore = Self.rows(of: before)
        // Walk order is by name, folders included; the hidden folder and the loop add nothing.
        #expect(Set(rowsBefore.keys) == ["a.jpg", "b.png", "c.jpg", "d.jpg"])
        #expect((0..<4).map { (before.image(at: $0).file as NSString).lastPathComponent } == ["a.jpg", "b.png", "c.jpg", "d.jpg"])
        #expect((0..<4).map { before.imageNumber(row: $0) } == [1, 2, 3, 4])
        #expect(rowsBefore["a.jpg"]?.record.title == "a" && rowsBefore["c.jpg"]?.record.file == root + "/sub/c.jpg")
        let aSize = try FileManager.default.attributesOfItem(atPath: root + "/a.jpg")[.size] as? Int
        #expect(rowsBefore["a.jpg"]?.facts?.byteSize == aSize)
        let giraffe = try ImageFile.rgbPixels(path: root + "/b.png")
        #expect(rowsBefore["b.png"]?.facts?.pixelWidth == giraffe.width && rowsBefore["b.png"]?.facts?.pixelHeight == giraffe.height)
        // EXIF: the size as seen (turned), the camera, the date taken; the keywords become tags.
        let horses = try ImageFile.rgbPixels(path: Self.photos + "/horses.jpg")
        let d = try #require(rowsBefore["d.jpg"])
        #expect(d.facts?.pixelWidth == horses.height && d.facts?.pixelHeight == horses.width)
        #expect(d.facts?.camera == "Canon EOS 5D" && d.facts?.taken == 1_559_390_400)
        #expect(d.record.tags == ["field", "horses"])
        let showD = try Self.query(output, "show IMG_4")
        #expect(showD.standardOutput.contains("  tags      field, horses\n"), "\(showD.standardOutput)")
        #expect(showD.standardOutput.contains("  pixels    \(horses.height) x \(horses.width)\n"), "\(showD.standardOutput)")
        #expect(showD.standardOutput.contains("  taken     2019-06-01 12:00:00 (camera clock)\n  camera    Canon EOS 5D\n"), "\(showD.standardOutput)")
        let jsonD = try Self.query(output, "top 1 IMG_4 including query", format: "json")
        #expect(jsonD.standardOutput.contains("\"taken\":\"2019-06-01T12:00:00\",\"camera\":\"Canon EOS 5D\""), "\(jsonD.standardOutput)")

        // The model travels: image("file") works on the new space, and places a file as the index did.
        let same = try Self.query(output, "sim(IMG_1, image(\"\(root)/a.jpg\"))", format: "json")
        #expect(same.status == 0, "\(same.standardError)")
        #expect(same.standardOutput.contains("\"value\":1"), "\(same.standardOutput)")

        // --hidden takes the hidden folder too (into another space: the first one stays as it is).
        let withHidden = try Self.index(root, output: root + "/.hidden/all.glimpse", extra: ["--hidden"])
        #expect(withHidden.standardError.contains("5 images: 0 unchanged, 5 new"), "\(withHidden.standardError)")

        // The update: one new file, one changed, one removed.
        try FileManager.default.copyItem(atPath: Self.photos + "/person.jpg", toPath: root + "/sub/new.jpg")
        // The top half, mirrored.
        var half: [UInt8] = []
        for y in 0..<(giraffe.height / 2) {
            for x in (0..<giraffe.width).reversed() {
                let start = (y * giraffe.width + x) * 3
                half += giraffe.rgb[start..<(start + 3)]
            }
        }
        try ImageFile.write(pixels: half, width: giraffe.width, height: giraffe.height / 2, bands: 3, to: root + "/b.png")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 10)], ofItemAtPath: root + "/b.png")
        try FileManager.default.removeItem(atPath: root + "/sub/c.jpg")

        let second = try Self.index(root, output: output)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardError.contains("4 images: 2 unchanged, 1 new, 1 changed, 1 removed"), "\(second.standardError)")
        // The new and the changed file (the truncated one is tried again, and fails again).
        #expect(second.standardError.contains("; 2 encoded in "), "\(second.standardError)")
        let after = try Space.open(path: output)
        let rowsAfter = Self.rows(of: after)
        #expect(Set(rowsAfter.keys) == ["a.jpg", "b.png", "d.jpg", "new.jpg"])
        // Ids: kept for kept files, a new number for the new file, the removed one retired.
        #expect(rowsAfter["a.jpg"]?.number == 1 && rowsAfter["b.png"]?.number == 2 && rowsAfter["d.jpg"]?.number == 4)
        #expect(rowsAfter["new.jpg"]?.number == 5)
        #expect(after.imageNumbers?.retired == [ImageNumbers.Retired(number: 3, file: root + "/sub/c.jpg")])
        // Vectors: unchanged files keep theirs bit for bit; the changed file has a new one.
        #expect(rowsAfter["a.jpg"]?.vector == rowsBefore["a.jpg"]?.vector && rowsAfter["d.jpg"]?.vector == rowsBefore["d.jpg"]?.vector)
        #expect(rowsAfter["b.png"]?.vector != rowsBefore["b.png"]?.vector)
        // Metadata follows the file.
        #expect(rowsAfter["b.png"]?.facts?.pixelHeight == giraffe.height / 2)
        let bSize = try FileManager.default.attributesOfItem(atPath: root + "/b.png")[.size] as? Int
        #expect(rowsAfter["b.png"]?.facts?.byteSize == bSize && bSize != rowsBefore["b.png"]?.facts?.byteSize)

        // Ids in queries, show and JSON.
        let show = try Self.query(output, "show IMG_5")
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput.hasPrefix("IMG_5\n  file      \(root)/sub/new.jpg\n  title     new\n"), "\(show.standardOutput)")
        #expect(show.standardOutput.contains("  folder    \(root)/sub\n") && show.standardOutput.contains("  pixels    "), "\(show.standardOutput)")
        let json = try Self.query(output, "show IMG_2", format: "json")
        #expect(json.standardOutput.contains("\"id\":\"IMG_2\"") && json.standardOutput.contains("\"bytes\":\(bSize ?? -1)"), "\(json.standardOutput)")
        #expect(json.standardOutput.contains("\"height\":\(giraffe.height / 2)"), "\(json.standardOutput)")
        let top = try Self.query(output, "top 4 IMG_5 including query")
        #expect(top.standardOutput.contains(" 1  IMG_5  1.000  new"), "\(top.standardOutput)")
        // A removed id says which file it was.
        let gone = try Self.query(output, "show IMG_3")
        #expect(gone.status == 70)
        #expect(gone.standardError.contains("IMG_3 was '\(root)/sub/c.jpg', which is gone"), "\(gone.standardError)")
        let unknown = try Self.query(output, "top 1 IMG_9")
        #expect(unknown.standardError.contains("this space's ids run from IMG_1 to IMG_5, with gaps"), "\(unknown.standardError)")

        // A third run with nothing changed decodes nothing.
        let third = try Self.index(root, output: output)
        #expect(third.standardError.contains("4 images: 4 unchanged, 0 new, 0 changed, 0 removed"), "\(third.standardError)")
        #expect(!third.standardError.contains("encoded"), "\(third.standardError)")
    }

    @Test func neverOverwritesASpaceMadeAnotherWay() throws {
        let root = ScratchFolder.unique("photo-index-other").path
        try FileManager.default.copyItem(atPath: Self.photos + "/dog.jpg", toPath: root + "/a.jpg")
        let other = root + "/built.glimpse"
        try FileManager.default.copyItem(atPath: ImageFileTests.zeroShot.space, toPath: other)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: other))
        let result = try Self.index(root, output: other)
        #expect(result.status == 74, "\(result.standardError)")
        #expect(result.standardError.contains("was not made by 'glimpse index'"), "\(result.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == bytes)
        // A missing folder is an error, not an index with every photo removed.
        let missing = try Self.index(root + "/not-there", output: root + "/p.glimpse")
        #expect(missing.status == 74 && missing.standardError.contains("no such folder: \(root)/not-there"), "\(missing.standardError)")
        #expect(!FileManager.default.fileExists(atPath: root + "/p.glimpse"))
    }

    /// Captions are optional; when given (here TSV, by path under the folder) they name and tag their photos,
    /// and the keywords a photo carries join its tags.
    @Test func captionsGiveTitlesAndTags() throws {
        let root = ScratchFolder.unique("photo-index-captions").path
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        let dog = Array(try Data(contentsOf: URL(fileURLWithPath: Self.photos + "/dog.jpg")))
        try Data(PhotoMetadata.jpeg(dog, orientation: 1, make: "Nikon", model: "D750", taken: "2020:01:02 03:04:05", keywords: ["bicycle"]))
            .write(to: URL(fileURLWithPath: root + "/sub/a.jpg"))
        try FileManager.default.copyItem(atPath: Self.photos + "/eagle.jpg", toPath: root + "/b.jpg")
        let captions = root + "/captions.tsv"
        try "file\ttitle\ttags\nsub/a.jpg\tMy dog\tpet|brown\n".write(toFile: captions, atomically: true, encoding: .utf8)
        let output = ScratchFolder.unique("photo-index-captions-out").path + "/p.glimpse"
        let result = try Self.index(root, output: output, extra: ["--captions", captions])
        #expect(result.status == 0, "\(result.standardError)")
        let show = try Self.query(output, "show IMG_2; show IMG_1")
        #expect(show.standardOutput.contains("IMG_2\n  file      \(root)/sub/a.jpg\n  title     My dog\n  tags      pet, brown, bicycle\n"), "\(show.standardOutput)")
        #expect(show.standardOutput.contains("  camera    Nikon D750\n"), "\(show.standardOutput)")
        #expect(show.standardOutput.contains("IMG_1\n  file      \(root)/b.jpg\n  title     b\n  tags      \n"), "\(show.standardOutput)")
    }

    /// `image("...")` of a device or a FIFO used to block for ever; now it is an error at the call.
    @Test func imageOfADeviceOrAFIFOIsAnErrorNotAHang() throws {
        let space = ImageFileTests.zeroShot.space
        let fifo = ScratchFolder.unique("photo-index-fifo").path + "/pipe.jpg"
        #expect(mkfifo(fifo, 0o644) == 0)
        for (file, reason) in [("/dev/zero", "a device, not a regular file"), (fifo, "a FIFO (named pipe), not a regular file")] {
            let result = try Self.query(space, "top 1 image(\"\(file)\")")
            #expect(result.status == 70 && !result.killedBySignal)
            #expect(result.standardError.contains("<command>:1:7: error: cannot embed '\(file)': \(file): \(reason)"), "\(result.standardError)")
        }
    }
}
