import Foundation
import Testing
@testable import GlimpseVision
import GlimpseTestSupport

@Suite struct ThumbnailTests {
    @Test func encodesEachFormatWithinTheSize() throws {
        let folder = try TemporaryFolder()
        let file = try folder.image("wide.png", width: 512, height: 256, bands: 4) { x, _ in x < 256 ? [200, 30, 30, 255] : [0, 0, 0, 0] }
        let png = try Thumbnail.encode(path: file, size: 64, format: .png)
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        let webp = try Thumbnail.encode(path: file, size: 64, format: .webp)
        #expect(Array(webp[8..<12]) == Array("WEBP".utf8))
        let jpeg = try Thumbnail.encode(path: file, size: 64, format: .jpeg)
        #expect(Array(jpeg.prefix(2)) == [0xFF, 0xD8])
        let written = try folder.write("thumb.png", bytes: png)
        let decoded = try ImageFile.rgbPixels(path: written)
        #expect(decoded.width == 64 && decoded.height == 32)
        // JPEG has no alpha: the transparent half must come out white, not black.
        let jpegFile = try folder.write("thumb.jpg", bytes: jpeg)
        let jpegPixels = try ImageFile.rgbPixels(path: jpegFile)
        let right = 3 * (16 * jpegPixels.width + 60)
        #expect(jpegPixels.rgb[right] > 240 && jpegPixels.rgb[right + 1] > 240)
    }

    @Test func dataURIHasTheMimeType() throws {
        let folder = try TemporaryFolder()
        let file = try folder.image("small.png", width: 40, height: 40) { _, _ in [1, 2, 3] }
        #expect(try Thumbnail.dataURI(path: file, size: 16, format: .png).hasPrefix("data:image/png;base64,iVBOR"))
    }

    @Test func notAnImageIsAnError() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("x.png", bytes: Array("hello".utf8))
        #expect(throws: ImageError.self) { try Thumbnail.encode(path: file) }
    }

    /// The second request of the same image reads the cached file; another image is another entry.
    @Test func theCacheKeepsEachImagesThumbnail() throws {
        let folder = try TemporaryFolder()
        let cache = ThumbnailCache(cache: GlimpseCache(root: folder.path))
        let red = try folder.image("red.png", width: 300, height: 200) { _, _ in [200, 30, 30] }
        let blue = try folder.image("blue.png", width: 300, height: 200) { _, _ in [30, 30, 200] }
        let first = try #require(cache.thumbnail(of: red, format: .png))
        #expect(first == (try Thumbnail.encode(path: red, size: ThumbnailCache.size, format: .png, quality: 80)))
        let kept = try FileManager.default.contentsOfDirectory(atPath: cache.folder)
        #expect(kept.count == 1 && kept[0].hasSuffix("-\(ThumbnailCache.size).png"))
        // Replace the cached file: what comes back is the cache's, not a new encoding.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: cache.folder + "/" + kept[0]))
        #expect(cache.thumbnail(of: red, format: .png) == [1, 2, 3])
        #expect(cache.thumbnail(of: blue, format: .png) != [1, 2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 2)
        #expect(cache.thumbnail(of: folder.path + "/missing.png", format: .png) == nil)
    }
}
