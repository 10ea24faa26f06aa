import GlimpseCore
import Foundation
import Testing
@testable import GlimpseVision
import GlimpseTestSupport

@Suite struct ONNXRuntimeErrorTests {
    @Test func missingLibraryNamesThePathAndTheFix() {
        do {
            _ = try ONNXRuntime.load(path: "/nonexistent/libonnxruntime.so.1.32.0")
            Issue.record("expected an error")
        } catch let error as ONNXRuntimeError {
            #expect(error == .libraryNotFound(searched: ["/nonexistent/libonnxruntime.so.1.32.0"]))
            #expect(error.description.contains("Scripts/fetch-assets.sh"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aFileThatIsNotALibraryIsRefused() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("libonnxruntime.so", bytes: Array("not ELF".utf8))
        #expect {
            _ = try ONNXRuntime.load(path: file)
        } throws: { error in
            guard case .libraryUnusable(let path, let reason)? = error as? ONNXRuntimeError else { return false }
            return path == file && !reason.isEmpty
        }
    }

    @Test func aLibraryWithoutOrtGetApiBaseIsRefused() throws {
        // Any shared library will do; libvips is linked into this test.
        let candidates = ["/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1",
                          "/lib/aarch64-linux-gnu/libz.so.1", "/usr/lib/aarch64-linux-gnu/libz.so.1"]
        guard let library = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return }
        #expect {
            _ = try ONNXRuntime.load(path: library)
        } throws: { error in
            guard case .libraryUnusable(_, let reason)? = error as? ONNXRuntimeError else { return false }
            return reason.contains("OrtGetApiBase")
        }
    }

    @Test func environmentPathsThatDoNotExistAreErrors() {
        let cache = GlimpseCache(environment: ["GLIMPSE_CACHE": "/nonexistent/cache",
                                               "GLIMPSE_ONNXRUNTIME": "/nonexistent/libort.so",
                                               "GLIMPSE_MODEL": "/nonexistent/model.onnx"])
        #expect(throws: ONNXRuntimeError.libraryNotFound(searched: ["/nonexistent/libort.so ($GLIMPSE_ONNXRUNTIME)"])) {
            try cache.onnxRuntimeLibrary()
        }
        #expect(throws: ONNXRuntimeError.modelNotFound(searched: ["/nonexistent/model.onnx ($GLIMPSE_MODEL)"])) {
            try cache.imageModel()
        }
    }

    @Test func anEmptyCacheListsWhereItLooked() {
        let cache = GlimpseCache(environment: ["GLIMPSE_CACHE": "/nonexistent/cache"])
        #expect(cache.root == "/nonexistent/cache")
        #expect {
            try cache.onnxRuntimeLibrary()
        } throws: { error in
            (error as? ONNXRuntimeError)?.description.contains("/nonexistent/cache/libonnxruntime.so") == true
        }
    }

    @Test func cacheRootFollowsXDG() {
        #expect(GlimpseCache(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]).root == "/x/glimpse")
        #expect(GlimpseCache(environment: ["HOME": "/h"]).root == "/h/.cache/glimpse")
    }

    @Test func missingModelIsAnErrorBeforeTheRuntimeIsNeeded() {
        #expect(throws: ONNXRuntimeError.modelNotFound(searched: ["/nonexistent/model.onnx"])) {
            _ = try ImageEncoder(modelPath: "/nonexistent/model.onnx")
        }
    }
}

@Suite(.enabled(if: ModelAvailability.present, ModelAvailability.skipReason))
struct ImageEncoderTests {
    @Test func reportsTheRuntimeVersion() throws {
        let runtime = try ONNXRuntime.load(from: GlimpseCache())
        #expect(runtime.version.hasPrefix("1."))
    }

    @Test func aBrokenModelIsTheRuntimesError() throws {
        let folder = try TemporaryFolder()
        let model = try folder.write("broken.onnx", bytes: Array("this is not a protobuf".utf8))
        #expect {
            _ = try ImageEncoder(modelPath: model)
        } throws: { error in
            guard case .runtime(let operation, _, let message)? = error as? ONNXRuntimeError else { return false }
            return operation.hasPrefix("CreateSession") && !message.isEmpty
        }
    }

    @Test func featuresMatchPythonOnnxruntime() throws {
        // The fixture is exactly 224 x 224, so its pixels go in unresampled; the
        // reference came from Python's onnxruntime on the same pixels (make_shapes224.py).
        let encoder = try ImageEncoder()
        let image = try ImageFile.rgbPixels(path: Fixture.path("shapes224.png"))
        #expect(image.width == 224 && image.height == 224)
        let tensor = [Float](unsafeUninitializedCapacity: 3 * 224 * 224) { buffer, count in
            ImagePreprocessor.normalize(rgb: image.rgb, into: buffer)
            count = 3 * 224 * 224
        }
        let encoded = try encoder.encode(tensors: tensor, count: 1)
        let features = try NumpyArrayReader.read(path: Fixture.path("shapes224.features.npy")).values
        let logits = try NumpyArrayReader.read(path: Fixture.path("shapes224.logits.npy")).values
        let featureError = zip(encoded.features, features).map { abs($0 - $1) }.max()!
        let logitError = zip(encoded.logits, logits).map { abs($0 - $1) }.max()!
        #expect(featureError < 1e-4)
        #expect(logitError < 1e-4)
    }

    @Test func batchesEqualSingleImages() throws {
        let folder = try TemporaryFolder()
        let files = try (0..<3).map { k in
            try folder.image("i\(k).png", width: 300 + 40 * k, height: 260) { x, y in [UInt8((x * (k + 1)) % 256), UInt8(y % 256), UInt8(60 * k)] }
        }
        let encoder = try ImageEncoder()
        let (batch, failures) = try encoder.encode(paths: files)
        #expect(failures.isEmpty && batch.count == 3)
        for (i, file) in files.enumerated() {
            let one = try encoder.embedFile(file)
            #expect(zip(one.features, batch.features(at: i)).allSatisfy { abs($0 - $1) < 1e-4 })
            #expect(zip(one.logits, batch.logits(at: i)).allSatisfy { abs($0 - $1) < 1e-4 })
        }
    }
}
