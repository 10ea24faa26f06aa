import Foundation
import Testing
@testable import GlimpseVision
import GlimpseTestSupport

@Suite struct ImagePreprocessorTests {
    let red: [UInt8] = [230, 20, 20], green: [UInt8] = [20, 200, 40], blue: [UInt8] = [20, 40, 220], yellow: [UInt8] = [240, 220, 30]

    /// Pixel (x, y) of an RGB crop.
    func pixel(_ rgb: [UInt8], _ x: Int, _ y: Int, side: Int = 224) -> [UInt8] {
        Array(rgb[(3 * (y * side + x))..<(3 * (y * side + x) + 3)])
    }

    @Test func quadrantsKeepTheirColoursAfterResizeAndCrop() throws {
        let folder = try TemporaryFolder()
        let file = try folder.image("quadrants.png", width: 512, height: 512) { x, y in
            x < 256 ? (y < 256 ? red : green) : (y < 256 ? blue : yellow)
        }
        let rgb = try ImagePreprocessor.efficientNetLite.pixels(path: file)
        #expect(rgb.count == 224 * 224 * 3)
        #expect(pixel(rgb, 5, 5) == red)
        #expect(pixel(rgb, 5, 218) == green)
        #expect(pixel(rgb, 218, 5) == blue)
        #expect(pixel(rgb, 218, 218) == yellow)
    }

    @Test func wideImagesAreCutToTheirCentre() throws {
        // 1024 x 512 -> 512 x 256 -> the centre 224 x 224 spans x 144..<368 of 512,
        // so a red band on the left quarter (x < 256 of 1024) is cut away entirely.
        let folder = try TemporaryFolder()
        let file = try folder.image("wide.png", width: 1024, height: 512) { x, _ in
            x < 256 ? red : (x < 512 ? green : blue)
        }
        let rgb = try ImagePreprocessor.efficientNetLite.pixels(path: file)
        #expect(pixel(rgb, 2, 112) == green)
        #expect(pixel(rgb, 221, 112) == blue)
        #expect(!(0..<224).contains { pixel(rgb, $0, 100) == red })
    }

    @Test func fitOnWhiteKeepsTheWholeImage() throws {
        // 448 x 224 -> 224 x 112, centred: white bands above and below, both halves kept.
        let folder = try TemporaryFolder()
        let file = try folder.image("wide.png", width: 448, height: 224) { x, _ in x < 224 ? red : blue }
        let rgb = try ImagePreprocessor.efficientNetLiteFit.pixels(path: file)
        #expect(rgb.count == 224 * 224 * 3)
        #expect(pixel(rgb, 100, 10) == [255, 255, 255])
        #expect(pixel(rgb, 100, 213) == [255, 255, 255])
        #expect(pixel(rgb, 2, 112) == red)
        #expect(pixel(rgb, 221, 112) == blue)
        #expect(ImagePreprocessor.efficientNetLiteFit.identifier != ImagePreprocessor.efficientNetLite.identifier)
        // The fit framing's PNG decoding changed after spaces were made with it: caches tell the two apart, spaces do not.
        #expect(ImagePreprocessor.efficientNetLiteFit.cacheIdentifier == ImagePreprocessor.efficientNetLiteFit.identifier + "+png-box-shrink")
        #expect(ImagePreprocessor.efficientNetLite.cacheIdentifier == ImagePreprocessor.efficientNetLite.identifier)
    }

    @Test func transparencyBecomesWhite() throws {
        let folder = try TemporaryFolder()
        let file = try folder.image("alpha.png", width: 300, height: 300, bands: 4) { x, _ in
            x < 150 ? [0, 0, 0, 0] : [20, 40, 220, 255]
        }
        let rgb = try ImagePreprocessor.efficientNetLite.pixels(path: file)
        #expect(pixel(rgb, 3, 100) == [255, 255, 255])
        #expect(pixel(rgb, 220, 100) == blue)
    }

    @Test func fitFlattensTransparencyOntoWhite() throws {
        // 600 x 300 with alpha -> 224 x 112: the transparent left half and the padding are
        // white, the opaque right half keeps its colour.
        let folder = try TemporaryFolder()
        let file = try folder.image("alpha.png", width: 600, height: 300, bands: 4) { x, _ in
            x < 300 ? [0, 0, 0, 0] : [20, 40, 220, 255]
        }
        let rgb = try ImagePreprocessor.efficientNetLiteFit.pixels(path: file)
        #expect(pixel(rgb, 100, 10) == [255, 255, 255])   // padding
        #expect(pixel(rgb, 50, 112) == [255, 255, 255])   // transparent
        #expect(pixel(rgb, 180, 112) == blue)
    }

    @Test func greyImagesBecomeThreeEqualChannels() throws {
        let folder = try TemporaryFolder()
        let file = try folder.image("grey.png", width: 256, height: 256, bands: 1) { _, _ in [77] }
        let rgb = try ImagePreprocessor.efficientNetLite.pixels(path: file)
        #expect(pixel(rgb, 100, 100) == [77, 77, 77])
    }

    @Test func tensorIsChannelsFirstAndScaledByMean127Scale128() throws {
        let folder = try TemporaryFolder()
        let file = try folder.image("rgb.png", width: 256, height: 256) { _, _ in [255, 0, 127] }
        let tensor = try ImagePreprocessor.efficientNetLite.tensor(path: file)
        let area = 224 * 224
        #expect(tensor.count == 3 * area)
        #expect(tensor[0..<area].allSatisfy { $0 == 1 })              // (255 - 127) / 128
        #expect(tensor[area..<(2 * area)].allSatisfy { $0 == -127.0 / 128 })
        #expect(tensor[(2 * area)...].allSatisfy { $0 == 0 })
        // Equal to the formula as the model card writes it, to float32 rounding.
        let formula = (Float(255) / 255 - Float(127) / 255) / (Float(128) / 255)
        #expect(abs(tensor[0] - formula) < 1e-6)
    }

    @Test func encodedBuffersGiveTheSamePixelsAsFiles() throws {
        let folder = try TemporaryFolder()
        let file = try folder.image("gradient.png", width: 320, height: 240) { x, y in
            [UInt8(x % 256), UInt8(y % 256), UInt8((x + y) % 256)]
        }
        let bytes = [UInt8](FileManager.default.contents(atPath: file)!)
        #expect(try ImagePreprocessor.efficientNetLite.pixels(encoded: bytes) == ImagePreprocessor.efficientNetLite.pixels(path: file))
    }

    @Test func jpegAndWebPDecode() throws {
        let folder = try TemporaryFolder()
        for name in ["photo.jpg", "photo.webp"] {
            let file = try folder.image(name, width: 300, height: 400) { _, y in y < 200 ? red : blue }
            let rgb = try ImagePreprocessor.efficientNetLite.pixels(path: file)
            // Lossy codecs move colours a little; the halves stay clearly red and blue.
            let top = pixel(rgb, 112, 20), bottom = pixel(rgb, 112, 200)
            #expect(top[0] > 180 && top[2] < 80, "\(name) top \(top)")
            #expect(bottom[2] > 180 && bottom[0] < 80, "\(name) bottom \(bottom)")
        }
    }
}

@Suite struct ImageErrorTests {
    func expectImageError(_ file: String, mentioning words: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try ImagePreprocessor.efficientNetLite.tensor(path: file)
            Issue.record("expected an error for \(file)", sourceLocation: sourceLocation)
        } catch let error as ImageError {
            #expect(error.file == file, sourceLocation: sourceLocation)
            #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
            #expect(error.description.contains(file), sourceLocation: sourceLocation)
            for word in words {
                #expect(error.message.lowercased().contains(word), "\(error)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("expected ImageError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func emptyFileIsAnError() throws {
        let folder = try TemporaryFolder()
        expectImageError(try folder.write("empty.png", bytes: []))
    }

    @Test func textFileIsAnError() throws {
        let folder = try TemporaryFolder()
        expectImageError(try folder.write("notes.png", bytes: Array("not an image at all\n".utf8)), mentioning: ["not a known"])
    }

    @Test func truncatedPNGIsAnError() throws {
        let folder = try TemporaryFolder()
        let file = try folder.image("whole.png", width: 400, height: 400) { x, y in [UInt8(x % 256), UInt8(y % 256), UInt8((x * y) % 256)] }
        let bytes = [UInt8](FileManager.default.contents(atPath: file)!)
        expectImageError(try folder.write("cut.png", bytes: Array(bytes.prefix(bytes.count / 2))))
    }

    @Test func truncatedJPEGIsAnError() throws {
        let folder = try TemporaryFolder()
        let file = try folder.image("whole.jpg", width: 400, height: 400) { x, y in [UInt8(x % 256), UInt8(y % 256), 90] }
        let bytes = [UInt8](FileManager.default.contents(atPath: file)!)
        expectImageError(try folder.write("cut.jpg", bytes: Array(bytes.prefix(bytes.count / 2))))
    }

    @Test func missingFileIsAnError() {
        expectImageError("/nonexistent/glimpse/picture.png", mentioning: ["no such file"])
    }

    @Test func emptyBufferIsAnError() {
        #expect(throws: ImageError.self) { try ImagePreprocessor.efficientNetLite.pixels(encoded: [], name: "upload") }
    }
}
