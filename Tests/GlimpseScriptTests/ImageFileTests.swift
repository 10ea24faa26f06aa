import Foundation
import GlimpseVision
import GlimpseTestSupport
import Testing

/// `glimpse build` on a small captioned folder and `image("file")` on a real photo,
/// through the binary: the whole path a user takes with their own images.
///
/// Needs what set-up fetches into the cache (ONNX Runtime, the model, GloVe, the
/// ImageNet classes and their WordNet tree, openclipart, darknet's photos). Without
/// them the suite is skipped, unless GLIMPSE_REQUIRE_MODEL is set (as CI sets it).
@Suite(.serialized, .enabled(if: FetchedAssets.present, FetchedAssets.skipReason))
struct ImageFileTests {
    /// A cache of its own (links to the fetched assets), so features of the test
    /// collection never land in the user's cache.
    static let cache: String = {
        let dir = ScratchFolder.named("image-file").path
        for name in ["models", "imagenet1k_labels.tsv", "wordnet9k"] + FetchedAssets.onnxRuntimeFiles {
            try? FileManager.default.createSymbolicLink(atPath: dir + "/" + name, withDestinationPath: FetchedAssets.root + "/" + name)
        }
        return dir
    }()

    /// 60 openclipart images (every 50th row of the fetched captions), as a user's folder.
    static let captions: String = {
        let lines = (try? String(contentsOfFile: FetchedAssets.root + "/openclipart.tsv", encoding: .utf8))?
            .split(separator: "\n") ?? []
        let rows = lines.enumerated().filter { $0.offset > 0 && $0.offset % 50 == 0 }.prefix(60)
        let table = (["file\ttitle\ttags"] + rows.map { $0.element.split(separator: "\t", omittingEmptySubsequences: false).prefix(3).joined(separator: "\t") })
            .joined(separator: "\n") + "\n"
        let path = cache + "/clipart.tsv"
        try? table.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    /// Built once per run: the whole share on the zero-shot signal, and none.
    static let zeroShot = build(zeroShotWeight: "1")
    static let headOnly = build(zeroShotWeight: "0")

    static func build(zeroShotWeight: String) -> (space: String, result: BuiltProgram.Result?) {
        let space = Self.cache + "/w\(zeroShotWeight).glimpse"
        let result = try? BuiltProgram.run(
            ["build", "--images", FetchedAssets.root, "--captions", Self.captions, "--words", FetchedAssets.root + "/glove.6B.50d.txt",
             "--zero-shot-weight", zeroShotWeight, "-o", space],
            environment: ["GLIMPSE_CACHE": Self.cache])
        return (space, result)
    }

    func words(of photo: String, in space: String) throws -> [String] {
        let result = try BuiltProgram.run(
            ["--space", space, "--format", "paths", "-c", "words 10 image(\"\(FetchedAssets.root)/photos/\(photo)\")"],
            environment: ["GLIMPSE_CACHE": Self.cache])
        #expect(result.status == 0, "\(result.standardError)")
        return result.standardOutput.split(separator: "\n").map(String.init)
    }

    @Test func aPhotoFindsItsWordsThroughTheZeroShotShare() throws {
        let (space, result) = Self.zeroShot
        #expect(result?.status == 0, "\(result?.standardError ?? "glimpse did not run")")
        #expect(result?.standardError.contains("60 images") == true)
        // With the whole share on the ImageNet classes (and their WordNet hypernyms), darknet's dog photo is a dog.
        let dog = try words(of: "dog.jpg", in: space)
        #expect(dog.count == 10 && dog.contains("dog"), "\(dog)")
        let eagle = try words(of: "eagle.jpg", in: space)
        #expect(eagle.contains("eagle") || eagle.contains("hawk") || eagle.contains("bird"), "\(eagle)")
    }

    @Test func theShareIsTheSpaces() throws {
        let (headOnly, result) = Self.headOnly
        #expect(result?.status == 0, "\(result?.standardError ?? "glimpse did not run")")
        #expect(try words(of: "dog.jpg", in: headOnly) != words(of: "dog.jpg", in: Self.zeroShot.space))
    }

    /// libvips is loaded at the first image operation (Sources/CVipsShim/libvips_load.c):
    /// when it cannot be, the query fails with the loader's reason, not a crash.
    @Test func aMissingLibvipsIsAClearError() throws {
        let (space, built) = Self.zeroShot
        #expect(built?.status == 0, "\(built?.standardError ?? "glimpse did not run")")
        let result = try BuiltProgram.run(
            ["--space", space, "-c", "words 3 image(\"\(FetchedAssets.root)/photos/dog.jpg\")"],
            environment: ["GLIMPSE_CACHE": Self.cache, "GLIMPSE_LIBVIPS": "/nonexistent/libvips.so.42"])
        #expect(result.status != 0 && !result.killedBySignal)
        #expect(result.standardError.contains("cannot load libvips (GLIMPSE_LIBVIPS=/nonexistent/libvips.so.42)"), "\(result.standardError)")
        #expect(result.standardError.contains("No such file"), "\(result.standardError)")
    }

    @Test func aShareOutsideZeroToOneIsAUsageError() throws {
        let result = Self.build(zeroShotWeight: "1.5").result
        #expect(result?.status == 64)
        #expect(result?.standardError.contains("--zero-shot-weight must be between 0 and 1") == true)
    }
}

/// Where set-up put the fetched assets, and whether the ones these tests need are there.
enum FetchedAssets {
    static let root = GlimpseCache().root

    static var onnxRuntimeFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix("libonnxruntime.so") }
    }

    static let missing: [String] = {
        let needed = ["models/efficientnet_lite0.onnx", "imagenet1k_labels.tsv", "wordnet9k/9k.tree", "glove.6B.50d.txt",
                      "openclipart.tsv", "photos/dog.jpg", "photos/eagle.jpg"]
        return needed.filter { !FileManager.default.fileExists(atPath: root + "/" + $0) }
            + (onnxRuntimeFiles.isEmpty ? ["libonnxruntime.so"] : [])
    }()

    static var present: Bool { missing.isEmpty || ProcessInfo.processInfo.environment["GLIMPSE_REQUIRE_MODEL"] != nil }
    static var skipReason: Comment { Comment(rawValue: "skipped: not in \(root): \(missing.joined(separator: ", ")) (run Scripts/fetch-assets.sh)") }
}
