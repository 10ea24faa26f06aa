import Foundation
import Testing
@testable import GlimpseVision
import GlimpseTestSupport

extension TemporaryFolder {
    /// Writes a `width` x `height` image whose pixel (x, y) is `colour(x, y)` (RGB or RGBA)
    /// and returns the file's path.
    @discardableResult
    func image(_ name: String, width: Int, height: Int, bands: Int = 3, colour: (Int, Int) -> [UInt8]) throws -> String {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * bands)
        for y in 0..<height { for x in 0..<width { pixels += colour(x, y) } }
        let file = try pathForWriting(name)
        try ImageFile.write(pixels: pixels, width: width, height: height, bands: bands, to: file)
        return file
    }
}

/// Fixtures shipped with the tests.
enum Fixture {
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!.path
    }
}

/// Whether ONNX Runtime and the model can be found (tests that run the model need both).
///
/// Without them those tests are skipped with the reason, unless GLIMPSE_REQUIRE_MODEL
/// is set (as CI should): then they run and fail with the error.
enum ModelAvailability {
    static let problem: String? = {
        do {
            _ = try GlimpseCache().onnxRuntimeLibrary()
            _ = try GlimpseCache().imageModel()
            return nil
        } catch {
            return "\(error)"
        }
    }()

    static var present: Bool { problem == nil || ProcessInfo.processInfo.environment["GLIMPSE_REQUIRE_MODEL"] != nil }
    static var skipReason: Comment { Comment(rawValue: "skipped: \(problem ?? "")") }
}
