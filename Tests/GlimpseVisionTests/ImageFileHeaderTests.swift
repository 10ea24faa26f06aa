import Foundation
import Testing
@testable import GlimpseVision
import GlimpseTestSupport

/// What an image file's header says (EXIF orientation, camera, date taken, keywords), read without
/// decoding; the orientation is applied before encoding and in thumbnails; the limits refuse files
/// before libvips opens them.
@Suite struct ImageFileHeaderTests {
    /// A 64 x 32 JPEG, red on the left and blue on the right, with an EXIF block (orientation 6:
    /// turn a quarter clockwise to view; Canon EOS 5D; taken 2019-06-01 12:00) and an XMP packet.
    static func photo(in folder: TemporaryFolder) throws -> String {
        let plain = try folder.image("plain.jpg", width: 64, height: 32) { x, _ in x < 32 ? [230, 20, 20] : [20, 40, 220] }
        let jpeg = PhotoMetadata.jpeg(Array(try Data(contentsOf: URL(fileURLWithPath: plain))), orientation: 6,
                                      make: "Canon", model: "Canon EOS 5D", taken: "2019:06:01 12:00:00", keywords: ["beach", "sea & sky", "beach"])
        let path = try folder.pathForWriting("rotated.jpg")
        try Data(jpeg).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theHeaderGivesOrientationCameraDateAndKeywords() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let header = try ImageFileHeader.read(path: try Self.photo(in: folder))
        #expect(header.storedWidth == 64 && header.storedHeight == 32 && header.orientation == 6)
        #expect(header.width == 32 && header.height == 64)
        #expect(header.make == "Canon" && header.model == "Canon EOS 5D" && header.camera == "Canon EOS 5D")
        #expect(header.taken == "2019:06:01 12:00:00")
        #expect(header.keywords == ["beach", "sea & sky"])
        let plain = try ImageFileHeader.read(path: folder.file("plain.jpg"))
        #expect(plain.orientation == 1 && plain.camera == nil && plain.taken == nil && plain.keywords.isEmpty)
    }

    /// Orientation 6 shows the stored left (red) half on top: so must the model's input and the thumbnail.
    @Test func orientationIsAppliedBeforeEncodingAndInThumbnails() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.photo(in: folder)
        let rgb = try ImagePreprocessor.efficientNetLite.pixels(path: path)
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(rgb[(3 * (y * 224 + x))..<(3 * (y * 224 + x) + 3)]) }
        #expect(pixel(112, 5)[0] > 180 && pixel(112, 5)[2] < 80, "\(pixel(112, 5))")
        #expect(pixel(112, 218)[2] > 180 && pixel(112, 218)[0] < 80, "\(pixel(112, 218))")
        let thumbnail = try folder.pathForWriting("thumbnail.png")
        try Data(try Thumbnail.encode(path: path, size: 32, format: .png)).write(to: URL(fileURLWithPath: thumbnail))
        let small = try ImageFile.rgbPixels(path: thumbnail)
        #expect(small.width == 16 && small.height == 32)
    }

    @Test func iptcKeywordsAreRead() {
        let block: [UInt8] = Array("8BIM".utf8) + [0x04, 0x04, 0, 0, 0, 0, 0, 20] + [0x1C, 0x02, 0x19, 0, 3] + Array("dog".utf8)
            + [0x1C, 0x02, 0x78, 0, 2] + Array("hi".utf8) + [0x1C, 0x02, 0x19, 0, 4] + Array("park".utf8) + [0x1C, 0x02, 0x19, 0xFF, 0xFF]
        #expect(ImageKeywords.iptcKeywords(block) == ["dog", "park"])
        #expect(ImageKeywords.xmpSubjects(Array("<x>no subjects</x>".utf8)).isEmpty)
    }

    @Test func limitsRefuseFilesBeforeDecoding() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.photo(in: folder)
        #expect(throws: ImageError(file: path, message: "64 x 32 pixels, more than the limit of 2000 pixels")) {
            try ImageFileLimits(maximumPixels: 2000).check(path: path)
        }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(throws: ImageError(file: path, message: "\(size) bytes, more than the limit of 100 bytes")) {
            try ImageFileLimits(maximumBytes: 100).check(path: path)
        }
        #expect(throws: ImageError(file: "/dev/zero", message: "a device, not a regular file")) {
            try ImagePreprocessor.efficientNetLite.pixels(path: "/dev/zero")
        }
        let empty = try folder.pathForWriting("empty.png")
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: ImageError(file: empty, message: "empty (0 bytes)")) { try Thumbnail.encode(path: empty) }
        #expect(throws: ImageError(file: folder.file("none.png"), message: "no such file")) { try ImageFile.rgbPixels(path: folder.file("none.png")) }
        #expect(try ImageFileLimits.standard.check(path: path).storedWidth == 64)
    }
}
