import Foundation
import Testing
@testable import GlimpseVision
import GlimpseTestSupport

/// The formats README's "Your own photos" promises: each written by libvips and read back through
/// the header check and the model's preprocessing, as `glimpse index` reads a photo.
@Suite struct ImageFormatTests {
    @Test(arguments: ["jpg", "png", "webp", "gif", "tif", "heic", "avif"])
    func decodes(_ suffix: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.image("quadrants.\(suffix)", width: 96, height: 64) { x, y in
            x < 48 ? (y < 32 ? [230, 20, 20] : [20, 200, 40]) : (y < 32 ? [20, 40, 220] : [240, 220, 30])
        }
        let header = try ImageFileLimits.standard.check(path: path)
        #expect(header.width == 96 && header.height == 64)
        let rgb = try ImagePreprocessor.efficientNetLiteFit.pixels(path: path)
        #expect(rgb.count == 224 * 224 * 3)
        // Top-left quadrant of the fitted picture (224 x 149, centred): red, within lossy tolerance.
        let i = 3 * (60 * 224 + 40)
        #expect(rgb[i] > 150 && rgb[i + 1] < 100 && rgb[i + 2] < 100, "\(suffix): \(rgb[i..<(i + 3)])")
    }
}
